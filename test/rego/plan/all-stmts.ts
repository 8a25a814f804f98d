import type { Block, Location, Policy, Stmt } from "../../../src/rego/plan/ir.js";
import { bool, local, stringIndex } from "../../../src/rego/plan/ir.js";

/** A policy using every statement type once (at least), for round trips and golden text. */
export function allStmtsPolicy(): Policy {
  let row = 1;
  const at = (): Location => ({ file: 0, row: row++, col: 1 });
  const b = (...stmts: Stmt[]): Block => ({ stmts });
  const planBody = b(
    { type: "CallStmt", func: "g0.data.test.p", args: [local(0), local(1)], result: 2, location: at() },
    { type: "AssignVarStmt", source: local(2), target: 3, location: at() },
    { type: "MakeObjectStmt", target: 4, location: at() },
    { type: "ObjectInsertStmt", key: stringIndex(0), value: local(3), object: 4, location: at() },
    { type: "ResultSetAddStmt", value: 4, location: at() },
  );
  const fnBody = b(
    { type: "ResetLocalStmt", target: 3, location: at() },
    { type: "MakeNumberRefStmt", index: 1, target: 4, location: at() },
    { type: "MakeNumberIntStmt", value: 9007199254740993n, target: 5, location: at() },
    { type: "AssignIntStmt", value: -1n, target: 6, location: at() },
    { type: "MakeNullStmt", target: 7, location: at() },
    { type: "MakeArrayStmt", capacity: 2, target: 8, location: at() },
    { type: "ArrayAppendStmt", value: local(7), array: 8, location: at() },
    { type: "MakeSetStmt", target: 9, location: at() },
    { type: "SetAddStmt", value: bool(true), set: 9, location: at() },
    { type: "DotStmt", source: local(0), key: stringIndex(2), target: 10, location: at() },
    { type: "LenStmt", source: local(10), target: 11, location: at() },
    { type: "IsArrayStmt", source: local(8), location: at() },
    { type: "IsObjectStmt", source: local(0), location: at() },
    { type: "IsSetStmt", source: local(9), location: at() },
    { type: "IsDefinedStmt", source: 10, location: at() },
    { type: "EqualStmt", a: local(11), b: local(4), location: at() },
    { type: "NotEqualStmt", a: local(11), b: stringIndex(2), location: at() },
    {
      type: "ScanStmt",
      source: 10,
      key: 12,
      value: 13,
      block: b(
        { type: "ObjectInsertOnceStmt", key: local(12), value: local(13), object: 14, location: at() },
        { type: "NopStmt", location: at() },
      ),
      location: at(),
    },
    { type: "NotStmt", block: b({ type: "IsUndefinedStmt", source: 10, location: at() }), location: at() },
    {
      type: "BlockStmt",
      blocks: [b({ type: "BreakStmt", index: 1, location: at() }), b()],
      location: at(),
    },
    { type: "ObjectMergeStmt", a: 0, b: 14, target: 15, location: at() },
    { type: "CallDynamicStmt", args: [0, 1], result: 16, path: [stringIndex(3), local(10)], location: at() },
    {
      type: "WithStmt",
      local: 0,
      path: [2, 3],
      value: local(15),
      block: b({ type: "CallStmt", func: "count", args: [local(0)], result: 17, location: at() }),
      location: at(),
    },
    { type: "AssignVarOnceStmt", source: local(4), target: 2, location: at() },
    { type: "ReturnLocalStmt", source: 2, location: at() },
  );
  return {
    static: {
      strings: [{ value: "result" }, { value: "1152921504606846976000" }, { value: "a<b>&\"c\"\n" }, { value: "g0" }],
      builtinFuncs: [
        {
          name: "count",
          decl: { args: [{ of: [{ type: "string" }, { dynamic: { type: "any" }, type: "array" }], type: "any" }], result: { type: "number" }, type: "function" },
        },
      ],
      files: [{ value: "test.rego" }],
    },
    plans: { plans: [{ name: "test/p", blocks: [planBody] }] },
    funcs: { funcs: [{ name: "g0.data.test.p", params: [0, 1], return: 2, blocks: [fnBody], path: ["g0", "test", "p"] }] },
  };
}
