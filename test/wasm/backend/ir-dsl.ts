import type { Block, BuiltinFunc, Func, Operand, Plan, Policy, Stmt } from "../../../src/rego/plan/ir.js";
import { NO_LOCATION } from "../../../src/rego/plan/ir.js";

/**
 * A compact way to write IR by hand for backend cases. Statements get no
 * location; strings[0] is always "result" so `result(l)` can build OPA's
 * `{"result": x}` binding.
 */
export type NoLoc<T> = T extends Stmt ? Omit<T, "location"> : never;

export const L = (value: number): Operand => ({ type: "local", value });
export const S = (value: number): Operand => ({ type: "string_index", value });
export const B = (value: boolean): Operand => ({ type: "bool", value });

export const st = (s: NoLoc<Stmt>): Stmt => ({ ...s, location: { ...NO_LOCATION } }) as Stmt;
export const block = (...stmts: NoLoc<Stmt>[]): Block => ({ stmts: stmts.map(st) });

/** `{"result": local}` added to the result set (local 90 is scratch). */
export function result(l: number): NoLoc<Stmt>[] {
  return [
    { type: "MakeObjectStmt", target: 90 },
    { type: "ObjectInsertStmt", key: S(0), value: L(l), object: 90 },
    { type: "ResultSetAddStmt", value: 90 },
  ];
}

export function policy(p: { strings?: string[]; plans: Plan[]; funcs?: Func[]; builtins?: (string | BuiltinFunc)[] }): Policy {
  return {
    static: {
      strings: ["result", ...(p.strings ?? [])].map((value) => ({ value })),
      builtinFuncs: (p.builtins ?? []).map((b) => (typeof b === "string" ? { name: b, decl: null } : b)),
      files: [{ value: "test.rego" }],
    },
    plans: { plans: p.plans },
    funcs: { funcs: p.funcs ?? [] },
  };
}

/** A single-plan policy named "test/p" whose one block is `stmts`. */
export function planOf(stmts: NoLoc<Stmt>[], extra: { strings?: string[]; funcs?: Func[]; builtins?: (string | BuiltinFunc)[]; blocks?: Block[] } = {}): Policy {
  return policy({ ...extra, plans: [{ name: "test/p", blocks: [block(...stmts), ...(extra.blocks ?? [])] }] });
}
