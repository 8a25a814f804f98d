import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadPolicy } from "@open-policy-agent/opa-wasm";
import { describe, expect, it } from "vitest";
import { compilePolicy } from "../../../src/wasm/backend/index.js";
import { rawCallGraph } from "../../../src/wasm/backend/call-graph.js";
import { KEPT_FUNC_EXPORTS, treeShake } from "../../../src/wasm/backend/tree-shake.js";
import type { Instr } from "../../../src/wasm/instructions.js";
import { cloneModule } from "../../../src/wasm/types.js";
import { ModuleBuilder, emptyModule, functionNames, parseNameSection, readModule, writeModule } from "../../../src/wasm/index.js";
import { L, S, planOf, result } from "./ir-dsl.js";

const runtime = new Uint8Array(readFileSync(fileURLToPath(new URL("../../../runtime/build/runtime.wasm", import.meta.url))));

function compile(p: Parameters<typeof compilePolicy>[0]): Uint8Array<ArrayBuffer> {
  const r = compilePolicy(p, runtime);
  expect(r.diagnostics).toEqual([]);
  expect(WebAssembly.validate(r.wasm!)).toBe(true);
  return r.wasm!;
}

// sprintf("n=%v", [count(input)])
const sprintfPolicy = planOf(
  [
    { type: "CallStmt", func: "count", args: [L(0)], result: 2 },
    { type: "MakeArrayStmt", capacity: 1, target: 3 },
    { type: "ArrayAppendStmt", value: L(2), array: 3 },
    { type: "CallStmt", func: "sprintf", args: [S(1), L(3)], result: 4 },
    ...result(4),
  ],
  { strings: ["n=%v"], builtins: ["count", "sprintf"] },
);

// regex.match("^a+$", input)
const regexPolicy = planOf([{ type: "CallStmt", func: "regex.match", args: [S(1), L(0)], result: 2 }, ...result(2)], {
  strings: ["^a+$"],
  builtins: ["regex.match"],
});

// input.a == "x"
const plainPolicy = planOf([{ type: "DotStmt", source: L(0), key: S(1), target: 2 }, { type: "EqualStmt", a: L(2), b: S(2) }, { type: "MakeNumberIntStmt", value: 1n, target: 3 }, ...result(3)], {
  strings: ["a", "x"],
});

