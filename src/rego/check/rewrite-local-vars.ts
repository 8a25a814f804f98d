/**
 * rewriteLocalVars: gives every variable a name unique within its rule, as
 * OPA's RewriteLocalVars does, so later stages and the planner can treat
 * names as identities:
 * - each `_` becomes a fresh `$N`;
 * - a comprehension or `every` body owns the vars it declares (`:=`, `some`)
 *   and those the enclosing body does not use; they are renamed `x$N`; the
 *   rest are closures over the enclosing body's vars;
 * - a top-level body keeps its names (query bindings are reported by them).
 * Reports `var x assigned above` and `var x referenced above` (`:=` after a
 * declaration or a use of the same name in the same body).
 */
import type { Body, Expr, Term, VarTerm } from "../syntax/index.js";
import { COMPILE_ERROR, type CompileState, report } from "./env.js";
import { addShallowVarNames, operandTerms, visitVars } from "./walk.js";

interface Scope {
  parent?: Scope;
  /** Original name -> unique name, for the vars this scope owns. */
  own: Map<string, string>;
  /**
   * Own names nested bodies may capture at this point: unification vars, and
   * vars declared (`:=`, `some`) by the expressions before the current one.
   */
  visible: Set<string>;
}

export function rewriteLocalVars(s: CompileState): void {
  for (const m of s.modules) {
    const rn = new Renamer(s, m.file);
    for (const rule of m.rules) {
      Object.assign(rule, ((): typeof rule => {
      const h = rule.head;
      const args = h.kind === "function" ? h.args : [];
      const headTerms = (value?: Term): Term[] => [
        ...args,
        ...h.ref.path,
        ...(h.kind === "multi" ? [h.key] : []),
        ...(value ? [value] : []),
      ];
      const argNames = new Set<string>();
      for (const a of args) visitVars(a, (v) => argNames.add(v.name), false);
      const main = rn.topLevel(rule.body, headTerms(h.kind === "multi" ? undefined : h.value), argNames);
      const [newArgs, refPath, rest] = [main.terms.slice(0, args.length), main.terms.slice(args.length, args.length + h.ref.path.length), main.terms.slice(args.length + h.ref.path.length)];
      let head: typeof h;
      if (h.kind === "function") head = { ...h, args: newArgs, ref: { ...h.ref, path: refPath }, ...(h.value ? { value: rest[0]! } : {}) };
      else if (h.kind === "multi") head = { ...h, ref: { ...h.ref, path: refPath }, key: rest[0]! };
      else head = { ...h, ref: { ...h.ref, path: refPath }, ...(h.value ? { value: rest[0]! } : {}) };
      const elses = rule.else.map((e) => {
        const r = rn.topLevel(e.body, [...args, ...(e.value ? [e.value] : [])], argNames);
        return { ...e, body: r.body, ...(e.value ? { value: r.terms[args.length]! } : {}) };
      });
      return { ...rule, head, body: main.body, else: elses };
      })());
    }
  }
  if (s.query) {
    const rn = new Renamer(s, s.query.file);
    s.query.body = rn.topLevel(s.query.body, [], new Set()).body;
  }
}

class Renamer {
  constructor(
    private readonly s: CompileState,
    private readonly file: string,
  ) {}

  fresh(name: string): string {
    return name === "_" ? `$${this.s.gensym++}` : `${name}$${this.s.gensym++}`;
  }

  /** A rule body (or query) with the head terms evaluated in its scope. */
  topLevel(body: Body, terms: Term[], args: Set<string>): { body: Body; terms: Term[] } {
    return this.scoped(body, terms, undefined, args);
  }

  /**
   * Renames `body` and `terms` in a new scope under `parent`; `declared` are
   * names the scope owns from the start (function args, every's key/value).
   */
  scoped(body: Body, terms: Term[], parent: Scope | undefined, declared: Set<string>): { body: Body; terms: Term[] } {
    const used = new Set<string>();
    for (const t of terms) addShallowVarNames(t, used);
    for (const e of body) for (const t of shallowTerms(e)) addShallowVarNames(t, used);
    const declaredByExpr = body.map(declaredBy);
    const decls = new Set(declared);
    for (const ns of declaredByExpr) for (const n of ns) decls.add(n);
    const scope: Scope = { own: new Map(), visible: new Set() };
    if (parent) scope.parent = parent;
    // Used names first, then declared ones not used (the order fixes the generated names).
    const own = (n: string): void => {
      if (n === "_" || n === "input" || n === "data") return;
      if (!decls.has(n) && parent && lookupVisible(parent, n)) return;
      scope.own.set(n, parent ? this.fresh(n) : n);
      if (!decls.has(n) || declared.has(n)) scope.visible.add(n);
    };
    for (const n of used) own(n);
    for (const n of decls) if (!used.has(n)) own(n);
    this.checkDeclarations(body, declared);
    const newBody = body.map((e, i) => {
      const r = this.expr(e, scope);
      for (const n of declaredByExpr[i]!) scope.visible.add(n);
      return r;
    });
    this.s.bodyVars.set(newBody, new Set(scope.own.values()));
    return { body: newBody, terms: terms.map((t) => this.term(t, scope)) };
  }

