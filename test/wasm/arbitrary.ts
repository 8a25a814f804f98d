import fc from "fast-check";
import type { BlockType, Instr } from "../../src/wasm/instructions.js";
import { FC_PLAIN_OPS, MEM_OPS, PLAIN_OPS, type MemOp, type PlainOp } from "../../src/wasm/opcodes.js";
import type { CustomSection, Data, Elem, Export, FuncType, Global, Import, Module, RefType, ValType } from "../../src/wasm/types.js";
import { SECTION_ORDER } from "../../src/wasm/types.js";

/** Arbitraries for random (well-formed, not necessarily valid) modules. */

export const valType: fc.Arbitrary<ValType> = fc.constantFrom<ValType>("i32", "i64", "f32", "f64", "v128", "funcref", "externref");
export const refType: fc.Arbitrary<RefType> = fc.constantFrom<RefType>("funcref", "externref");
const idx = fc.integer({ min: 0, max: 300 });
const u32 = fc.integer({ min: 0, max: 0xffffffff });

const plainOps = [...Object.keys(PLAIN_OPS), ...Object.keys(FC_PLAIN_OPS)].filter((o) => o !== "else" && o !== "end") as PlainOp[];
const memOps = Object.keys(MEM_OPS) as MemOp[];

export const blockType: fc.Arbitrary<BlockType> = fc.oneof(
  fc.constant<BlockType>("empty"),
  valType,
  fc.integer({ min: 0, max: 100000 }).map((typeIndex): BlockType => ({ typeIndex })),
);

export const leaf: fc.Arbitrary<Instr> = fc.oneof(
  fc.constantFrom(...plainOps).map((op): Instr => ({ op })),
  fc.record({ op: fc.constantFrom(...memOps), align: fc.integer({ min: 0, max: 3 }), offset: u32 }),
  fc.record({ op: fc.constantFrom("br" as const, "br_if" as const), label: idx }),
  fc.record({ op: fc.constant("br_table" as const), labels: fc.array(idx, { maxLength: 5 }), default: idx }),
  fc.record({ op: fc.constant("call" as const), func: idx }),
  fc.record({ op: fc.constant("ref.func" as const), func: idx }),
  fc.record({ op: fc.constant("call_indirect" as const), type: idx, table: idx }),
  fc.record({ op: fc.constantFrom("local.get" as const, "local.set" as const, "local.tee" as const), local: u32 }),
  fc.record({ op: fc.constantFrom("global.get" as const, "global.set" as const), global: idx }),
  fc.record({ op: fc.constantFrom("table.get" as const, "table.set" as const, "table.grow" as const, "table.size" as const, "table.fill" as const), table: idx }),
  fc.record({ op: fc.constantFrom("memory.size" as const, "memory.grow" as const, "memory.fill" as const), mem: fc.constant(0) }),
  fc.record({ op: fc.constant("memory.copy" as const), dst: fc.constant(0), src: fc.constant(0) }),
  fc.record({ op: fc.constant("memory.init" as const), data: idx, mem: fc.constant(0) }),
  fc.record({ op: fc.constant("data.drop" as const), data: idx }),
  fc.record({ op: fc.constant("table.init" as const), elem: idx, table: idx }),
  fc.record({ op: fc.constant("elem.drop" as const), elem: idx }),
  fc.record({ op: fc.constant("table.copy" as const), dst: idx, src: idx }),
  fc.record({ op: fc.constant("i32.const" as const), value: fc.integer({ min: -0x80000000, max: 0x7fffffff }) }),
  fc.record({ op: fc.constant("i64.const" as const), value: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }) }),
  fc.record({ op: fc.constant("f32.const" as const), value: fc.float({ noNaN: true }) }),
  fc.record({ op: fc.constant("f64.const" as const), value: fc.double({ noNaN: true }) }),
  fc.record({ op: fc.constant("select_t" as const), types: fc.array(valType, { maxLength: 2 }) }),
  fc.record({ op: fc.constant("ref.null" as const), type: refType }),
);

type Node = { leaf: Instr } | { op: "block" | "loop"; type: BlockType; body: Node[] } | { op: "if"; type: BlockType; then: Node[]; else: Node[] | null };

const tree = fc.letrec<{ seq: Node[]; node: Node }>((tie) => ({
  seq: fc.array(tie("node"), { maxLength: 6 }),
  node: fc.oneof(
    { maxDepth: 3, depthSize: "small" },
    leaf.map((l): Node => ({ leaf: l })),
    fc.record({ op: fc.constantFrom("block" as const, "loop" as const), type: blockType, body: tie("seq") }),
    fc.record({ op: fc.constant("if" as const), type: blockType, then: tie("seq"), else: fc.option(tie("seq")) }),
  ),
}));

function flatten(nodes: Node[], out: Instr[] = []): Instr[] {
  for (const n of nodes) {
    if ("leaf" in n) out.push(n.leaf);
    else if (n.op === "if") {
      out.push({ op: "if", type: n.type });
      flatten(n.then, out);
      if (n.else) {
        out.push({ op: "else" });
        flatten(n.else, out);
      }
      out.push({ op: "end" });
    } else {
      out.push({ op: n.op, type: n.type });
      flatten(n.body, out);
      out.push({ op: "end" });
    }
  }
  return out;
}

