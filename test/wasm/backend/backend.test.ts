import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadPolicy } from "@open-policy-agent/opa-wasm";
import { describe, expect, it } from "vitest";
import type { StmtType } from "../../../src/rego/plan/ir.js";
import { walkStmts } from "../../../src/rego/plan/ir.js";
import { STMT_TYPES } from "../../../src/rego/plan/ir-fields.js";
import { compilePolicy, compileToWasm } from "../../../src/wasm/backend/index.js";
import { CASES } from "./cases.js";
import { L, S, block, planOf, policy, result } from "./ir-dsl.js";

const runtime = new Uint8Array(readFileSync(fileURLToPath(new URL("../../../runtime/build/runtime.wasm", import.meta.url))));

function compile(p: Parameters<typeof compilePolicy>[0]): Uint8Array<ArrayBuffer> {
  const r = compilePolicy(p, runtime);
  expect(r.diagnostics).toEqual([]);
  expect(WebAssembly.validate(r.wasm!)).toBe(true);
  return r.wasm!;
}

describe("backend: IR cases evaluated through the SDK", () => {
  it("the cases cover every statement type", () => {
    const seen = new Set<StmtType>();
    for (const c of CASES) {
      for (const p of c.policy.plans!.plans) walkStmts(p.blocks, (s) => seen.add(s.type));
      for (const f of c.policy.funcs!.funcs) walkStmts(f.blocks, (s) => seen.add(s.type));
    }
    expect(STMT_TYPES.filter((t) => !seen.has(t))).toEqual([]);
  });

  for (const c of CASES) {
    it(c.note, async () => {
      const pol = await loadPolicy(compile(c.policy));
      if (c.data !== undefined) pol.setData(c.data as object);
      const run = (): unknown => pol.evaluate(c.input, c.entrypoint ?? 0);
      if (Array.isArray(c.want)) expect(run()).toEqual(c.want);
      else expect(run).toThrow(c.want.abort);
    });
  }
});

describe("backend: memoization of rules (functions of input and data)", () => {
  // f(input, data) = custom.tick(input.a): the host counts calls.
  const f = {
    name: "f",
    params: [0, 1],
    return: 2,
    blocks: [block({ type: "DotStmt", source: L(0), key: S(1), target: 3 }, { type: "CallStmt", func: "custom.tick", args: [L(3)], result: 4 }, { type: "AssignVarOnceStmt", source: L(4), target: 2 }), block({ type: "ReturnLocalStmt", source: 2 })],
  };
  const callTwice = planOf(
    [
      { type: "CallStmt", func: "f", args: [L(0), L(1)], result: 2 },
      { type: "CallStmt", func: "f", args: [L(0), L(1)], result: 3 },
      { type: "MakeArrayStmt", capacity: 2, target: 4 },
      { type: "ArrayAppendStmt", value: L(2), array: 4 },
      { type: "ArrayAppendStmt", value: L(3), array: 4 },
      ...result(4),
    ],
    { strings: ["a"], funcs: [f], builtins: ["custom.tick"] },
  );

  it("calls a rule once per evaluation, and again in the next evaluation", async () => {
    let calls = 0;
    const pol = await loadPolicy(compile(callTwice), undefined, { "custom.tick": (x: number) => (calls++, x) });
    expect(pol.evaluate({ a: 1 })).toEqual([{ result: [1, 1] }]);
    expect(calls).toBe(1);
    expect(pol.evaluate({ a: 2 })).toEqual([{ result: [2, 2] }]);
    expect(calls).toBe(2);
    expect(pol.evaluate({ b: 2 })).toEqual([]);
    expect(calls).toBe(2);
  });

  it("is off when the policy uses `with` (the rule sees the replaced input)", async () => {
    let calls = 0;
    const withPolicy = planOf(
      [
        { type: "CallStmt", func: "f", args: [L(0), L(1)], result: 2 },
        { type: "WithStmt", local: 0, path: [1], value: S(2), block: block({ type: "CallStmt", func: "f", args: [L(0), L(1)], result: 3 }) },
        { type: "MakeArrayStmt", capacity: 2, target: 4 },
        { type: "ArrayAppendStmt", value: L(2), array: 4 },
        { type: "ArrayAppendStmt", value: L(3), array: 4 },
        ...result(4),
      ],
      { strings: ["a", "replaced"], funcs: [f], builtins: ["custom.tick"] },
    );
    const pol = await loadPolicy(compile(withPolicy), undefined, { "custom.tick": (x: unknown) => (calls++, x) });
    expect(pol.evaluate({ a: "orig" })).toEqual([{ result: ["orig", "replaced"] }]);
    expect(calls).toBe(2);
  });
});

