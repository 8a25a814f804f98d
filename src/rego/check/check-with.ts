/**
 * checkWithTargets: what a `with` may replace, as OPA's rewriteWithModifiers
 * checks it (after resolveRefs, so `f` is `data.pkg.f`):
 * - `input...`, `data...`, a user function or a builtin; anything else is
 *   `rego_type_error: with keyword target must reference existing input,
 *   data, or a function`;
 * - a `data` target may not reach inside a rule's value (`with data.p.a`
 *   where `data.p` is a rule): `rego_compile_error: with keyword cannot
 *   partially replace virtual document(s)`.
 */
import { type Body, type Expr, type Term, type With, callName } from "../syntax/index.js";
import { lookupBuiltin } from "./builtins.js";
import { COMPILE_ERROR, type CompileState, TYPE_ERROR, report } from "./env.js";
import { exprTerms, isComprehension, isRootName } from "./walk.js";

/** Where a check runs: the state and the file of the module being checked. */
interface At {
  s: CompileState;
  file: string;
}

export function checkWithTargets(s: CompileState): void {
  for (const m of s.modules) {
    const at: At = { s, file: m.file };
    for (const r of m.rules) {
      const h = r.head;
      const headTerms = [...h.ref.path, ...(h.kind === "multi" ? [h.key] : h.value ? [h.value] : []), ...(h.kind === "function" ? h.args : [])];
      for (const t of headTerms) checkNested(t, at);
      checkBody(at, r.body);
      for (const e of r.else) {
        if (e.value) checkNested(e.value, at);
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
  for (const w of e.with) checkWith(at.s, at.file, w);
  for (const t of exprTerms(e)) checkNested(t, at);
  if (e.kind === "every") checkBody(at, e.body);
}

/** `with`s inside comprehension bodies. */
function checkNested(t: Term, at: At): void {
  if (isComprehension(t)) {
    checkBody(at, t.body);
    if (t.type === "objectcompr") {
      checkNested(t.key, at);
      checkNested(t.value, at);
    } else checkNested(t.term, at);
    return;
  }
  // termChildren(t), spelled out: a direct call per child is cheaper than a shared walker's callback.
  switch (t.type) {
    case "ref":
      checkNested(t.head, at);
      for (const p of t.path) checkNested(p, at);
      return;
    case "call":
      checkNested(t.fn, at);
      for (const a of t.args) checkNested(a, at);
      return;
    case "array":
    case "set":
      for (const x of t.items) checkNested(x, at);
      return;
    case "object":
      for (const [k, v] of t.entries) {
        checkNested(k, at);
        checkNested(v, at);
      }
  }
}

function checkWith(s: CompileState, file: string, w: With): void {
  const t = w.target;
  const head = t.type === "var" ? t : t.type === "ref" && t.head.type === "var" ? t.head : undefined;
  if (head && isRootName(head.name)) {
    if (head.name === "data" && t.type === "ref") checkDataTarget(s, file, t.path, w);
    return;
  }
  const name = t.type === "var" ? t.name : t.type === "ref" ? callName(t) : undefined;
  if (name !== undefined && lookupBuiltin(name)) return;
  report(s, TYPE_ERROR, "with keyword target must reference existing input, data, or a function", file, t.loc);
}

function checkDataTarget(s: CompileState, file: string, path: readonly Term[], w: With): void {
  let n = s.tree;
  for (let i = 0; i < path.length; i++) {
    if (n.rules.length > 0) {
      report(s, COMPILE_ERROR, "with keyword cannot partially replace virtual document(s)", file, w.target.loc);
      return;
    }
    const p = path[i]!;
    if (p.type !== "string") return;
    const c = n.children.get(p.value);
    if (!c) return;
    n = c;
  }
}