/** A balanced instruction sequence (a body without its final `end`). */
export const code: fc.Arbitrary<Instr[]> = tree.seq.map((s) => flatten(s));

const constExpr: fc.Arbitrary<Instr[]> = fc.oneof(
  fc.integer({ min: -0x80000000, max: 0x7fffffff }).map((value): Instr[] => [{ op: "i32.const", value }]),
  idx.map((global): Instr[] => [{ op: "global.get", global }]),
  refType.map((type): Instr[] => [{ op: "ref.null", type }]),
);

const limits = fc.record({ min: u32, max: fc.option(u32, { nil: undefined }), shared: fc.option(fc.constant(true), { nil: undefined }) }, { requiredKeys: ["min"] });

const funcType: fc.Arbitrary<FuncType> = fc.record({ params: fc.array(valType, { maxLength: 4 }), results: fc.array(valType, { maxLength: 2 }) });

const elem: fc.Arbitrary<Elem> = fc
  .record({
    mode: fc.constantFrom<Elem["mode"]>("active", "passive", "declarative"),
    table: fc.integer({ min: 0, max: 3 }),
    offset: constExpr,
    type: refType,
    init: fc.oneof(fc.record({ funcs: fc.array(idx, { maxLength: 4 }) }), fc.record({ exprs: fc.array(constExpr, { maxLength: 3 }) })),
    explicitTable: fc.boolean(),
  })
  .map((e): Elem => {
    // Normalise to what a reader can observe: function-index lists are funcref only.
    const type = "funcs" in e.init ? "funcref" : e.type;
    if (e.mode !== "active") return { mode: e.mode, table: 0, offset: [], type, init: e.init };
    const out: Elem = { mode: "active", table: e.table, offset: e.offset, type, init: e.init };
    if (e.table !== 0 || type !== "funcref" || e.explicitTable) out.explicitTable = true;
    return out;
  });

const data: fc.Arbitrary<Data> = fc
  .record({ passive: fc.boolean(), memory: fc.integer({ min: 0, max: 2 }), explicit: fc.boolean(), offset: constExpr, bytes: fc.uint8Array({ maxLength: 40 }) })
  .map((d): Data => {
    if (d.passive) return { mode: "passive", memory: 0, offset: [], bytes: d.bytes };
    const out: Data = { mode: "active", memory: d.memory, offset: d.offset, bytes: d.bytes };
    if (d.memory !== 0 || d.explicit) out.explicitMemory = true;
    return out;
  });

const custom: fc.Arbitrary<CustomSection> = fc.record({
  name: fc.string({ maxLength: 8 }),
  bytes: fc.uint8Array({ maxLength: 20 }),
  after: fc.constantFrom<CustomSection["after"]>(0, ...SECTION_ORDER),
});

/** A random module whose function bodies are decoded instructions. */
export const module: fc.Arbitrary<Module> = fc
  .array(funcType, { minLength: 1, maxLength: 5 })
  .chain((types) => {
    const typeIdx = fc.integer({ min: 0, max: types.length - 1 });
    const imp: fc.Arbitrary<Import> = fc.record({
      module: fc.string({ maxLength: 6 }),
      name: fc.string({ maxLength: 6 }),
      desc: fc.oneof(
        typeIdx.map((type) => ({ kind: "func" as const, type })),
        fc.record({ elem: refType, limits }).map((table) => ({ kind: "table" as const, table })),
        limits.map((memory) => ({ kind: "memory" as const, memory })),
        fc.record({ type: valType, mutable: fc.boolean() }).map((global) => ({ kind: "global" as const, global })),
      ),
    });
    const global: fc.Arbitrary<Global> = fc.record({ type: fc.record({ type: valType, mutable: fc.boolean() }), init: constExpr });
    const exp: fc.Arbitrary<Export> = fc.record({ name: fc.string({ maxLength: 6 }), kind: fc.constantFrom("func" as const, "table" as const, "memory" as const, "global" as const), index: idx });
    return fc.record(
      {
        types: fc.constant(types),
        imports: fc.array(imp, { maxLength: 4 }),
        funcs: fc.array(fc.record({ type: typeIdx, body: fc.record({ locals: fc.array(valType, { maxLength: 6 }), code }) }), { maxLength: 4 }),
        tables: fc.array(fc.record({ elem: refType, limits }), { maxLength: 2 }),
        memories: fc.array(limits, { maxLength: 2 }),
        globals: fc.array(global, { maxLength: 3 }),
        exports: fc.uniqueArray(exp, { maxLength: 4, selector: (e) => e.name }),
        start: fc.option(idx, { nil: undefined }),
        elems: fc.array(elem, { maxLength: 3 }),
        dataCount: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
        datas: fc.array(data, { maxLength: 3 }),
        customs: fc.array(custom, { maxLength: 3 }),
      },
      { requiredKeys: ["types", "imports", "funcs", "tables", "memories", "globals", "exports", "elems", "datas", "customs"] },
    );
  });
