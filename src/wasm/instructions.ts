import { ByteReader, ByteWriter } from "./bytes.js";
import {
  BLOCK_OPS,
  type BlockOp,
  FC_PLAIN_BY_CODE,
  FC_PLAIN_OPS,
  GLOBAL_OPS,
  type GlobalOp,
  LOCAL_OPS,
  type LocalOp,
  MEM_BY_CODE,
  MEM_OPS,
  MEMIDX_OPS,
  type MemIdxOp,
  type MemOp,
  PLAIN_BY_CODE,
  PLAIN_OPS,
  type PlainOp,
  TABLE_OPS,
  type TableOp,
} from "./opcodes.js";
import { type RefType, VALTYPE_CODES, type ValType } from "./types.js";

/**
 * Instructions as a flat list, exactly as in the binary: `block`/`loop`/`if`
 * open a construct that a later `else`/`end` closes. A function body or
 * constant expression is such a list *without* its final `end`.
 *
 * Float constants are numbers: NaN payloads are not preserved (bodies read
 * from a module stay raw bytes, so this only matters for generated code).
 */
export type BlockType = "empty" | ValType | { typeIndex: number };

export type Instr =
  | { op: PlainOp }
  | { op: BlockOp; type: BlockType }
  | { op: "br" | "br_if"; label: number }
  | { op: "br_table"; labels: number[]; default: number }
  | { op: "call"; func: number }
  | { op: "call_indirect"; type: number; table: number }
  | { op: LocalOp; local: number }
  | { op: GlobalOp; global: number }
  | { op: TableOp; table: number }
  | { op: MemOp; align: number; offset: number }
  | { op: MemIdxOp; mem: number }
  | { op: "memory.copy"; dst: number; src: number }
  | { op: "memory.init"; data: number; mem: number }
  | { op: "data.drop"; data: number }
  | { op: "table.init"; elem: number; table: number }
  | { op: "elem.drop"; elem: number }
  | { op: "table.copy"; dst: number; src: number }
  | { op: "i32.const"; value: number }
  | { op: "i64.const"; value: bigint }
  | { op: "f32.const" | "f64.const"; value: number }
  | { op: "select_t"; types: ValType[] }
  | { op: "ref.null"; type: RefType }
  | { op: "ref.func"; func: number };

export type Op = Instr["op"];

const VALTYPE_BY_CODE = new Map<number, ValType>(Object.entries(VALTYPE_CODES).map(([k, v]) => [v, k as ValType]));

export function readValType(r: ByteReader): ValType {
  const at = r.pos;
  const t = VALTYPE_BY_CODE.get(r.byte());
  return t ?? r.fail("unknown value type", at);
}

export function readRefType(r: ByteReader): RefType {
  const at = r.pos;
  const t = readValType(r);
  if (t !== "funcref" && t !== "externref") r.fail("expected a reference type", at);
  return t;
}

function fc(w: ByteWriter, sub: number): void {
  w.byte(0xfc).u32(sub);
}

/**
 * The instructions generated code is mostly made of, by op name: immediate
 * shape (high bits) and opcode byte (low 8 bits). One map lookup finds them,
 * where the switch below would compare the name against each case in turn.
 */
const BYTE_ONLY = 1 << 8;
const WITH_LOCAL = 2 << 8;
const WITH_GLOBAL = 3 << 8;
const WITH_FUNC = 4 << 8;
const WITH_LABEL = 5 << 8;
const WITH_S32 = 6 << 8;
const COMMON = new Map<string, number>([
  ...Object.entries(PLAIN_OPS).map(([op, code]): [string, number] => [op, BYTE_ONLY | code]),
  ...Object.entries(LOCAL_OPS).map(([op, code]): [string, number] => [op, WITH_LOCAL | code]),
  ...Object.entries(GLOBAL_OPS).map(([op, code]): [string, number] => [op, WITH_GLOBAL | code]),
  ["call", WITH_FUNC | 0x10],
  ["ref.func", WITH_FUNC | 0xd2],
  ["br", WITH_LABEL | 0x0c],
  ["br_if", WITH_LABEL | 0x0d],
  ["i32.const", WITH_S32 | 0x41],
]);

