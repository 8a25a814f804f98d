/**
 * What an expression needs bound before it can run, and what it binds: the
 * analysis behind checkSafety's reordering (OPA's `outputVarsForExpr`).
 * Each function returns the vars the term or expression binds given the
 * safe set, or `undefined` when it cannot run yet.
 */
import { type Body, type CallTerm, type Expr, type Term, callName } from "../syntax/index.js";
import { lookupBuiltin } from "./builtins.js";
import { isRootName } from "./walk.js";

/**
 * The vars bound so far, as the analysis reads them (membership only). The
 * functions below extend it with what a term binds as a view ({@link both}),
 * not a copy: the safe set of a long body is large, and copying it at every
 * child term made the analysis quadratic.
 */
export interface Bound {
  has(name: string): boolean;
}

/** `a` and `b` together, read through (`b` may grow: the view sees it). */
const both = (a: Bound, b: Bound): Bound => ({ has: (n) => a.has(n) || b.has(n) });

export interface SafetyCtx {
  /** True when the var is bound: in the safe set, or a closure over an enclosing body. */
  safe(name: string, s: Bound): boolean;
  /** Vars free in a comprehension or every body (closures), owned by the current body. */
  freeVars(t: Term | Body): Set<string>;
  /** Arity of a call's callee (without the output argument), if known. */
  arity(c: CallTerm): number | undefined;
}

type Out = Set<string> | undefined;

/** Two outputs together (a new set; outputs are small). */
const union = (s: ReadonlySet<string>, o: ReadonlySet<string>): Set<string> => new Set([...s, ...o]);

/** Evaluating `t` (refs iterate: unbound vars in ref paths get bound). */
export function evalOutputs(c: SafetyCtx, t: Term, s: Bound): Out {
  // Leaves first: they need no view of what they bind.
  switch (t.type) {
    case "null":
    case "boolean":
    case "number":
    case "string":
      return new Set();
    case "var":
      return c.safe(t.name, s) ? new Set() : undefined;
  }
  const out = new Set<string>();
  // `s` plus what `t` bound so far: `out` only grows after each call that reads this returns.
  const cur = both(s, out);
  switch (t.type) {
    case "ref": {
      if (t.head.type === "var") {
        if (t.head.name !== "input" && t.head.name !== "data" && !c.safe(t.head.name, s)) return undefined;
      } else if (!evalInto(c, t.head, cur, out)) return undefined;
      for (const p of t.path) {
        if (p.type === "var") {
          if (!c.safe(p.name, cur)) out.add(p.name);
        } else if (!evalInto(c, p, cur, out)) {
          const o = patternOutputs(c, p, cur);
          if (!o) return undefined;
          for (const v of o) out.add(v);
        }
      }
      return out;
    }
    case "call":
      for (const a of t.args) if (!evalInto(c, a, cur, out)) return undefined;
      return out;
    case "arraycompr":
    case "setcompr":
    case "objectcompr":
      for (const v of c.freeVars(t)) if (!c.safe(v, s)) return undefined;
      return out;
    case "array":
    case "set":
      for (const x of t.items) if (!evalInto(c, x, cur, out)) return undefined;
      return out;
    case "object":
      for (const [k, v] of t.entries) if (!evalInto(c, k, cur, out) || !evalInto(c, v, cur, out)) return undefined;
      return out;
  }
}

/** Adds what evaluating `x` binds (given `s`) to `out`; false when `x` cannot run yet. */
function evalInto(c: SafetyCtx, x: Term, s: Bound, out: Set<string>): boolean {
  switch (x.type) {
    case "null":
    case "boolean":
    case "number":
    case "string":
      return true; // binds nothing (the empty set evalOutputs would give)
  }
  const o = evalOutputs(c, x, s);
  if (!o) return false;
  for (const v of o) out.add(v);
  return true;
}

/** Unifying a pattern `t` with a value: its unbound vars in var/array/object-value positions get bound. */
export function patternOutputs(c: SafetyCtx, t: Term, s: Bound): Out {
  switch (t.type) {
    case "var":
      return c.safe(t.name, s) ? new Set() : new Set([t.name]);
    case "array": {
      const out = new Set<string>();
      for (const x of t.items) {
        const o = patternOutputs(c, x, both(s, out));
        if (!o) return undefined;
        for (const v of o) out.add(v);
      }
      return out;
    }
    case "object": {
      const out = new Set<string>();
      for (const [k, v] of t.entries) {
        const ok = evalOutputs(c, k, both(s, out));
        if (!ok || ok.size > 0) return undefined;
        const o = patternOutputs(c, v, both(s, out));
        if (!o) return undefined;
        for (const x of o) out.add(x);
      }
      return out;
    }
    default:
      return evalOutputs(c, t, s);
  }
}