  checkDeclarations(body: Body, declared: Set<string>): void {
    // Only `:=` can be reported, so nothing after the last one matters.
    let end = body.length;
    while (end > 0 && body[end - 1]!.kind !== "assign") end--;
    if (end === 0) return;
    const assigned = new Set(declared);
    const seen = new Set<string>();
    for (let i = 0; i < end; i++) {
      const e = body[i]!;
      if (e.kind === "assign") {
        addShallowVarNames(e.rhs, seen);
        visitVars(e.lhs, (v) => {
          if (v.name === "_") return;
          if (assigned.has(v.name)) report(this.s, COMPILE_ERROR, `var ${v.name} assigned above`, this.file, v.loc);
          else if (seen.has(v.name)) report(this.s, COMPILE_ERROR, `var ${v.name} referenced above`, this.file, v.loc);
          assigned.add(v.name);
        }, false);
      }
      for (const t of shallowTerms(e)) addShallowVarNames(t, seen);
    }
  }

  var(v: VarTerm, scope: Scope): VarTerm {
    if (v.name === "_") return { ...v, name: this.fresh("_") };
    const u = scope.own.get(v.name) ?? (scope.parent && lookupVisible(scope.parent, v.name));
    return u && u !== v.name ? { ...v, name: u } : v;
  }

  /** `t` renamed; copy on change (a term without renamed vars is returned as it is). */
  term(t: Term, scope: Scope): Term {
    switch (t.type) {
      case "var":
        return this.var(t, scope);
      case "ref": {
        const head = this.term(t.head, scope);
        const path = this.terms(t.path, scope);
        return head === t.head && path === t.path ? t : { ...t, head, path };
      }
      case "call": {
        const args = this.terms(t.args, scope);
        return args === t.args ? t : { ...t, args };
      }
      case "array":
      case "set": {
        const items = this.terms(t.items, scope);
        return items === t.items ? t : { ...t, items };
      }
      case "object": {
        let entries: [Term, Term][] | undefined;
        t.entries.forEach(([k, v], i) => {
          const k2 = this.term(k, scope);
          const v2 = this.term(v, scope);
          if (!entries && (k2 !== k || v2 !== v)) entries = t.entries.slice(0, i);
          entries?.push(k2 === k && v2 === v ? t.entries[i]! : [k2, v2]);
        });
        return entries ? { ...t, entries } : t;
      }
      case "arraycompr":
      case "setcompr": {
        const r = this.scoped(t.body, [t.term], scope, new Set());
        return { ...t, term: r.terms[0]!, body: r.body };
      }
      case "objectcompr": {
        const r = this.scoped(t.body, [t.key, t.value], scope, new Set());
        return { ...t, key: r.terms[0]!, value: r.terms[1]!, body: r.body };
      }
      default:
        return t;
    }
  }

  /** `xs` renamed: the same array when no item changed. */
  terms(xs: Term[], scope: Scope): Term[] {
    let out: Term[] | undefined;
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i]!;
      const y = this.term(x, scope);
      if (!out && y !== x) out = xs.slice(0, i);
      out?.push(y);
    }
    return out ?? xs;
  }

  expr(e: Expr, scope: Scope): Expr {
    const f = (t: Term): Term => this.term(t, scope);
    const withs = e.with.map((w) => ({ ...w, target: w.target, value: f(w.value) }));
    switch (e.kind) {
      case "term":
        return { ...e, term: f(e.term), with: withs };
      case "unify":
      case "assign":
        return { ...e, lhs: f(e.lhs), rhs: f(e.rhs), with: withs };
      case "some":
        return { ...e, vars: e.vars.map((v) => this.var(v, scope)), with: withs };
      case "somein": {
        const r = { ...e, value: f(e.value), domain: f(e.domain), with: withs };
        if (e.key) r.key = f(e.key);
        return r;
      }
      case "every": {
        const kv = [...(e.key ? [e.key.name] : []), e.value.name];
        const r = this.scoped(e.body, [...(e.key ? [e.key] : []), e.value], scope, new Set(kv));
        const out = { ...e, domain: f(e.domain), body: r.body, value: r.terms[r.terms.length - 1] as VarTerm, with: withs };
        if (e.key) out.key = r.terms[0] as VarTerm;
        return out;
      }
    }
  }
}

/** The unique name of a var an enclosing scope lets nested bodies capture here. */
function lookupVisible(scope: Scope, name: string): string | undefined {
  for (let s: Scope | undefined = scope; s; s = s.parent) {
    if (s.visible.has(name)) return s.own.get(name);
    if (s.own.has(name)) return undefined;
  }
  return undefined;
}

/** Terms evaluated in the expression's own scope (every's key, value and body are the every's; `with` targets are not vars). */
function shallowTerms(e: Expr): Term[] {
  const out = e.kind === "every" ? [e.domain] : operandTerms(e);
  for (const w of e.with) out.push(w.value);
  return out;
}

function declaredBy(e: Expr): string[] {
  const out: string[] = [];
  const add = (t: Term): void => visitVars(t, (v) => v.name !== "_" && out.push(v.name), false);
  if (e.kind === "assign") add(e.lhs);
  if (e.kind === "some") e.vars.forEach(add);
  if (e.kind === "somein") {
    if (e.key) add(e.key);
    add(e.value);
  }
  return out;
}
