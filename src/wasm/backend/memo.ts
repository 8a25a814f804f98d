import type { Policy } from "../../rego/plan/ir.js";
import { walkStmts } from "../../rego/plan/ir.js";
import type { ModuleBuilder } from "../builder.js";
import type { Instr } from "../instructions.js";

/**
 * Memoization of functions taking only input and data (rules without
 * arguments), as OPA's Wasm does: within one evaluation their result cannot
 * change, so the first call's result (or undefined, stored as the sentinel 1,
 * never a value address) is kept in a global that every evaluation clears.
 * `with` changes input or data mid-evaluation; a policy that uses it is not
 * memoized at all (OPA keeps a stack of caches instead).
 */
export const MEMO_UNDEFINED = 1;

export function canMemoize(p: Policy): boolean {
  let hasWith = false;
  const check = (blocks: Parameters<typeof walkStmts>[0]): void =>
    walkStmts(blocks, (s) => {
      if (s.type === "WithStmt") hasWith = true;
    });
  for (const pl of p.plans?.plans ?? []) check(pl.blocks);
  for (const f of p.funcs?.funcs ?? []) check(f.blocks);
  return !hasWith;
}

/** Defines `wrapper(input, data)`: the cached result, or `body(input, data)` stored. */
export function defineMemoWrapper(b: ModuleBuilder, wrapper: number, body: number, global: number): void {
  const get = (local: number): Instr => ({ op: "local.get", local });
  b.defineFunction(
    wrapper,
    ["i32"],
    [
      { op: "global.get", global },
      { op: "local.tee", local: 2 },
      { op: "if", type: "empty" },
      // cached: the value, or 0 for the undefined sentinel
      get(2), { op: "i32.const", value: MEMO_UNDEFINED }, { op: "i32.ne" }, get(2), { op: "i32.mul" },
      { op: "return" },
      { op: "end" },
      get(0), get(1), { op: "call", func: body }, { op: "local.set", local: 2 },
      get(2), { op: "i32.const", value: MEMO_UNDEFINED }, get(2), { op: "select" },
      { op: "global.set", global },
      get(2),
    ],
  );
}

/** Instructions clearing every memo global (start of each evaluation). */
export function clearMemo(globals: readonly number[]): Instr[] {
  return globals.flatMap((global): Instr[] => [{ op: "i32.const", value: 0 }, { op: "global.set", global }]);
}
