/**
 * `with`: replacing input and data documents for one expression (WithStmt,
 * then restored for the rest of the body) and mocking functions and
 * builtins (the planning env: plan-context.ts), as OPA's planner does.
 */
import { lookupBuiltin } from "../check/builtins.js";
import { treeNode } from "../check/env.js";
import { isComprehension, isRootName, termChildren, termVarNames } from "../check/walk.js";
import { type Expr, type RefTerm, type Term, callName } from "../syntax/index.js";
import { DATA_LOCAL, INPUT_LOCAL, type Local, type Operand, local } from "./ir.js";
import { planExprNoWith } from "./plan-body.js";
import { type K, type Mock, type PlanContext, toLocal } from "./plan-context.js";
import { planTerms } from "./plan-term.js";

interface WithTarget {
  local: Local;
  path: string[];
  value: Term;
}

/**
 * The function or builtin a `with` target names (its mock key: the builtin's
 * name, or `data.pkg.f`), or undefined for an `input`/`data` document target.
 */
function mockTarget(ctx: PlanContext, t: Term): { key: string; arity: number } | undefined {
  if (t.type === "var" && (t.name === "input" || t.name === "data")) return undefined;
  if (t.type === "ref" && t.head.type === "var" && t.head.name === "input") return undefined;
  if (t.type === "ref" && t.head.type === "var" && t.head.name === "data") {
    const f = functionAt(ctx, t);
    return f && { key: `data.${f.path.join(".")}`, arity: f.arity };
  }
  const name = t.type === "var" ? t.name : t.type === "ref" ? callName(t) : undefined;
  const b = name === undefined ? undefined : lookupBuiltin(name);
  if (!b) return ctx.unsupported("with: the target must be input, data, a function or a builtin", t.loc);
  if (b.relation || b.void) return ctx.unsupported(`with: mocking ${b.name} is not supported`, t.loc);
  return { key: b.name, arity: b.arity };
}

/** The user function a `data` ref names (all string parts), if any. */
function functionAt(ctx: PlanContext, t: Term): { path: string[]; arity: number } | undefined {
  if (t.type !== "ref" || t.head.type !== "var" || t.head.name !== "data") return undefined;
  const path: string[] = [];
  for (const p of t.path) {
    if (p.type !== "string") return undefined;
    path.push(p.value);
  }
  const r = treeNode(ctx.state.tree, path)?.rules[0];
  return r && r.kind === "function" && r.rule.head.kind === "function" ? { path, arity: r.rule.head.args.length } : undefined;
}

/** What replaces a mocked function or builtin; dynamic values are collected into `dyn`. */
function mockOf(ctx: PlanContext, v: Term, dyn: Term[]): Mock {
  const f = functionAt(ctx, v);
  if (f) return { kind: "function", path: f.path, arity: f.arity };
  if ((v.type === "var" && ctx.lookup(v.name) === undefined) || (v.type === "ref" && v.head.type === "var" && !isRootName(v.head.name) && ctx.lookup(v.head.name) === undefined)) {
    const name = v.type === "var" ? v.name : callName(v as RefTerm);
    const b = name === undefined ? undefined : lookupBuiltin(name);
    if (b) {
      if (b.relation || b.void) return ctx.unsupported(`with: replacing by ${b.name} is not supported`, v.loc);
      return { kind: "builtin", name: b.name, arity: b.arity };
    }
  }
  const bound = [...termVarNames(v, true)].filter((n) => !isRootName(n) && ctx.lookup(n) !== undefined);
  if (bound.length === 0) return { kind: "value", term: v, file: ctx.file };
  // A value naming local vars is planned at the `with`, where they are bound.
  if (!isVarValue(v)) return ctx.unsupported("with: a replacement value mixing variables with references, calls or comprehensions is not supported", v.loc);
  dyn.push(v);
  return { kind: "dynamic", index: ctx.env.dyn + dyn.length - 1 };
}

/** Vars and constants only: always defined. */
function isVarValue(t: Term): boolean {
  if (t.type === "var") return true;
  if (t.type === "ref" || t.type === "call" || isComprehension(t)) return false;
  return termChildren(t).every(isVarValue);
}