export function unifyOutputs(c: SafetyCtx, a: Term, b: Term, s: Bound): Out {
  for (const [x, y] of [[a, b], [b, a]] as const) {
    const ox = evalOutputs(c, x, s);
    if (!ox) continue;
    const oy = patternOutputs(c, y, both(s, ox));
    if (oy) return union(ox, oy);
  }
  let pairs: [Term, Term][] | undefined;
  if (a.type === "array" && b.type === "array" && a.items.length === b.items.length) pairs = a.items.map((x, i) => [x, b.items[i]!]);
  if (a.type === "object" && b.type === "object" && a.entries.length === b.entries.length) {
    pairs = [];
    for (const [k, v] of a.entries) {
      const m = b.entries.find(([k2]) => JSON.stringify(stripLoc(k2)) === JSON.stringify(stripLoc(k)));
      if (!m) return undefined;
      pairs.push([v, m[1]]);
    }
  }
  if (!pairs) return undefined;
  const out = new Set<string>();
  let todo = pairs;
  while (todo.length > 0) {
    const next = todo.filter(([x, y]) => {
      const o = unifyOutputs(c, x, y, both(s, out));
      if (!o) return true;
      for (const v of o) out.add(v);
      return false;
    });
    if (next.length === todo.length) return undefined;
    todo = next;
  }
  return out;
}

function stripLoc(t: Term): unknown {
  return JSON.parse(JSON.stringify(t, (k, v: unknown) => (k === "loc" ? undefined : v)));
}

/** The vars `e` binds given `s`, or undefined when it cannot run yet. Negated expressions bind nothing. */
export function exprOutputs(c: SafetyCtx, e: Expr, s: Bound): Out {
  for (const w of e.with) if (!namesBuiltin(w.value) && !evalOutputs(c, w.value, s)) return undefined;
  const o = positiveOutputs(c, e, s);
  if (!o) return undefined;
  if (e.negated) {
    for (const v of o) if (!v.startsWith("$")) return undefined;
    return new Set();
  }
  return o;
}

function positiveOutputs(c: SafetyCtx, e: Expr, s: Bound): Out {
  switch (e.kind) {
    case "some":
      return new Set();
    case "term": {
      const t = e.term;
      if (t.type === "call") {
        const n = c.arity(t);
        if (n !== undefined && t.args.length === n + 1) {
          const ins = evalOutputs(c, { ...t, args: t.args.slice(0, n) }, s);
          if (!ins) return undefined;
          const o = patternOutputs(c, t.args[n]!, both(s, ins));
          return o && union(ins, o);
        }
      }
      return evalOutputs(c, t, s);
    }
    case "unify":
      return unifyOutputs(c, e.lhs, e.rhs, s);
    case "assign": {
      const o = evalOutputs(c, e.rhs, s);
      if (!o) return undefined;
      const p = patternOutputs(c, e.lhs, both(s, o));
      return p && union(o, p);
    }
    case "somein": {
      const o = evalOutputs(c, e.domain, s);
      if (!o) return undefined;
      const out = new Set(o);
      for (const t of e.key ? [e.key, e.value] : [e.value]) {
        const p = patternOutputs(c, t, both(s, out));
        if (!p) return undefined;
        for (const v of p) out.add(v);
      }
      return out;
    }
    case "every": {
      const o = evalOutputs(c, e.domain, s);
      if (!o) return undefined;
      const bound = both(s, o);
      for (const v of c.freeVars(e.body)) if (!c.safe(v, bound)) return undefined;
      return o;
    }
  }
}

/**
 * A `with` value that names a builtin (`with count as object.union_n`): a
 * function, not a value to evaluate. Every other value (a document's
 * replacement, a function's value or replacement function) is evaluated
 * where the `with` is, so its vars must be safe there.
 */
export function namesBuiltin(v: Term): boolean {
  if (v.type === "var") return !isRootName(v.name) && lookupBuiltin(v.name) !== undefined;
  if (v.type !== "ref" || v.head.type !== "var" || isRootName(v.head.name)) return false;
  const name = callName(v);
  return name !== undefined && lookupBuiltin(name) !== undefined;
}
