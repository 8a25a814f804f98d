import type { Policy } from "../../src/rego/plan/ir.js";
import { L, S, block, policy, result } from "../wasm/backend/ir-dsl.js";

/**
 * Hand-written IR standing in for a compiled template, so the engine is
 * tested without the Rego front end:
 *
 *   violation contains {"msg": input.parameters.m, "details": {}}   (added twice: a set)
 *   violation contains {"msg": "inventory"} if data.inventory.cluster.v1
 */
export function violationPolicy(): Policy {
  // strings: 0 result, 1 msg, 2 parameters, 3 m, 4 details, 5 inventory, 6 cluster, 7 v1
  const fromParams = block(
    { type: "DotStmt", source: L(0), key: S(2), target: 3 },
    { type: "DotStmt", source: L(3), key: S(3), target: 4 },
    { type: "MakeObjectStmt", target: 5 },
    { type: "ObjectInsertStmt", key: S(1), value: L(4), object: 5 },
    { type: "MakeObjectStmt", target: 6 },
    { type: "ObjectInsertStmt", key: S(4), value: L(6), object: 5 },
    { type: "SetAddStmt", value: L(5), set: 2 },
    { type: "SetAddStmt", value: L(5), set: 2 },
  );
  const fromInventory = block(
    { type: "DotStmt", source: L(1), key: S(5), target: 7 },
    { type: "DotStmt", source: L(7), key: S(6), target: 8 },
    { type: "DotStmt", source: L(8), key: S(7), target: 9 },
    { type: "MakeObjectStmt", target: 10 },
    { type: "ObjectInsertStmt", key: S(1), value: S(5), object: 10 },
    { type: "SetAddStmt", value: L(10), set: 2 },
  );
  return policy({
    strings: ["msg", "parameters", "m", "details", "inventory", "cluster", "v1"],
    plans: [
      {
        name: "template/violation",
        blocks: [block({ type: "MakeSetStmt", target: 2 }, { type: "BlockStmt", blocks: [fromParams] }, { type: "BlockStmt", blocks: [fromInventory] }, ...result(2))],
      },
    ],
  });
}

/** `template/violation` that aborts with a conflict when input.a is set: a complete rule with two values. */
export function conflictPolicy(): Policy {
  return policy({
    strings: ["a"],
    plans: [
      {
        name: "template/violation",
        blocks: [
          block(
            { type: "DotStmt", source: L(0), key: S(1), target: 2 },
            { type: "AssignVarOnceStmt", source: { type: "bool", value: true }, target: 3 },
            { type: "AssignVarOnceStmt", source: { type: "bool", value: false }, target: 3 },
            ...result(3),
          ),
        ],
      },
    ],
  });
}

/** Two entrypoints for the Rego test runner shape: `t/test_ok` is true, `t/test_bad` is false. */
export function testsPolicy(): Policy {
  return policy({
    plans: [
      { name: "t/test_ok", blocks: [block({ type: "AssignVarStmt", source: { type: "bool", value: true }, target: 2 }, ...result(2))] },
      { name: "t/test_bad", blocks: [block({ type: "AssignVarStmt", source: { type: "bool", value: false }, target: 2 }, ...result(2))] },
    ],
  });
}
