export * from "./types.js";
export { ByteReader, ByteWriter, WasmDecodeError, leb } from "./bytes.js";
export { type BlockType, type Instr, type Op, decodeExpr, decodeInstr, encodeExpr, encodeInstr, encodeInstrs, naturalAlign } from "./instructions.js";
export type { MemOp, PlainOp } from "./opcodes.js";
export { readModule, decodeBody } from "./reader.js";
export { writeModule, encodeBody } from "./writer.js";
export { ModuleBuilder } from "./builder.js";
export { parseNameSection, encodeNameSection, functionNames, setFunctionNames } from "./names.js";
export { toWat, instr as instrText, bytesString } from "./wat.js";
