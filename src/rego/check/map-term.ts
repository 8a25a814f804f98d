/**
 * Rebuilding terms and expressions with a function applied to every node
 * (resolveRefs' global names -> refs), copying only what changes.
 */
import type { Body, Expr, Term, VarTerm } from "../syntax/index.js";

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
  // Copy on change: a node none of whose children changed is passed to `m.term` as it is.
  let out: Term = t;
  switch (t.type) {
    case "ref": {
      const head = mapTerm(t.head, m);
      const path = mapTerms(t.path, m);
      if (head.type === "ref") out = { ...t, head: head.head, path: [...head.path, ...path] };
      else if (head !== t.head || path !== t.path) out = { ...t, head, path };
      break;
    }
    case "call": {
      let fn = t.fn;
      if (m.calls) {
        const f = mapTerm(fn, m);
        fn = f.type === "ref" ? f : fn;
      }
      const args = mapTerms(t.args, m);
      if (fn !== t.fn || args !== t.args) out = { ...t, fn, args };
      break;
    }
    case "array":
    case "set": {
      const items = mapTerms(t.items, m);
      if (items !== t.items) out = { ...t, items };
      break;
    }
    case "object": {
      let entries: [Term, Term][] | undefined;
      t.entries.forEach(([k, v], i) => {
        const k2 = mapTerm(k, m);
        const v2 = mapTerm(v, m);
        if (!entries && (k2 !== k || v2 !== v)) entries = t.entries.slice(0, i);
        entries?.push(k2 === k && v2 === v ? t.entries[i]! : [k2, v2]);
      });
      if (entries) out = { ...t, entries };
      break;
    }
    case "arraycompr":
    case "setcompr": {
      const term = mapTerm(t.term, m);
      const body = m.body ? m.body(t.body) : t.body;
      if (term !== t.term || body !== t.body) out = { ...t, term, body };
      break;
    }
    case "objectcompr": {
      const key = mapTerm(t.key, m);
      const value = mapTerm(t.value, m);
      const body = m.body ? m.body(t.body) : t.body;
      if (key !== t.key || value !== t.value || body !== t.body) out = { ...t, key, value, body };
      break;
    }
  }
  return m.term(out);
}

/** mapTerm over a list: the same array when no item changed. */
function mapTerms(xs: Term[], m: TermMapper): Term[] {
  // mapList, spelled out: a direct call per item is cheaper than a shared helper's callback.
  let out: Term[] | undefined;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    const y = mapTerm(x, m);
    if (!out && y !== x) out = xs.slice(0, i);
    out?.push(y);
  }
  return out ?? xs;
}

/** `xs.map(f)`, but `xs` itself when `f` returned every item unchanged. */
export function mapList<T>(xs: T[], f: (x: T) => T): T[] {
  let out: T[] | undefined;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    const y = f(x);
    if (!out && y !== x) out = xs.slice(0, i);
    out?.push(y);
  }
  return out ?? xs;
}

/** Maps the terms of one expression (not every's body: `body` handles it); copy on change for the common kinds. */
export function mapExpr(e: Expr, m: TermMapper): Expr {
  const f = (t: Term): Term => mapTerm(t, m);
  const withs = mapList(e.with, (w) => {
    const target = f(w.target);
    const value = f(w.value);
    return target === w.target && value === w.value ? w : { ...w, target, value };
  });
  switch (e.kind) {
    case "term": {
      const term = f(e.term);
      return term === e.term && withs === e.with ? e : { ...e, term, with: withs };
    }
    case "unify":
    case "assign": {
      const lhs = f(e.lhs);
      const rhs = f(e.rhs);
      return lhs === e.lhs && rhs === e.rhs && withs === e.with ? e : { ...e, lhs, rhs, with: withs };
    }
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