describe("backend: tree shaking of the runtime", () => {
  it("a policy calling sprintf keeps sprintf (and what it calls) working", async () => {
    const pol = await loadPolicy(compile(sprintfPolicy));
    expect(pol.evaluate([1, 2, 3])).toEqual([{ result: "n=3" }]);
    expect(pol.evaluate(["a"])).toEqual([{ result: "n=1" }]);
  });

  it("a policy calling regex.match keeps it working", async () => {
    const pol = await loadPolicy(compile(regexPolicy));
    expect(pol.evaluate("aaa")).toEqual([{ result: true }]);
    expect(pol.evaluate("ab")).toEqual([{ result: false }]);
  });

  it("a policy without regex has no regex code: much smaller than the runtime and than a regex policy", async () => {
    const plain = compile(plainPolicy);
    const regex = compile(regexPolicy);
    expect(plain.length).toBeLessThan(runtime.length * 0.75);
    expect(regex.length - plain.length).toBeGreaterThan(1024);
    const pol = await loadPolicy(plain);
    expect(pol.evaluate({ a: "x" })).toEqual([{ result: 1 }]);
    expect(pol.evaluate({ a: "y" })).toEqual([]);
    // fewer functions than the runtime defines, and no builtin exports left
    const m = readModule(plain);
    expect(m.funcs.length).toBeLessThan(readModule(runtime).funcs.length);
  });

  it("keeps only the ABI function exports, all non-function exports, and drops the name section", () => {
    const m = readModule(compile(sprintfPolicy));
    const funcExports = m.exports.filter((e) => e.kind === "func").map((e) => e.name);
    expect(funcExports.every((n) => KEPT_FUNC_EXPORTS.has(n))).toBe(true);
    for (const n of ["opa_eval", "eval", "builtins", "entrypoints", "opa_malloc", "opa_heap_ptr_get", "opa_heap_ptr_set", "opa_json_parse", "opa_json_dump", "opa_eval_ctx_new"]) {
      expect(funcExports).toContain(n);
    }
    const rt = readModule(runtime);
    const nonFunc = (x: typeof m): string[] => x.exports.filter((e) => e.kind !== "func").map((e) => e.name);
    expect(nonFunc(m)).toEqual(nonFunc(rt));
    expect(m.customs.map((c) => c.name)).not.toContain("name");
  });

  it("marks through the runtime's call graph exactly as by walking the bodies", () => {
    const rt = readModule(runtime);
    const graph = rawCallGraph(rt)!;
    expect(graph.bodies.length).toBe(rt.funcs.length);
    const shaken = (m: typeof rt, withGraph: boolean, callee: string): Uint8Array<ArrayBuffer> => {
      const b = new ModuleBuilder(cloneModule(m));
      const code: Instr[] = [{ op: "i32.const", value: 0 }, { op: "call", func: b.exportedFunc(callee) }, { op: "drop" }];
      b.addFunction({ type: { params: [], results: [] }, code, exportAs: "eval" });
      treeShake(b, withGraph ? { graph } : {});
      return b.toBytes();
    };
    for (const callee of ["opa_json_dump", "opa_malloc"]) {
      const walked = shaken(rt, false, callee);
      expect(WebAssembly.validate(walked)).toBe(true);
      expect(shaken(rt, true, callee)).toEqual(walked);
      // A module that is not a clone of the graph's runtime ignores the graph.
      expect(shaken(readModule(runtime), true, callee)).toEqual(walked);
    }
  });

  it("is deterministic", () => {
    expect(compile(sprintfPolicy)).toEqual(compile(sprintfPolicy));
    expect(compile(plainPolicy)).toEqual(compile(plainPolicy));
  });

  it("follows calls in raw bodies, keeps element segments and the start function, renumbers everything", () => {
    // Built, written and read back so the bodies are raw bytes, like the runtime's.
    const b0 = new ModuleBuilder(emptyModule());
    const I32 = "i32" as const;
    const t = { params: [], results: [I32] };
    const leaf = b0.addFunction({ type: t, code: [{ op: "i32.const", value: 42 }] }); // 0
    b0.addFunction({ type: t, code: [{ op: "i32.const", value: 7 }], exportAs: "builtin:dead" }); // 1: unreachable
    const viaTable = b0.addFunction({ type: t, code: [{ op: "call", func: leaf }, { op: "i32.const", value: 1 }, { op: "i32.add" }] }); // 2
    b0.addFunction({ type: t, code: [{ op: "f64.const", value: 1.5 }, { op: "drop" }, { op: "call", func: leaf }], exportAs: "opa_malloc" }); // 3
    const start = b0.addFunction({ type: { params: [], results: [] }, code: [] }); // 4
    b0.module.start = start;
    b0.addElements([viaTable]);
    b0.module.exports.push({ name: "table", kind: "table", index: 0 });
    const b = ModuleBuilder.fromBytes(writeModule(b0.module));
    expect(b.module.funcs.every((f) => "raw" in f.body)).toBe(true);
    const caller = b.addFunction({ type: t, code: [{ op: "i32.const", value: 0 }, { op: "call_indirect", type: b.addType(t), table: 0 }], exportAs: "eval" });
    b.setFunctionName(caller, "caller");

    const stats = treeShake(b, { keepNames: true });
    expect(stats).toEqual({ before: 6, after: 5 });
    const bytes = b.toBytes();
    expect(WebAssembly.validate(bytes)).toBe(true);
    const inst = new WebAssembly.Instance(new WebAssembly.Module(bytes));
    const ex = inst.exports as Record<string, () => number>;
    expect(Object.keys(ex).sort()).toEqual(["eval", "opa_malloc", "table"]);
    expect(ex["opa_malloc"]!()).toBe(42);
    expect(ex["eval"]!()).toBe(43);
    const m = readModule(bytes);
    expect(m.start).toBe(3);
    expect(functionNames(parseNameSection(m.customs.find((c) => c.name === "name")!.bytes))).toEqual(new Map([[4, "caller"]]));
  });
});