function docTarget(ctx: PlanContext, t: Term, value: Term): WithTarget {
  if (t.type === "ref" && t.head.type === "var" && (t.head.name === "input" || t.head.name === "data")) {
    const path: string[] = [];
    for (const p of t.path) {
      if (p.type !== "string") return ctx.unsupported("with: target path parts must be strings", t.loc);
      path.push(p.value);
    }
    if (t.head.name === "input") return { local: INPUT_LOCAL, path, value };
    // OPA: rejected by the compiler (rego_compile_error).
    if (rulesAbove(ctx, path)) return ctx.unsupported("with keyword cannot partially replace virtual document(s)", t.loc);
    // The WithStmt rebuilds data around the replacement: counted as reading all of it.
    ctx.dataReads.add([]);
    return { local: DATA_LOCAL, path, value };
  }
  return ctx.unsupported("with: target must be input, data, a function or a builtin", t.loc);
}

/** True when a rule lives strictly above `path`. */
function rulesAbove(ctx: PlanContext, path: string[]): boolean {
  let n = ctx.state.tree;
  for (const p of path) {
    if (n.rules.length > 0) return true;
    const c = n.children.get(p);
    if (!c) return false;
    n = c;
  }
  return false;
}

/** True when a rule lives at or below `path` (a `with` there replaces rules). */
function rulesBelow(ctx: PlanContext, path: string[]): boolean {
  const n = treeNode(ctx.state.tree, path);
  const any = (x: NonNullable<typeof n>): boolean => x.rules.length > 0 || [...x.children.values()].some(any);
  return n !== undefined && any(n);
}

/**
 * `expr with t1 as v1 ...` (OPA's planWith): input/data targets are replaced
 * for the expression by WithStmts and restored for the rest of the body
 * (planWithUndo); functions and builtins are mocked. When rules are replaced
 * or functions mocked, the expression is planned in a child env, so the
 * rules it reaches are planned again with the replacement in force.
 */
export function planWith(ctx: PlanContext, e: Expr, k: K): void {
  const docs: WithTarget[] = [];
  const frame = new Map<string, Mock>();
  const dynTerms: Term[] = [];
  for (const w of e.with) {
    const m = mockTarget(ctx, w.target);
    if (m) {
      const mock = mockOf(ctx, w.value, dynTerms);
      // OPA's compiler rejects a replacement function of another arity.
      if ((mock.kind === "builtin" || mock.kind === "function") && mock.arity !== m.arity) return ctx.unsupported(`with: ${m.key} (arity ${m.arity}) cannot be replaced by a function of arity ${mock.arity}`, w.loc);
      frame.set(m.key, mock);
    }
    else docs.push(docTarget(ctx, w.target, w.value));
  }
  const shadow = docs.filter((d) => d.local === DATA_LOCAL && rulesBelow(ctx, d.path)).map((d) => d.path);
  planTerms(ctx, [...docs.map((d) => d.value), ...dynTerms], (ops: Operand[]) => {
    const values = ops.slice(0, docs.length);
    const dynLocals = ops.slice(docs.length).map((op) => toLocal(ctx, op));
    const outer = ctx.env;
    const outerDyn = ctx.fn.dyn;
    const inner = frame.size > 0 || shadow.length > 0 ? ctx.childEnv(frame, shadow, dynLocals.length) : outer;
    const innerDyn = [...outerDyn, ...dynLocals];
    const saved = new Map<Local, Local>();
    for (const t of docs) {
      if (saved.has(t.local)) continue;
      const s = ctx.newLocal();
      ctx.emit({ type: "AssignVarStmt", source: local(t.local), target: s });
      saved.set(t.local, s);
    }
    const restore = (i: number, k2: K): void => {
      const entries = [...saved];
      if (i === entries.length) return k2();
      const [l, s] = entries[i]!;
      const block = ctx.block(() => restore(i + 1, k2));
      ctx.emit({ type: "WithStmt", local: l, path: [], value: local(s), block });
    };
    const apply = (i: number): void => {
      if (i === docs.length) return planExprNoWith(ctx, { ...e, with: [] }, () => ctx.inEnv(outer, outerDyn, () => restore(0, k)));
      const t = docs[i]!;
      const block = ctx.block(() => apply(i + 1));
      ctx.emit({ type: "WithStmt", local: t.local, path: t.path.map((p) => ctx.str(p)), value: values[i]!, block });
    };
    ctx.inEnv(inner, innerDyn, () => apply(0));
  });
}
