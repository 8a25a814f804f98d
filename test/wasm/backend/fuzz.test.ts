import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Block, Operand, Policy, Stmt } from "../../../src/rego/plan/ir.js";
import { validatePolicy } from "../../../src/rego/plan/ir-validate.js";
import { compilePolicy } from "../../../src/wasm/backend/index.js";
import { type NoLoc, policy } from "./ir-dsl.js";

/** Random well-formed IR must always compile to a module the engine accepts (labels, stack shapes). */
const runtime = new Uint8Array(readFileSync(fileURLToPath(new URL("../../../runtime/build/runtime.wasm", import.meta.url))));

const loc = { file: 0, row: 1, col: 1 };
const local = fc.integer({ min: 0, max: 8 });
const operand: fc.Arbitrary<Operand> = fc.oneof(
  local.map((value): Operand => ({ type: "local", value })),
  fc.integer({ min: 0, max: 3 }).map((value): Operand => ({ type: "string_index", value })),
  fc.boolean().map((value): Operand => ({ type: "bool", value })),
);
const s = (x: NoLoc<Stmt>): Stmt => ({ ...x, location: loc }) as Stmt;

const leaf: fc.Arbitrary<Stmt> = fc.oneof(
  fc.record({ source: operand, key: operand, target: local }).map((x) => s({ type: "DotStmt", ...x })),
  fc.record({ source: operand, target: local }).map((x) => s({ type: "LenStmt", ...x })),
  fc.record({ source: operand, target: local }).map((x) => s({ type: "AssignVarStmt", ...x })),
  fc.record({ source: operand, target: local }).map((x) => s({ type: "AssignVarOnceStmt", ...x })),
  fc.record({ a: operand, b: operand }).map((x) => s({ type: "EqualStmt", ...x })),
  fc.record({ a: operand, b: operand }).map((x) => s({ type: "NotEqualStmt", ...x })),
  fc.record({ source: operand }).map((x) => s({ type: "IsObjectStmt", ...x })),
  local.map((source) => s({ type: "IsDefinedStmt", source })),
  local.map((source) => s({ type: "IsUndefinedStmt", source })),
  local.map((target) => s({ type: "MakeObjectStmt", target })),
  local.map((target) => s({ type: "MakeSetStmt", target })),
  local.map((target) => s({ type: "ResetLocalStmt", target })),
  fc.record({ key: operand, value: operand, object: local }).map((x) => s({ type: "ObjectInsertOnceStmt", ...x })),
  fc.record({ value: operand, set: local }).map((x) => s({ type: "SetAddStmt", ...x })),
  fc.record({ a: local, b: local, target: local }).map((x) => s({ type: "ObjectMergeStmt", ...x })),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map((value) => s({ type: "MakeNumberIntStmt", value, target: 3 })),
  fc.record({ args: fc.tuple(operand, operand), result: local }).map((x) => s({ type: "CallStmt", func: "f", args: x.args, result: x.result })),
  fc.record({ arg: operand, result: local }).map((x) => s({ type: "CallStmt", func: "count", args: [x.arg], result: x.result })),
  fc.record({ args: fc.tuple(operand, operand), result: local }).map((x) => s({ type: "CallStmt", func: "custom.two", args: x.args, result: x.result })),
  fc.record({ p: local, result: local }).map((x) => s({ type: "CallDynamicStmt", args: [0, 1], result: x.result, path: [{ type: "string_index", value: 1 }, { type: "local", value: x.p }] })),
  fc.constant(s({ type: "NopStmt" })),
  fc.integer({ min: 0, max: 2 }).map((index) => s({ type: "BreakStmt", index })),
  local.map((value) => s({ type: "ResultSetAddStmt", value })),
);

const tree = fc.letrec<{ block: Block; stmt: Stmt }>((tie) => ({
  block: fc.array(tie("stmt"), { maxLength: 5 }).map((stmts) => ({ stmts })),
  stmt: fc.oneof(
    { maxDepth: 3, depthSize: "small" },
    leaf,
    fc.record({ source: local, key: local, value: local, block: tie("block") }).map((x) => s({ type: "ScanStmt", ...x })),
    tie("block").map((block) => s({ type: "NotStmt", block })),
    fc.array(tie("block"), { maxLength: 3 }).map((blocks) => s({ type: "BlockStmt", blocks })),
    fc.record({ local: fc.constantFrom(0, 1), path: fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 3 }), value: operand, block: tie("block") }).map((x) => s({ type: "WithStmt", ...x })),
  ),
}));

const randomPolicy: fc.Arbitrary<Policy> = fc.record({ plan: fc.array(tree.block, { minLength: 1, maxLength: 3 }), fn: fc.array(tree.block, { maxLength: 2 }) }).map(({ plan, fn }) =>
  policy({
    strings: ["g0", "x", "y"],
    builtins: ["count", "custom.two"],
    plans: [{ name: "fuzz/p", blocks: plan }],
    funcs: [
      // functions may not add to a result set
      { name: "f", params: [0, 1], return: 2, blocks: [...fn.map((b) => ({ stmts: b.stmts.filter((x) => x.type !== "ResultSetAddStmt") })), { stmts: [s({ type: "ReturnLocalStmt", source: 2 })] }] },
      { name: "g0.x", params: [0, 1], return: 2, path: ["g0", "x"], blocks: [{ stmts: [s({ type: "ReturnLocalStmt", source: 0 })] }] },
    ],
  }),
);

describe("backend on random IR", () => {
  it("every well-formed plan compiles to a valid module", () => {
    fc.assert(
      fc.property(randomPolicy, (p) => {
        fc.pre(validatePolicy(p).length === 0);
        const r = compilePolicy(p, runtime);
        expect(r.diagnostics).toEqual([]);
        expect(WebAssembly.validate(r.wasm!)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});
