import type { Policy } from "../../../src/rego/plan/ir.js";
import { B, L, S, block, planOf, policy, result } from "./ir-dsl.js";

/**
 * Backend cases: IR -> wasm -> SDK evaluate -> result set. Strings are
 * numbered from 1 (0 is "result"). `want: "abort"` expects evaluate to throw
 * `error` (a regexp).
 */
export interface BackendCase {
  note: string;
  policy: Policy;
  input?: unknown;
  data?: unknown;
  entrypoint?: string | number;
  want: unknown[] | { abort: RegExp };
}

const hasA = ["a"]; // S(1) = "a"

export const CASES: BackendCase[] = [
  { note: "MakeNumberIntStmt", policy: planOf([{ type: "MakeNumberIntStmt", value: 7n, target: 2 }, ...result(2)]), want: [{ result: 7 }] },
  { note: "AssignIntStmt", policy: planOf([{ type: "AssignIntStmt", value: -3n, target: 2 }, ...result(2)]), want: [{ result: -3 }] },
  {
    note: "MakeNumberRefStmt keeps big integers exact",
    policy: planOf([{ type: "MakeNumberRefStmt", index: 1, target: 2 }, ...result(2)], { strings: ["1152921504606846976000"] }),
    want: [{ result: 1152921504606846976000 }],
  },
  { note: "MakeNullStmt", policy: planOf([{ type: "MakeNullStmt", target: 2 }, ...result(2)]), want: [{ result: null }] },
  { note: "string and bool operands", policy: planOf([{ type: "AssignVarStmt", source: S(1), target: 2 }, ...result(2), { type: "AssignVarStmt", source: B(false), target: 3 }, ...result(3)], { strings: ["x"] }), want: [{ result: false }, { result: "x" }] },
  { note: "DotStmt on input: defined", policy: planOf([{ type: "DotStmt", source: L(0), key: S(1), target: 2 }, ...result(2)], { strings: hasA }), input: { a: 5 }, want: [{ result: 5 }] },
  { note: "DotStmt on input: missing key is undefined", policy: planOf([{ type: "DotStmt", source: L(0), key: S(1), target: 2 }, ...result(2)], { strings: hasA }), input: { b: 5 }, want: [] },
  { note: "DotStmt on a scalar is undefined", policy: planOf([{ type: "DotStmt", source: S(1), key: S(1), target: 2 }, ...result(2)], { strings: hasA }), want: [] },
  {
    note: "DotStmt on array by index, on data",
    policy: planOf([{ type: "DotStmt", source: L(1), key: S(1), target: 2 }, { type: "MakeNumberIntStmt", value: 1n, target: 3 }, { type: "DotStmt", source: L(2), key: L(3), target: 4 }, ...result(4)], { strings: hasA }),
    data: { a: [10, 20] },
    want: [{ result: 20 }],
  },
  {
    note: "EqualStmt / NotEqualStmt",
    policy: planOf([], {
      strings: ["a", "x"],
      blocks: [
        block({ type: "DotStmt", source: L(0), key: S(1), target: 2 }, { type: "EqualStmt", a: L(2), b: S(2) }, { type: "AssignVarStmt", source: S(1), target: 3 }, ...result(3)),
        block({ type: "DotStmt", source: L(0), key: S(1), target: 2 }, { type: "NotEqualStmt", a: L(2), b: S(2) }, { type: "AssignVarStmt", source: S(2), target: 3 }, ...result(3)),
      ],
    }),
    input: { a: "x" },
    want: [{ result: "a" }],
  },
  {
    note: "numbers compare by value (1 == 1.0)",
    policy: planOf([{ type: "DotStmt", source: L(0), key: S(1), target: 2 }, { type: "MakeNumberIntStmt", value: 1n, target: 3 }, { type: "EqualStmt", a: L(2), b: L(3) }, ...result(2)], { strings: hasA }),
    input: { a: 1.0 },
    want: [{ result: 1 }],
  },
  {
    note: "ScanStmt over an array collects into a set (sorted, deduplicated)",
    policy: planOf([{ type: "DotStmt", source: L(0), key: S(1), target: 2 }, { type: "MakeSetStmt", target: 3 }, { type: "ScanStmt", source: 2, key: 4, value: 5, block: block({ type: "SetAddStmt", value: L(5), set: 3 }) }, ...result(3)], { strings: hasA }),
    input: { a: ["b", "a", "b", 3] },
    want: [{ result: [3, "a", "b"] }],
  },
  {
    note: "ScanStmt over an object visits keys in sorted order",
    policy: planOf([{ type: "MakeArrayStmt", capacity: 0, target: 3 }, { type: "ScanStmt", source: 0, key: 4, value: 5, block: block({ type: "ArrayAppendStmt", value: L(4), array: 3 }, { type: "ArrayAppendStmt", value: L(5), array: 3 }) }, ...result(3)]),
    input: { z: 1, a: 2, m: 3 },
    want: [{ result: ["a", 2, "m", 3, "z", 1] }],
  },
  {
    note: "ScanStmt: an undefined statement ends only that iteration; array keys are indices",
    policy: planOf([
      { type: "MakeArrayStmt", capacity: 0, target: 3 },
      { type: "MakeNumberIntStmt", value: 2n, target: 6 },
      { type: "ScanStmt", source: 0, key: 4, value: 5, block: block({ type: "NotEqualStmt", a: L(5), b: L(6) }, { type: "ArrayAppendStmt", value: L(4), array: 3 }) },
      ...result(3),
    ]),
    input: [1, 2, 3],
    want: [{ result: [0, 2] }],
  },
  {
    note: "ScanStmt over a scalar or an empty collection runs no iteration and goes on",
    policy: planOf([{ type: "MakeArrayStmt", capacity: 0, target: 3 }, { type: "ScanStmt", source: 0, key: 4, value: 5, block: block({ type: "ArrayAppendStmt", value: L(5), array: 3 }) }, ...result(3)]),
    input: "abc",
    want: [{ result: [] }],
  },
  {
    note: "NotStmt: defined inner block makes it undefined",
    policy: planOf([{ type: "NotStmt", block: block({ type: "DotStmt", source: L(0), key: S(1), target: 2 }) }, { type: "AssignVarStmt", source: B(true), target: 3 }, ...result(3)], { strings: hasA }),
    input: { a: false },
    want: [],
  },
  {
    note: "NotStmt: undefined inner block makes it defined",
    policy: planOf([{ type: "NotStmt", block: block({ type: "DotStmt", source: L(0), key: S(1), target: 2 }) }, { type: "AssignVarStmt", source: B(true), target: 3 }, ...result(3)], { strings: hasA }),
    input: { b: 1 },
    want: [{ result: true }],
  },
  {
    note: "BlockStmt and BreakStmt: break 1 leaves two blocks",
    policy: planOf([
      { type: "MakeNumberIntStmt", value: 1n, target: 3 },
      {
        type: "BlockStmt",
        blocks: [
          block({
            type: "BlockStmt",
            blocks: [
              block({ type: "MakeNumberIntStmt", value: 2n, target: 3 }, { type: "BreakStmt", index: 1 }, { type: "MakeNumberIntStmt", value: 3n, target: 3 }),
              block({ type: "MakeNumberIntStmt", value: 4n, target: 3 }),
            ],
          }),
        ],
      },
      ...result(3),
    ]),
    want: [{ result: 2 }],
  },
  {
    note: "BreakStmt out of the plan's own block: nothing after it runs",
    policy: planOf([{ type: "BlockStmt", blocks: [block({ type: "BreakStmt", index: 1 })] }, ...result(0)]),
    input: 1,
    want: [],
  },
  {
    note: "BreakStmt 0 leaves only its own block",
    policy: planOf([
      { type: "MakeNumberIntStmt", value: 1n, target: 3 },
      { type: "BlockStmt", blocks: [block({ type: "BreakStmt", index: 0 }, { type: "MakeNumberIntStmt", value: 3n, target: 3 }), block({ type: "MakeNumberIntStmt", value: 4n, target: 3 })] },
      ...result(3),
    ]),
    want: [{ result: 4 }],
  },
  {
    note: "type checks: IsArrayStmt, IsObjectStmt, IsSetStmt",
    policy: planOf([], {
      strings: ["arr", "obj", "set"],
      blocks: [
        block({ type: "IsArrayStmt", source: L(0) }, { type: "AssignVarStmt", source: S(1), target: 3 }, ...result(3)),
        block({ type: "IsObjectStmt", source: L(0) }, { type: "AssignVarStmt", source: S(2), target: 3 }, ...result(3)),
        block({ type: "MakeSetStmt", target: 4 }, { type: "IsSetStmt", source: L(4) }, { type: "IsArrayStmt", source: L(4) }, { type: "AssignVarStmt", source: S(3), target: 3 }, ...result(3)),
      ],
    }),
    input: [1],
    want: [{ result: "arr" }],
  },
  {
    note: "IsDefinedStmt, IsUndefinedStmt, ResetLocalStmt",
    policy: planOf([
      { type: "MakeNullStmt", target: 2 },
      { type: "IsDefinedStmt", source: 2 },
      { type: "ResetLocalStmt", target: 2 },
      { type: "IsUndefinedStmt", source: 2 },
      { type: "AssignVarStmt", source: B(true), target: 3 },
      ...result(3),
    ]),
    want: [{ result: true }],
  },
  { note: "falsy input arrives as no input", policy: planOf([{ type: "IsDefinedStmt", source: 0 }, { type: "AssignVarStmt", source: L(0), target: 3 }, ...result(3)]), input: 0, want: [] },
  { note: "LenStmt", policy: planOf([{ type: "LenStmt", source: L(0), target: 3 }, ...result(3)]), input: { a: 1, b: 2 }, want: [{ result: 2 }] },
  {
    note: "ObjectInsertStmt replaces, ObjectInsertOnceStmt accepts an equal value",
    policy: planOf([
      { type: "MakeObjectStmt", target: 3 },
      { type: "ObjectInsertStmt", key: S(1), value: B(true), object: 3 },
      { type: "ObjectInsertStmt", key: S(1), value: B(false), object: 3 },
      { type: "ObjectInsertOnceStmt", key: S(1), value: B(false), object: 3 },
      ...result(3),
    ], { strings: hasA }),
    want: [{ result: { a: false } }],
  },
  {
    note: "ObjectInsertOnceStmt conflict aborts",
    policy: planOf([{ type: "MakeObjectStmt", target: 3 }, { type: "ObjectInsertOnceStmt", key: S(1), value: B(true), object: 3 }, { type: "ObjectInsertOnceStmt", key: S(1), value: B(false), object: 3 }, ...result(3)], { strings: hasA }),
    want: { abort: /object insert conflict/ },
  },
  {
    note: "AssignVarOnceStmt: same value is fine, a different one aborts",
    policy: planOf([{ type: "AssignVarOnceStmt", source: S(1), target: 3 }, { type: "AssignVarOnceStmt", source: S(1), target: 3 }, { type: "AssignVarOnceStmt", source: B(true), target: 3 }, ...result(3)], { strings: hasA }),
    want: { abort: /var assignment conflict/ },
  },
  {
    note: "ObjectMergeStmt",
    policy: planOf([{ type: "DotStmt", source: L(0), key: S(1), target: 2 }, { type: "DotStmt", source: L(1), key: S(1), target: 3 }, { type: "ObjectMergeStmt", a: 2, b: 3, target: 4 }, ...result(4)], { strings: hasA }),
    input: { a: { x: 1, n: { p: 1 } } },
    data: { a: { y: 2, n: { q: 2 } } },
    want: [{ result: { x: 1, y: 2, n: { p: 1, q: 2 } } }],
  },
  {
    note: "ObjectMergeStmt conflict on a shared non-object key aborts",
    policy: planOf([{ type: "DotStmt", source: L(0), key: S(1), target: 2 }, { type: "DotStmt", source: L(1), key: S(1), target: 3 }, { type: "ObjectMergeStmt", a: 2, b: 3, target: 4 }, ...result(4)], { strings: hasA }),
    input: { a: { x: 1 } },
    data: { a: { x: 2 } },
    want: { abort: /object merge conflict/ },
  },
  {
    note: "CallStmt to a planned function with extra arguments; undefined result",
    policy: planOf([{ type: "MakeNumberIntStmt", value: 5n, target: 2 }, { type: "CallStmt", func: "f", args: [L(0), L(1), L(2)], result: 3 }, ...result(3)], {
      funcs: [{ name: "f", params: [0, 1, 2], return: 3, blocks: [block({ type: "DotStmt", source: L(0), key: S(1), target: 4 }, { type: "AssignVarOnceStmt", source: L(2), target: 3 }), block({ type: "ReturnLocalStmt", source: 3 })] }],
      strings: hasA,
    }),
    input: { a: 1 },
    want: [{ result: 5 }],
  },
  {
    note: "CallStmt to a function that is undefined",
    policy: planOf([{ type: "MakeNumberIntStmt", value: 5n, target: 2 }, { type: "CallStmt", func: "f", args: [L(0), L(1), L(2)], result: 3 }, ...result(3)], {
      funcs: [{ name: "f", params: [0, 1, 2], return: 3, blocks: [block({ type: "DotStmt", source: L(0), key: S(1), target: 4 }, { type: "AssignVarOnceStmt", source: L(2), target: 3 }), block({ type: "ReturnLocalStmt", source: 3 })] }],
      strings: hasA,
    }),
    input: { b: 1 },
    want: [],
  },
  {
    note: "CallDynamicStmt picks the function by path",
    policy: planOf([{ type: "DotStmt", source: L(0), key: S(1), target: 2 }, { type: "CallDynamicStmt", args: [0, 1], result: 3, path: [S(2), L(2)] }, ...result(3)], {
      strings: ["a", "g0", "p", "q"],
      funcs: [
        { name: "g0.p", params: [0, 1], return: 2, path: ["g0", "p"], blocks: [block({ type: "AssignVarStmt", source: S(3), target: 2 }), block({ type: "ReturnLocalStmt", source: 2 })] },
        { name: "g0.q", params: [0, 1], return: 2, path: ["g0", "q"], blocks: [block({ type: "AssignVarStmt", source: S(4), target: 2 }), block({ type: "ReturnLocalStmt", source: 2 })] },
      ],
    }),
    input: { a: "q" },
    want: [{ result: "q" }],
  },
  {
    note: "WithStmt replaces input inside its block and restores it after",
    policy: planOf([
      { type: "WithStmt", local: 0, path: [], value: S(1), block: block({ type: "AssignVarStmt", source: L(0), target: 3 }) },
      { type: "MakeArrayStmt", capacity: 2, target: 4 },
      { type: "ArrayAppendStmt", value: L(3), array: 4 },
      { type: "ArrayAppendStmt", value: L(0), array: 4 },
      ...result(4),
    ], { strings: hasA }),
    input: "orig",
    want: [{ result: ["a", "orig"] }],
  },
  {
    note: "WithStmt with a path upserts into a copy",
    policy: planOf([
      { type: "WithStmt", local: 0, path: [1, 2], value: B(true), block: block({ type: "AssignVarStmt", source: L(0), target: 3 }) },
      { type: "MakeArrayStmt", capacity: 2, target: 4 },
      { type: "ArrayAppendStmt", value: L(3), array: 4 },
      { type: "ArrayAppendStmt", value: L(0), array: 4 },
      ...result(4),
    ], { strings: ["a", "b"] }),
    input: { a: { c: 1 }, d: 2 },
    want: [{ result: [{ a: { b: true, c: 1 }, d: 2 }, { a: { c: 1 }, d: 2 }] }],
  },
  {
    note: "WithStmt is undefined when its block is",
    policy: planOf([{ type: "WithStmt", local: 0, path: [], value: S(1), block: block({ type: "IsArrayStmt", source: L(0) }) }, ...result(0)], { strings: hasA }),
    input: 1,
    want: [],
  },
  {
    note: "native builtins (count, sprintf) through CallStmt",
    policy: planOf([{ type: "CallStmt", func: "count", args: [L(0)], result: 2 }, { type: "MakeArrayStmt", capacity: 1, target: 3 }, { type: "ArrayAppendStmt", value: L(2), array: 3 }, { type: "CallStmt", func: "sprintf", args: [S(1), L(3)], result: 4 }, ...result(4)], {
      strings: ["n=%v"],
      builtins: ["count", "sprintf"],
    }),
    input: [1, 2, 3],
    want: [{ result: "n=3" }],
  },
  {
    note: "a builtin type error is undefined",
    policy: planOf([{ type: "CallStmt", func: "count", args: [L(0)], result: 2 }, ...result(2)], { builtins: ["count"] }),
    input: 5,
    want: [],
  },
  {
    note: "NopStmt and several results",
    policy: policy({
      plans: [{ name: "test/p", blocks: [block({ type: "NopStmt" }, { type: "MakeNumberIntStmt", value: 2n, target: 2 }, ...result(2)), block({ type: "MakeNumberIntStmt", value: 1n, target: 2 }, ...result(2))] }],
    }),
    want: [{ result: 1 }, { result: 2 }],
  },
  {
    note: "entrypoints by name",
    policy: policy({
      plans: [
        { name: "a/one", blocks: [block({ type: "MakeNumberIntStmt", value: 1n, target: 2 }, ...result(2))] },
        { name: "a/two", blocks: [block({ type: "MakeNumberIntStmt", value: 2n, target: 2 }, ...result(2))] },
      ],
    }),
    entrypoint: "a/two",
    want: [{ result: 2 }],
  },
];
