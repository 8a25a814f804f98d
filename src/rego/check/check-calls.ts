/**
 * checkCalls: every call names a known builtin or a user function (after
 * resolveRefs, `data.pkg.f`) and passes it the right number of arguments
 * (one more when the call is an expression of its own: the output
 * argument, `count(xs, n)`). OPA reports both as `rego_type_error`.
 */
import { type Body, type CallTerm, type Expr, type Term, callName } from "../syntax/index.js";
import { lookupBuiltin } from "./builtins.js";
import { type CompileState, TYPE_ERROR, UNSUPPORTED_ERROR, report, treeNode } from "./env.js";
import { exprTerms } from "./walk.js";

/** The callee of a call: a builtin, or the user function at a `data` path. */
export type Callee = { kind: "builtin"; name: string; arity: number; relation: boolean; void: boolean } | { kind: "function"; path: string[]; arity: number };

export function resolveCallee(s: CompileState, call: CallTerm): Callee | undefined {
  const fn = call.fn;
  if (fn.head.type === "var" && fn.head.name === "data") {
    const path: string[] = [];
    for (const p of fn.path) {
      if (p.type !== "string") return undefined;
      path.push(p.value);
    }
    const node = treeNode(s.tree, path);
    const r = node?.rules[0];
    if (!r || r.kind !== "function" || r.rule.head.kind !== "function") return undefined;
    return { kind: "function", path, arity: r.rule.head.args.length };
  }
  const name = callName(fn);
  const b = name === undefined ? undefined : lookupBuiltin(name);
  return b && { kind: "builtin", name: b.name, arity: b.arity, relation: !!b.relation, void: !!b.void };
}

/** Where a check runs: the state and the file of the module being checked. */
interface At {
  s: CompileState;
  file: string;
}

export function checkCalls(s: CompileState): void {
  for (const m of s.modules) {
    const at: At = { s, file: m.file };
    for (const r of m.rules) {
      const h = r.head;
      const terms: Term[] = [...h.ref.path, ...(h.kind === "multi" ? [h.key] : []), ...(h.kind !== "multi" && h.value ? [h.value] : []), ...(h.kind === "function" ? h.args : [])];
      for (const t of terms) checkTerm(at, t, false);
      checkBody(at, r.body);
      for (const e of r.else) {
        if (e.value) checkTerm(at, e.value, false);
        checkBody(at, e.body);
      }
    }
  }
  if (s.query) checkBody({ s, file: s.query.file }, s.query.body);
}

function checkBody(at: At, b: Body): void {
  for (const e of b) checkExpr(at, e);
}

function checkExpr(at: At, e: Expr): void {
  const terms = exprTerms(e);
  terms.forEach((t, i) => checkTerm(at, t, i === 0 && e.kind === "term"));
  if (e.kind === "every") checkBody(at, e.body);
}

function checkTerm(at: At, t: Term, exprLevel: boolean): void {
  const { s, file } = at;
  if (t.type === "call") {
    const c = resolveCallee(s, t);
    const name = (): string => callName(t.fn) ?? "call";
    const unsupported = c?.kind === "builtin" ? lookupBuiltin(c.name)?.unsupported : undefined;
    if (!c) report(s, TYPE_ERROR, `undefined function ${name()}`, file, t.fn.loc);
    else if (unsupported) report(s, UNSUPPORTED_ERROR, `${name()} is not supported: ${unsupported}`, file, t.fn.loc);
    else if (!(c.kind === "builtin" && c.void)) {
      const n = t.args.length;
      if (n !== c.arity && !(exprLevel && n === c.arity + 1)) report(s, TYPE_ERROR, `${name()}: arity mismatch`, file, t.loc);
    }
    for (const a of t.args) checkTerm(at, a, false);
    return;
  }
  if (t.type === "arraycompr" || t.type === "setcompr") {
    checkTerm(at, t.term, false);
    checkBody(at, t.body);
    return;
  }
  if (t.type === "objectcompr") {
    checkTerm(at, t.key, false);
    checkTerm(at, t.value, false);
    checkBody(at, t.body);
    return;
  }
  // termChildren(t) but calls (handled above), spelled out: a direct call per child is cheaper than a shared walker's callback.
  switch (t.type) {
    case "ref":
      checkTerm(at, t.head, false);
      for (const p of t.path) checkTerm(at, p, false);
      return;
    case "array":
    case "set":
      for (const x of t.items) checkTerm(at, x, false);
      return;
    case "object":
      for (const [k, v] of t.entries) {
        checkTerm(at, k, false);
        checkTerm(at, v, false);
      }
  }
}
