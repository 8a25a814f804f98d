/**
 * Small AST helpers shared by the check stages and the planner: visiting the
 * terms of a body, collecting vars, testing groundness.
 */
import type { Body, Expr, Term, VarTerm } from "../syntax/index.js";

/** Children of a term that are evaluated in the term's own scope (not comprehension bodies). */
export function termChildren(t: Term): Term[] {
  switch (t.type) {
    case "ref":
      return [t.head, ...t.path];
    case "call":
      return [t.fn, ...t.args];
    case "array":
    case "set":
      return t.items;
    case "object":
      return t.entries.flat();
    default:
      return [];
  }
}

/**
 * Calls `f(child, arg)` on each of termChildren(t), in order, without
 * building the array; `arg` lets a recursive walker pass itself and its
 * context without a closure per node.
 */
export function forEachChild<A = undefined>(t: Term, f: (c: Term, arg: A) => void, arg?: A): void {
  switch (t.type) {
    case "ref":
      f(t.head, arg as A);
      for (const p of t.path) f(p, arg as A);
      return;
    case "call":
      f(t.fn, arg as A);
      for (const a of t.args) f(a, arg as A);
      return;
    case "array":
    case "set":
      for (const x of t.items) f(x, arg as A);
      return;
    case "object":
      for (const [k, v] of t.entries) {
        f(k, arg as A);
        f(v, arg as A);
      }
      return;
  }
}

/** True when `pred` holds for one of termChildren(t) (checked in order, stopping at the first). */
export function someChild(t: Term, pred: (c: Term) => boolean): boolean {
  switch (t.type) {
    case "ref":
      return pred(t.head) || t.path.some(pred);
    case "call":
      return pred(t.fn) || t.args.some(pred);
    case "array":
    case "set":
      return t.items.some(pred);
    case "object":
      return t.entries.some(([k, v]) => pred(k) || pred(v));
    default:
      return false;
  }
}

export function isComprehension(t: Term): t is Extract<Term, { type: "arraycompr" | "setcompr" | "objectcompr" }> {
  return t.type === "arraycompr" || t.type === "setcompr" || t.type === "objectcompr";
}

/**
 * The terms of an expression in its own scope (every's body and comprehension
 * bodies excluded): its operands, then each `with`'s target and value.
 */
export function exprTerms(e: Expr): Term[] {
  const out = operandTerms(e);
  for (const w of e.with) out.push(w.target, w.value);
  return out;
}

/** The terms of an expression in its own scope, without its `with`s (a new array). */
export function operandTerms(e: Expr): Term[] {
  switch (e.kind) {
    case "term":
      return [e.term];
    case "unify":
    case "assign":
      return [e.lhs, e.rhs];
    case "some":
      return e.vars.slice();
    case "somein":
    case "every":
      return e.key ? [e.key, e.value, e.domain] : [e.value, e.domain];
  }
}

/**
 * Calls `visit` on every var term under `t`, including inside comprehensions
 * (`deep`) or not. Call heads (`count` in `count(x)`) are skipped: they name
 * functions, not variables.
 */
export function visitVars(t: Term, visit: (v: VarTerm) => void, deep = true): void {
  switch (t.type) {
    case "var":
      visit(t);
      return;
    case "call":
      // The function name's head is not a variable; its path parts may be (never in practice).
      for (const a of t.args) visitVars(a, visit, deep);
      return;
    case "ref":
      visitVars(t.head, visit, deep);
      for (const p of t.path) visitVars(p, visit, deep);
      return;
    case "arraycompr":
    case "setcompr":
      if (!deep) return;
      visitVars(t.term, visit, deep);
      visitBodyVars(t.body, visit);
      return;
    case "objectcompr":
      if (!deep) return;
      visitVars(t.key, visit, deep);
      visitVars(t.value, visit, deep);
      visitBodyVars(t.body, visit);
      return;
    case "array":
    case "set":
      for (const x of t.items) visitVars(x, visit, deep);
      return;
    case "object":
      for (const [k, v] of t.entries) {
        visitVars(k, visit, deep);
        visitVars(v, visit, deep);
      }
  }
}

/**
 * Adds the names of the vars under `t` to `out`, comprehensions excluded:
 * `visitVars(t, (v) => out.add(v.name), false)` without the callback (this
 * runs for every term of every body in rewriteLocalVars).
 */
export function addShallowVarNames(t: Term, out: Set<string>): void {
  switch (t.type) {
    case "var":
      out.add(t.name);
      return;
    case "call":
      for (const a of t.args) addShallowVarNames(a, out);
      return;
    case "ref":
      addShallowVarNames(t.head, out);
      for (const p of t.path) addShallowVarNames(p, out);
      return;
    case "array":
    case "set":
      for (const x of t.items) addShallowVarNames(x, out);
      return;
    case "object":
      for (const [k, v] of t.entries) {
        addShallowVarNames(k, out);
        addShallowVarNames(v, out);
      }
  }
}

export function visitBodyVars(b: Body, visit: (v: VarTerm) => void): void {
  for (const e of b) visitExprVars(e, visit, true);
}

export function visitExprVars(e: Expr, visit: (v: VarTerm) => void, deep: boolean): void {
  for (const t of exprTerms(e)) visitVars(t, visit, deep);
  if (e.kind === "every" && deep) visitBodyVars(e.body, visit);
}

/** Var names under a term (comprehension bodies included when `deep`). */
export function termVarNames(t: Term, deep = true): Set<string> {
  const out = new Set<string>();
  visitVars(t, (v) => out.add(v.name), deep);
  return out;
}

/** True when the term holds no vars and no calls or refs: a constant. */
export function isConstant(t: Term): boolean {
  switch (t.type) {
    case "null":
    case "boolean":
    case "number":
    case "string":
      return true;
    case "array":
    case "set":
      return t.items.every(isConstant);
    case "object":
      return t.entries.every(([k, v]) => isConstant(k) && isConstant(v));
    default:
      return false;
  }
}

/** `input`/`data` as a root ref head name. */
export function isRootName(name: string): name is "input" | "data" {
  return name === "input" || name === "data";
}

/** A deep copy (AST nodes are plain JSON). */
export function clone<T>(x: T): T {
  return structuredClone(x);
}

/** Generated var names (wildcards, renamed locals) contain `$`; users cannot write them. */
export function displayName(name: string): string {
  if (name.startsWith("$")) return "_";
  const i = name.indexOf("$");
  return i < 0 ? name : name.slice(0, i);
}