/** Appends the encoding of one instruction. */
export function encodeInstr(w: ByteWriter, ins: Instr): void {
  const common = COMMON.get(ins.op);
  if (common !== undefined) {
    const code = common & 0xff;
    switch (common & ~0xff) {
      case BYTE_ONLY:
        w.byte(code);
        return;
      case WITH_LOCAL:
        w.byte(code).u32((ins as { local: number }).local);
        return;
      case WITH_GLOBAL:
        w.byte(code).u32((ins as { global: number }).global);
        return;
      case WITH_FUNC:
        w.byte(code).u32((ins as { func: number }).func);
        return;
      case WITH_LABEL:
        w.byte(code).u32((ins as { label: number }).label);
        return;
      case WITH_S32:
        w.byte(code).s32((ins as { value: number }).value);
        return;
    }
  }
  encodeOther(w, ins);
}

/** The instructions {@link COMMON} does not cover (and, for reference, those it does). */
function encodeOther(w: ByteWriter, ins: Instr): void {
  switch (ins.op) {
    case "block":
    case "loop":
    case "if": {
      w.byte(BLOCK_OPS[ins.op]);
      const t = ins.type;
      if (t === "empty") w.byte(0x40);
      else if (typeof t === "string") w.byte(VALTYPE_CODES[t]);
      else w.sBig(BigInt(t.typeIndex));
      return;
    }
    case "br":
      w.byte(0x0c).u32(ins.label);
      return;
    case "br_if":
      w.byte(0x0d).u32(ins.label);
      return;
    case "br_table":
      w.byte(0x0e).u32(ins.labels.length);
      for (const l of ins.labels) w.u32(l);
      w.u32(ins.default);
      return;
    case "call":
      w.byte(0x10).u32(ins.func);
      return;
    case "call_indirect":
      w.byte(0x11).u32(ins.type).u32(ins.table);
      return;
    case "local.get":
    case "local.set":
    case "local.tee":
      w.byte(LOCAL_OPS[ins.op]).u32(ins.local);
      return;
    case "global.get":
    case "global.set":
      w.byte(GLOBAL_OPS[ins.op]).u32(ins.global);
      return;
    case "table.get":
    case "table.set":
    case "table.grow":
    case "table.size":
    case "table.fill": {
      const c = TABLE_OPS[ins.op];
      if (c >= 0x100) fc(w, c - 0x100);
      else w.byte(c);
      w.u32(ins.table);
      return;
    }
    case "memory.size":
    case "memory.grow":
    case "memory.fill": {
      const c = MEMIDX_OPS[ins.op];
      if (c >= 0x100) fc(w, c - 0x100);
      else w.byte(c);
      w.u32(ins.mem);
      return;
    }
    case "memory.copy":
      fc(w, 10);
      w.u32(ins.dst).u32(ins.src);
      return;
    case "memory.init":
      fc(w, 8);
      w.u32(ins.data).u32(ins.mem);
      return;
    case "data.drop":
      fc(w, 9);
      w.u32(ins.data);
      return;
    case "table.init":
      fc(w, 12);
      w.u32(ins.elem).u32(ins.table);
      return;
    case "elem.drop":
      fc(w, 13);
      w.u32(ins.elem);
      return;
    case "table.copy":
      fc(w, 14);
      w.u32(ins.dst).u32(ins.src);
      return;
    case "i32.const":
      w.byte(0x41).s32(ins.value);
      return;
    case "i64.const":
      w.byte(0x42).s64(ins.value);
      return;
    case "f32.const":
      w.byte(0x43).f32(ins.value);
      return;
    case "f64.const":
      w.byte(0x44).f64(ins.value);
      return;
    case "select_t":
      w.byte(0x1c).u32(ins.types.length);
      for (const t of ins.types) w.byte(VALTYPE_CODES[t]);
      return;
    case "ref.null":
      w.byte(0xd0).byte(VALTYPE_CODES[ins.type]);
      return;
    case "ref.func":
      w.byte(0xd2).u32(ins.func);
      return;
    default: {
      if ("align" in ins) {
        w.byte(MEM_OPS[ins.op][0]).u32(ins.align).u32(ins.offset);
        return;
      }
      const op = ins.op as PlainOp;
      const one = (PLAIN_OPS as Record<string, number>)[op];
      if (one !== undefined) w.byte(one);
      else fc(w, (FC_PLAIN_OPS as Record<string, number>)[op]!);
      return;
    }
  }
}

/** Encodes instructions followed by the final `end`. */
export function encodeExpr(w: ByteWriter, code: readonly Instr[]): void {
  for (const ins of code) encodeInstr(w, ins);
  w.byte(0x0b);
}

