import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ModuleBuilder } from "../../src/wasm/builder.js";
import type { Instr } from "../../src/wasm/instructions.js";
import { functionNames, parseNameSection } from "../../src/wasm/names.js";
import { readModule } from "../../src/wasm/reader.js";
import { emptyModule } from "../../src/wasm/types.js";

const fixture = (name: string): Uint8Array<ArrayBuffer> => new Uint8Array(readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url))));

type Fn = (...args: number[]) => number;

function instantiate(bytes: Uint8Array<ArrayBuffer>, memory = new WebAssembly.Memory({ initial: 1 })): { exports: Record<string, Fn>; memory: WebAssembly.Memory } {
  expect(WebAssembly.validate(bytes)).toBe(true);
  const mod = new WebAssembly.Module(bytes);
  const env = { memory, abort: () => { throw new Error("abort"); }, opa_abort: () => { throw new Error("opa_abort"); } };
  const inst = new WebAssembly.Instance(mod, { env });
  return { exports: inst.exports as unknown as Record<string, Fn>, memory };
}

const get = (local: number): Instr => ({ op: "local.get", local });
const i32 = (value: number): Instr => ({ op: "i32.const", value });

describe("ModuleBuilder", () => {
  it("builds a module from scratch that validates and computes", () => {
    const b = new ModuleBuilder(emptyModule());
    const t = b.addType({ params: ["i32", "i32"], results: ["i32"] });
    expect(b.addType({ params: ["i32", "i32"], results: ["i32"] })).toBe(t);
    b.addFunction({ type: t, code: [get(0), get(1), { op: "i32.add" }], exportAs: "add", name: "add" });
    // factorial with a loop, a block type, locals and a branch
    b.addFunction({
      type: { params: ["i32"], results: ["i64"] },
      locals: ["i64"],
      exportAs: "fact",
      code: [
        { op: "i64.const", value: 1n },
        { op: "local.set", local: 1 },
        { op: "block", type: "empty" },
        { op: "loop", type: "empty" },
        get(0),
        { op: "i32.eqz" },
        { op: "br_if", label: 1 },
        { op: "local.get", local: 1 },
        get(0),
        { op: "i64.extend_i32_u" },
        { op: "i64.mul" },
        { op: "local.set", local: 1 },
        get(0),
        i32(1),
        { op: "i32.sub" },
        { op: "local.set", local: 0 },
        { op: "br", label: 0 },
        { op: "end" },
        { op: "end" },
        get(1),
      ],
    });
    const bytes = b.toBytes();
    const inst = new WebAssembly.Instance(new WebAssembly.Module(bytes));
    const ex = inst.exports as unknown as { add: Fn; fact: (n: number) => bigint };
    expect(ex.add(2, 3)).toBe(5);
    expect(ex.add(0x7fffffff, 1)).toBe(-0x80000000);
    expect(ex.fact(20)).toBe(2432902008176640000n);
  });

  it("appends to an asc module: existing indices and exports keep working", () => {
    const base = fixture("sample.wasm");
    const before = readModule(base);
    const b = ModuleBuilder.fromBytes(base);
    const nFuncs = b.funcCount;
    const add = b.exportedFunc("add");
    const apply = b.exportedFunc("apply");

    // new function calling existing ones: apply(1, x) + add(x, 1) = x*x + x + 1
    const f = b.addFunction({
      type: { params: ["i32"], results: ["i32"] },
      code: [i32(1), get(0), { op: "call", func: apply }, get(0), i32(1), { op: "call", func: add }, { op: "i32.add" }],
      exportAs: "poly",
      name: "gwpc/poly",
    });
    expect(f).toBe(nFuncs);

    // data segment at a fixed offset, read back by new code
    const text = new TextEncoder().encode("gwpc!");
    b.addData(40000, text);
    b.addFunction({ type: { params: ["i32"], results: ["i32"] }, code: [get(0), { op: "i32.load8_u", align: 0, offset: 40000 }], exportAs: "peek" });

    // a mutable global and a function bumping it
    const g = b.addGlobal({ type: "i32", mutable: true }, [i32(100)]);
    b.addFunction({
      type: { params: [], results: ["i32"] },
      code: [{ op: "global.get", global: g }, i32(1), { op: "i32.add" }, { op: "global.set", global: g }, { op: "global.get", global: g }],
      exportAs: "tick",
    });

    // forward reference: declare, call, define later
    const later = b.declareFunction({ params: ["i32"], results: ["i32"] }, "gwpc/later");
    const caller = b.addFunction({ type: { params: ["i32"], results: ["i32"] }, code: [get(0), { op: "call", func: later }] });
    b.defineFunction(later, [], [get(0), i32(7), { op: "i32.mul" }]);
    b.addExport("callsLater", "func", caller);

    // elements: new function in the table, called indirectly
    const neg = b.addFunction({ type: { params: ["i32"], results: ["i32"] }, code: [i32(0), get(0), { op: "i32.sub" }] });
    const slot = b.addElements([neg]);
    const unary = b.addType({ params: ["i32"], results: ["i32"] });
    b.addFunction({
      type: { params: ["i32"], results: ["i32"] },
      code: [get(0), i32(slot), { op: "call_indirect", type: unary, table: 0 }],
      exportAs: "viaTable",
    });

    const bytes = b.toBytes();
    const after = readModule(bytes);
    // nothing before the appended parts moved
    expect(after.types.slice(0, before.types.length)).toEqual(before.types);
    expect(after.imports).toEqual(before.imports);
    expect(after.funcs.slice(0, before.funcs.length)).toEqual(before.funcs);
    expect(after.exports.slice(0, before.exports.length)).toEqual(before.exports);
    expect(after.datas.slice(0, before.datas.length)).toEqual(before.datas);
    if (before.dataCount !== undefined) expect(after.dataCount).toBe(after.datas.length);

    const { exports: ex, memory } = instantiate(bytes);
    expect(ex["poly"]!(5)).toBe(31);
    expect(String.fromCharCode(ex["peek"]!(0), ex["peek"]!(4))).toBe("g!");
    expect(new TextDecoder().decode(new Uint8Array(memory.buffer, 40000, 5))).toBe("gwpc!");
    expect([ex["tick"]!(), ex["tick"]!()]).toEqual([101, 102]);
    expect(ex["callsLater"]!(6)).toBe(42);
    expect(ex["viaTable"]!(9)).toBe(-9);
    // the runtime's own functions, including its table and data, still work
    expect(ex["apply"]!(0, 21)).toBe(42);
    expect(ex["classify"]!(2)).toBe(30);
    expect(ex["greetingLength"]!()).toBe(11);
    expect(ex["sext"]!(0xff)).toBe(-1);

    // names: the new functions are named
    const names = functionNames(parseNameSection(after.customs.find((c) => c.name === "name")!.bytes));
    expect(names.get(f)).toBe("gwpc/poly");
    expect(names.get(later)).toBe("gwpc/later");
  });

  it("keeps an existing name section's entries when adding names", () => {
    const b = ModuleBuilder.fromBytes(fixture("sample-debug.wasm"));
    const c0 = b.module.customs.find((c) => c.name === "name")!;
    const old = functionNames(parseNameSection(c0.bytes));
    const f = b.addFunction({ type: { params: [], results: [] }, code: [], name: "gwpc/new" });
    const after = readModule(b.toBytes());
    const names = functionNames(parseNameSection(after.customs.find((c) => c.name === "name")!.bytes));
    for (const [i, n] of old) expect(names.get(i)).toBe(n);
    expect(names.get(f)).toBe("gwpc/new");
  });

  it("generated code may use multi-value, bulk memory and sign extension", () => {
    const b = new ModuleBuilder(emptyModule());
    b.module.imports.push({ module: "env", name: "memory", desc: { kind: "memory", memory: { min: 1 } } });
    const pair = b.addType({ params: ["i32"], results: ["i32", "i32"] });
    // (x) -> (x, x+1) through a block with a type index (multi-value)
    const split = b.addFunction({
      type: pair,
      code: [get(0), { op: "block", type: { typeIndex: pair } }, { op: "local.tee", local: 0 }, get(0), i32(1), { op: "i32.add" }, { op: "end" }, { op: "drop" }, get(0), i32(1), { op: "i32.add" }],
    });
    b.addFunction({ type: { params: ["i32"], results: ["i32"] }, code: [get(0), { op: "call", func: split }, { op: "i32.mul" }], exportAs: "mulNext" });
    // fill 4 bytes at 100 with 0xff, copy them to 200, read one back sign-extended
    b.addFunction({
      type: { params: [], results: ["i32"] },
      code: [
        i32(100), i32(0xff), i32(4), { op: "memory.fill", mem: 0 },
        i32(200), i32(100), i32(4), { op: "memory.copy", dst: 0, src: 0 },
        i32(203), { op: "i32.load8_u", align: 0, offset: 0 }, { op: "i32.extend8_s" },
      ],
      exportAs: "fillCopy",
    });
    const { exports: ex } = instantiate(b.toBytes());
    expect(ex["mulNext"]!(6)).toBe(42);
    expect(ex["fillCopy"]!()).toBe(-1);
  });

  it("is deterministic", () => {
    const build = (): Uint8Array => {
      const b = ModuleBuilder.fromBytes(fixture("sample.wasm"));
      b.addData(50000, new Uint8Array([1, 2, 3]));
      b.addFunction({ type: { params: [], results: ["i32"] }, code: [i32(1)], exportAs: "one", name: "one" });
      return b.toBytes();
    };
    expect(build()).toEqual(build());
  });

  it("reports misuse", () => {
    const b = ModuleBuilder.fromBytes(fixture("sample.wasm"));
    expect(() => b.addExport("add", "func", 0)).toThrow(/duplicate export "add"/);
    expect(() => b.exportedFunc("nope")).toThrow(/no function "nope"/);
    b.declareFunction({ params: [], results: [] });
    expect(() => b.toBytes()).toThrow(/declared but not defined/);
    expect(() => b.defineFunction(0, [], [])).toThrow(/not declared/);
    expect(b.removeExport("add")).toBe(true);
    expect(b.findExport("add")).toBeUndefined();
  });

  it("reads constant globals (e.g. __heap_base) and function types", () => {
    const b = new ModuleBuilder(emptyModule());
    const g = b.addGlobal({ type: "i32", mutable: false }, [i32(66000)]);
    expect(b.globalConstI32(g)).toBe(66000);
    const f = b.addFunction({ type: { params: ["i64"], results: [] }, code: [] });
    expect(b.funcType(f)).toEqual({ params: ["i64"], results: [] });
  });
});
