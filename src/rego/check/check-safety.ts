/**
 * checkSafety: reorders every body so that each expression runs once the
 * vars it reads are bound (OPA's reorderBodyForSafety), then reports the vars
 * that no order binds, `var x is unsafe`, and head vars the body does not
 * bind. Nested bodies (comprehensions, `every`) are checked the same way,
 * with the enclosing body's vars as closures. Bodies are reordered in place.
 */
import type { Body, CallTerm, Expr, Term, VarTerm } from "../syntax/index.js";
import { resolveCallee } from "./check-calls.js";
import { type CompileState, UNSAFE_VAR_ERROR, report } from "./env.js";
import { type SafetyCtx, evalOutputs, exprOutputs, namesBuiltin } from "./safety-vars.js";
import { displayName, exprTerms, forEachChild, someChild, visitVars } from "./walk.js";

export function checkSafety(s: CompileState): void {
  for (const m of s.modules) {
    for (const r of m.rules) {
      const h = r.head;
      const args = new Set<string>();
      if (h.kind === "function") for (const a of h.args) visitVars(a, (v) => args.add(v.name));
      const headTerms: Term[] = [...h.ref.path, ...(h.kind === "multi" ? [h.key] : h.value ? [h.value] : [])];
      checkBody(s, m.file, r.body, args, headTerms);
      for (const e of r.else) checkBody(s, m.file, e.body, args, e.value ? [e.value] : []);
    }
  }
  if (s.query) checkBody(s, s.query.file, s.query.body, new Set(), []);
}

/** Reorders `body` for safety; returns false when some var stayed unsafe. */
function checkBody(s: CompileState, file: string, body: Body, initial: ReadonlySet<string>, headTerms: Term[]): boolean {
  const own = s.bodyVars.get(body) ?? new Set<string>();
  const owned = (n: string): boolean => own.has(n) || n.startsWith("$");
  const ctx: SafetyCtx = {
    safe: (n, set) => set.has(n) || !owned(n),
    freeVars: (t) => freeVars(s, t),
    arity: (c: CallTerm) => resolveCallee(s, c)?.arity,
  };
  const safe = new Set(initial);
  const remaining = [...body];
  const ordered: Expr[] = [];
  while (remaining.length > 0) {
    // The first expression that can run now (its outputs computed once).
    let i = 0;
    let out: Set<string> | undefined;
    for (; i < remaining.length; i++) if ((out = exprOutputs(ctx, remaining[i]!, safe))) break;
    if (!out) break;
    const e = remaining.splice(i, 1)[0]!;
    for (const v of out) safe.add(v);
    ordered.push(e);
  }
  body.splice(0, body.length, ...ordered, ...remaining);
  const reported = new Set<string>();
  const unsafe = (v: VarTerm): void => {
    if (!owned(v.name) || safe.has(v.name) || reported.has(v.name)) return;
    reported.add(v.name);
    report(s, UNSAFE_VAR_ERROR, `var ${displayName(v.name)} is unsafe`, file, v.loc);
  };
  for (const e of remaining) {
    for (const t of exprTerms({ ...e, with: [] })) visitVars(t, unsafe, false);
    for (const w of e.with) if (!namesBuiltin(w.value)) visitVars(w.value, unsafe, false);
  }
  for (const e of remaining) for (const v of freeVarTerms(s, e)) unsafe(v);
  if (remaining.length > 0) return false;
  // Nested bodies see everything bound here.
  let ok = true;
  const nested = (t: Term): void => {
    if (t.type === "arraycompr" || t.type === "setcompr") ok = checkBody(s, file, t.body, new Set(), [t.term]) && ok;
    else if (t.type === "objectcompr") ok = checkBody(s, file, t.body, new Set(), [t.key, t.value]) && ok;
    else if (t.type === "ref") {
      nested(t.head);
      t.path.forEach(nested);
    } else if (t.type === "call") {
      nested(t.fn);
      t.args.forEach(nested);
    } else if (t.type === "array" || t.type === "set") t.items.forEach(nested);
    else if (t.type === "object") {
      for (const [k, v] of t.entries) {
        nested(k);
        nested(v);
      }
    }
  };
  for (const e of ordered) {
    for (const t of exprTerms(e)) nested(t);
    if (e.kind === "every") ok = checkBody(s, file, e.body, new Set([...(e.key ? [e.key.name] : []), e.value.name]), []) && ok;
  }
  for (const t of headTerms) {
    nested(t);
    // Head terms are evaluated after the body: their refs may iterate (`q := xs[_]`).
    const o = evalOutputs(ctx, t, safe);
    if (o) for (const v of o) safe.add(v);
    else visitVars(t, unsafe, false);
  }
  return ok && reported.size === 0;
}

/** Vars under `t` (or a body) not owned by a body inside it: closures over enclosing bodies. */
function freeVars(s: CompileState, t: Term | Body): Set<string> {
  const out = new Set<string>();
  for (const v of freeVarTermsOf(s, t)) out.add(v.name);
  return out;
}

function freeVarTerms(s: CompileState, e: Expr): VarTerm[] {
  const out: VarTerm[] = [];
  for (const t of exprTerms(e)) if (hasNested(t)) out.push(...freeVarTermsOf(s, t));
  if (e.kind === "every") out.push(...freeVarTermsOf(s, e.body));
  return out;
}

function hasNested(t: Term): boolean {
  if (t.type === "arraycompr" || t.type === "setcompr" || t.type === "objectcompr") return true;
  return someChild(t, hasNested);
}

function freeVarTermsOf(s: CompileState, t: Term | Body): VarTerm[] {
  const all: VarTerm[] = [];
  const ownedInside = new Set<string>();
  const body = (b: Body): void => {
    for (const n of s.bodyVars.get(b) ?? []) ownedInside.add(n);
    for (const e of b) {
      for (const x of exprTerms(e)) term(x);
      if (e.kind === "every") body(e.body);
    }
  };
  const term = (x: Term): void => {
    if (x.type === "var") all.push(x);
    else if (x.type === "arraycompr" || x.type === "setcompr") {
      term(x.term);
      body(x.body);
    } else if (x.type === "objectcompr") {
      term(x.key);
      term(x.value);
      body(x.body);
    } else if (x.type === "call") x.args.forEach(term);
    else forEachChild(x, term);
  };
  if (Array.isArray(t)) body(t);
  else term(t);
  return all.filter((v) => !ownedInside.has(v.name) && !v.name.startsWith("$"));
}