/** Reads one instruction (the caller handles nesting). */
export function decodeInstr(r: ByteReader): Instr {
  const at = r.pos;
  const b = r.byte();
  const plain = PLAIN_BY_CODE.get(b);
  if (plain) return { op: plain };
  const mem = MEM_BY_CODE.get(b);
  if (mem) return { op: mem, align: r.u32(), offset: r.u32() };
  switch (b) {
    case 0x02:
    case 0x03:
    case 0x04: {
      const op: BlockOp = b === 0x02 ? "block" : b === 0x03 ? "loop" : "if";
      const t = r.buf[r.pos];
      if (t === 0x40) {
        r.pos++;
        return { op, type: "empty" };
      }
      const vt = t === undefined ? undefined : VALTYPE_BY_CODE.get(t);
      if (vt) {
        r.pos++;
        return { op, type: vt };
      }
      const idx = r.sBig(5);
      if (idx < 0n) r.fail("invalid block type", at);
      return { op, type: { typeIndex: Number(idx) } };
    }
    case 0x0c:
      return { op: "br", label: r.u32() };
    case 0x0d:
      return { op: "br_if", label: r.u32() };
    case 0x0e: {
      const labels = r.vec(() => r.u32());
      return { op: "br_table", labels, default: r.u32() };
    }
    case 0x10:
      return { op: "call", func: r.u32() };
    case 0x11:
      return { op: "call_indirect", type: r.u32(), table: r.u32() };
    case 0x1c:
      return { op: "select_t", types: r.vec(() => readValType(r)) };
    case 0x20:
      return { op: "local.get", local: r.u32() };
    case 0x21:
      return { op: "local.set", local: r.u32() };
    case 0x22:
      return { op: "local.tee", local: r.u32() };
    case 0x23:
      return { op: "global.get", global: r.u32() };
    case 0x24:
      return { op: "global.set", global: r.u32() };
    case 0x25:
      return { op: "table.get", table: r.u32() };
    case 0x26:
      return { op: "table.set", table: r.u32() };
    case 0x3f:
      return { op: "memory.size", mem: r.u32() };
    case 0x40:
      return { op: "memory.grow", mem: r.u32() };
    case 0x41:
      return { op: "i32.const", value: r.s32() };
    case 0x42:
      return { op: "i64.const", value: r.s64() };
    case 0x43:
      return { op: "f32.const", value: r.f32() };
    case 0x44:
      return { op: "f64.const", value: r.f64() };
    case 0xd0:
      return { op: "ref.null", type: readRefType(r) };
    case 0xd2:
      return { op: "ref.func", func: r.u32() };
    case 0xfc: {
      const sub = r.u32();
      const p = FC_PLAIN_BY_CODE.get(sub);
      if (p) return { op: p };
      switch (sub) {
        case 8:
          return { op: "memory.init", data: r.u32(), mem: r.u32() };
        case 9:
          return { op: "data.drop", data: r.u32() };
        case 10:
          return { op: "memory.copy", dst: r.u32(), src: r.u32() };
        case 11:
          return { op: "memory.fill", mem: r.u32() };
        case 12:
          return { op: "table.init", elem: r.u32(), table: r.u32() };
        case 13:
          return { op: "elem.drop", elem: r.u32() };
        case 14:
          return { op: "table.copy", dst: r.u32(), src: r.u32() };
        case 15:
          return { op: "table.grow", table: r.u32() };
        case 16:
          return { op: "table.size", table: r.u32() };
        case 17:
          return { op: "table.fill", table: r.u32() };
        default:
          return r.fail(`unsupported opcode 0xfc ${sub}`, at);
      }
    }
    default:
      return r.fail(`unsupported opcode 0x${b.toString(16).padStart(2, "0")}`, at);
  }
}

/** Reads instructions up to and including the `end` that closes the expression; returns them without it. */
export function decodeExpr(r: ByteReader): Instr[] {
  const out: Instr[] = [];
  let depth = 0;
  for (;;) {
    const ins = decodeInstr(r);
    if (ins.op === "end") {
      if (depth === 0) return out;
      depth--;
    } else if (ins.op === "block" || ins.op === "loop" || ins.op === "if") depth++;
    out.push(ins);
  }
}

/** Encodes a list of instructions without a trailing `end` (tests, sizes). */
export function encodeInstrs(code: readonly Instr[]): Uint8Array {
  const w = new ByteWriter();
  for (const ins of code) encodeInstr(w, ins);
  return w.finish();
}

/** Natural alignment (log2) of a load or store, the usual `align` immediate. */
export function naturalAlign(op: MemOp): number {
  return MEM_OPS[op][1];
}