describe("backend: ABI", () => {
  const twoPlans = policy({
    strings: ["a"],
    builtins: ["count", { name: "custom.twice", decl: { type: "function", args: [{ type: "number" }], result: { type: "number" } } }],
    plans: [
      { name: "x/count", blocks: [block({ type: "CallStmt", func: "count", args: [L(0)], result: 2 }, ...result(2))] },
      { name: "x/twice", blocks: [block({ type: "DotStmt", source: L(0), key: S(1), target: 2 }, { type: "CallStmt", func: "custom.twice", args: [L(2)], result: 3 }, ...result(3))] },
    ],
  });

  it("lists entrypoints and host builtins; calls the host through opa_builtinN", async () => {
    const pol = await loadPolicy(compile(twoPlans), undefined, { "custom.twice": (x: number) => x * 2 });
    expect(pol.entrypoints).toEqual({ "x/count": 0, "x/twice": 1 });
    expect(pol.evaluate([1, 2], "x/count")).toEqual([{ result: 2 }]);
    expect(pol.evaluate({ a: 21 }, "x/twice")).toEqual([{ result: 42 }]);
  });

  it("ABI 1.1 context functions work", async () => {
    const wasm = compile(twoPlans);
    const memory = new WebAssembly.Memory({ initial: 2 });
    const inst = new WebAssembly.Instance(new WebAssembly.Module(wasm), {
      env: { memory, opa_abort: () => { throw new Error("abort"); }, opa_println: () => {}, opa_builtin0: () => 0, opa_builtin1: () => 0, opa_builtin2: () => 0, opa_builtin3: () => 0, opa_builtin4: () => 0 },
    });
    const ex = inst.exports as Record<string, (...a: number[]) => number>;
    const put = (s: string): [number, number] => {
      const bs = new TextEncoder().encode(s);
      const addr = ex["opa_malloc"]!(bs.length);
      new Uint8Array(memory.buffer).set(bs, addr);
      return [addr, bs.length];
    };
    const read = (addr: number): string => {
      const mem = new Uint8Array(memory.buffer);
      let end = addr;
      while (mem[end] !== 0) end++;
      return new TextDecoder().decode(mem.subarray(addr, end));
    };
    expect(read(ex["opa_json_dump"]!(ex["builtins"]!()))).toBe('{"custom.twice":1}');
    expect(read(ex["opa_json_dump"]!(ex["entrypoints"]!()))).toBe('{"x/count":0,"x/twice":1}');
    const ctx = ex["opa_eval_ctx_new"]!();
    ex["opa_eval_ctx_set_input"]!(ctx, ex["opa_json_parse"]!(...put("[1,2,3]")));
    ex["opa_eval_ctx_set_data"]!(ctx, ex["opa_json_parse"]!(...put("{}")));
    ex["opa_eval_ctx_set_entrypoint"]!(ctx, 0);
    expect(ex["eval"]!(ctx)).toBe(0);
    expect(read(ex["opa_json_dump"]!(ex["opa_eval_ctx_get_result"]!(ctx)))).toBe('[{"result":3}]');
    // opa_eval's value format (non-zero) renders Rego syntax
    const [addr, len] = put('{"a":1}');
    expect(read(ex["opa_eval"]!(0, 0, ex["opa_json_parse"]!(...put("{}")), addr, len, ex["opa_heap_ptr_get"]!(), 1))).toBe('{{"result": 1}}');
  });

  it("memory stays flat across many evaluations", async () => {
    const pol = await loadPolicy(compile(CASES.find((c) => c.note.startsWith("ScanStmt over an array"))!.policy));
    const input = { a: Array.from({ length: 50 }, (_, i) => `v${i % 7}`) };
    pol.evaluate(input);
    const pages = (pol as unknown as { mem: WebAssembly.Memory }).mem.buffer.byteLength;
    for (let i = 0; i < 20000; i++) pol.evaluate(input);
    expect((pol as unknown as { mem: WebAssembly.Memory }).mem.buffer.byteLength).toBe(pages);
  });

  it("reports compile errors as diagnostics with IR paths", () => {
    const bad = planOf([{ type: "CallStmt", func: "nope", args: [L(0)], result: 2 }]);
    const r = compilePolicy(bad, runtime);
    expect(r.wasm).toBeUndefined();
    expect(r.diagnostics[0]).toMatchObject({ code: "gwpc_ir_error", path: "plans.plans[0].blocks[0].stmts[0].stmt.func" });
    const tooMany = planOf([{ type: "CallStmt", func: "host.five", args: [L(0), L(0), L(0), L(0), L(0)], result: 2 }], { builtins: ["host.five"] });
    expect(compilePolicy(tooMany, runtime).diagnostics[0]).toMatchObject({
      code: "gwpc_wasm_error",
      message: expect.stringMatching(/at most 4/),
      path: "plans.plans[0].blocks[0].stmts[0].stmt.args",
    });
    const five = [L(0), L(0), L(0), L(0), L(0)];
    const nested = planOf(
      [
        { type: "NopStmt" },
        { type: "ScanStmt", source: 0, key: 3, value: 4, block: block({ type: "NopStmt" }, { type: "NotStmt", block: block({ type: "CallStmt", func: "host.five", args: five, result: 2 }) }) },
      ],
      { builtins: ["host.five"] },
    );
    expect(compilePolicy(nested, runtime).diagnostics[0]).toMatchObject({
      code: "gwpc_wasm_error",
      path: "plans.plans[0].blocks[0].stmts[1].stmt.block.stmts[1].stmt.block.stmts[0].stmt.args",
    });
  });

  it("is deterministic", () => {
    expect(compile(twoPlans)).toEqual(compile(twoPlans));
  });

  it("compileToWasm finds the committed runtime", () => {
    const r = compileToWasm(twoPlans);
    expect(r.diagnostics).toEqual([]);
    expect(r.wasm).toEqual(compile(twoPlans));
  });
});
