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
    default:
      for (const c of termChildren(t)) visitVars(c, visit, deep);
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

/**
 * Rebuilds `t` bottom-up, replacing each node by `f(node)` (children first).
 * A ref whose head became a ref is flattened (`p[x]` with `p` -> `data.a.p`
 * gives `data.a.p[x]`). Call names are mapped only with `calls`; comprehension
 * bodies go through `body` when given (else they are kept).
 */
export interface TermMapper {
  term: (t: Term) => Term;
  body?: (b: Body) => Body;
  calls?: boolean;
}

export function mapTerm(t: Term, m: TermMapper): Term {
  let out: Term;
  switch (t.type) {
    case "ref": {
      const head = mapTerm(t.head, m);
      const path = t.path.map((p) => mapTerm(p, m));
      out = head.type === "ref" ? { ...t, head: head.head, path: [...head.path, ...path] } : { ...t, head, path };
      break;
    }
    case "call": {
      let fn = t.fn;
      if (m.calls) {
        const f = mapTerm(fn, m);
        fn = f.type === "ref" ? f : fn;
      }
      out = { ...t, fn, args: t.args.map((a) => mapTerm(a, m)) };
      break;
    }
    case "array":
      out = { ...t, items: t.items.map((x) => mapTerm(x, m)) };
      break;
    case "set":
      out = { ...t, items: t.items.map((x) => mapTerm(x, m)) };
      break;
    case "object":
      out = { ...t, entries: t.entries.map(([k, v]) => [mapTerm(k, m), mapTerm(v, m)] as [Term, Term]) };
      break;
    case "arraycompr":
    case "setcompr":
      out = { ...t, term: mapTerm(t.term, m), body: m.body ? m.body(t.body) : t.body };
      break;
    case "objectcompr":
      out = { ...t, key: mapTerm(t.key, m), value: mapTerm(t.value, m), body: m.body ? m.body(t.body) : t.body };
      break;
    default:
      out = t;
  }
  return m.term(out);
}

/** Maps the terms of one expression (not every's body: `body` handles it). */
export function mapExpr(e: Expr, m: TermMapper): Expr {
  const f = (t: Term): Term => mapTerm(t, m);
  const withs = e.with.map((w) => ({ ...w, target: f(w.target), value: f(w.value) }));
  switch (e.kind) {
    case "term":
      return { ...e, term: f(e.term), with: withs };
    case "unify":
    case "assign":
      return { ...e, lhs: f(e.lhs), rhs: f(e.rhs), with: withs };
    case "some":
      return { ...e, vars: e.vars.map((v) => f(v)).filter((v): v is VarTerm => v.type === "var"), with: withs };
    case "somein": {
      const r = { ...e, value: f(e.value), domain: f(e.domain), with: withs };
      if (e.key) r.key = f(e.key);
      return r;
    }
    case "every": {
      const key = e.key ? f(e.key) : undefined;
      const value = f(e.value);
      const r = { ...e, value: value.type === "var" ? value : e.value, domain: f(e.domain), body: m.body ? m.body(e.body) : e.body, with: withs };
      if (key) r.key = key.type === "var" ? key : e.key;
      return r;
    }
  }
}
