/**
 * Bodies and expressions. The check stages already ordered each body so
 * that every expression's inputs are bound when it runs; here each
 * expression is planned with the rest of the body as its continuation.
 */
import { lookupBuiltin } from "../check/builtins.js";
import { resolveCallee } from "../check/check-calls.js";
import { treeNode } from "../check/env.js";
import { isComprehension, isRootName, termChildren, termVarNames } from "../check/walk.js";
import { type Body, type Every, type Expr, type RefTerm, type SomeIn, type Term, callName } from "../syntax/index.js";
import { type Block, DATA_LOCAL, INPUT_LOCAL, type Local, type Operand, local } from "./ir.js";
import { type K, type Mock, type PlanContext, toLocal } from "./plan-context.js";
import { planCall, planTerm, planTerms } from "./plan-term.js";
import { planUnify, planUnifyLocal } from "./plan-unify.js";

export function planBody(ctx: PlanContext, body: Body, k: K): void {
  const step = (i: number): void => {
    if (i === body.length) return k();
    planExpr(ctx, body[i]!, () => step(i + 1));
  };
  step(0);
}

export function planExpr(ctx: PlanContext, e: Expr, k: K): void {
  ctx.at(e.loc, () => {
    if (e.with.length > 0) return planWith(ctx, e, k);
    planExprNoWith(ctx, e, k);
  });
}

function planExprNoWith(ctx: PlanContext, e: Expr, k: K): void {
  if (e.negated) {
    planNot(ctx, (done) => planPositive(ctx, e, done));
    return k();
  }
  planPositive(ctx, e, k);
}

/**
 * Plans "`f` has no solution". A block that iterates (ScanStmt) always runs
 * to its end, so NotStmt cannot negate it: then a flag set by each solution
 * is tested instead (as OPA plans `every`).
 */
export function planNot(ctx: PlanContext, f: (done: K) => void): void {
  const flag = ctx.newLocal();
  const block = ctx.block(() => f(() => ctx.emit({ type: "AssignVarStmt", source: { type: "bool", value: true }, target: flag })));
  const last = block.stmts[block.stmts.length - 1];
  if (!hasScan(block) && last?.type === "AssignVarStmt" && last.target === flag && countAssigns(block, flag) === 1) {
    // Straight-line code: the block is defined exactly when it runs to its end.
    block.stmts.pop();
    ctx.emit({ type: "NotStmt", block });
    return;
  }
  ctx.emit({ type: "ResetLocalStmt", target: flag });
  ctx.emit({ type: "BlockStmt", blocks: [block] });
  ctx.emit({ type: "IsUndefinedStmt", source: flag });
}

function countAssigns(b: Block, l: Local): number {
  let n = 0;
  for (const s of b.stmts) {
    if (s.type === "AssignVarStmt" && s.target === l) n++;
    else if (s.type === "BlockStmt") for (const x of s.blocks) n += countAssigns(x, l);
    else if (s.type === "NotStmt" || s.type === "WithStmt" || s.type === "ScanStmt") n += countAssigns(s.block, l);
  }
  return n;
}

function hasScan(b: Block): boolean {
  return b.stmts.some((s) => s.type === "ScanStmt" || (s.type === "BlockStmt" && s.blocks.some(hasScan)) || (s.type === "NotStmt" && hasScan(s.block)) || (s.type === "WithStmt" && hasScan(s.block)));
}

function planPositive(ctx: PlanContext, e: Expr, k: K): void {
  switch (e.kind) {
    case "some":
      return k();
    case "unify":
    case "assign":
      return planUnify(ctx, e.lhs, e.rhs, k);
    case "somein":
      return planSomeIn(ctx, e, k);
    case "every":
      return planEvery(ctx, e, k);
    case "term":
      return planTermExpr(ctx, e.term, k);
  }
}

/** A term as an expression: true unless false or undefined; a call with an extra argument unifies its result with it. */
function planTermExpr(ctx: PlanContext, t: Term, k: K): void {
  if (t.type === "call") {
    const callee = resolveCallee(ctx.state, t);
    if (callee && !(callee.kind === "builtin" && callee.void) && t.args.length === callee.arity + 1) {
      const out = t.args[t.args.length - 1]!;
      return planCall(ctx, t, (op) => planUnifyLocal(ctx, out, toLocal(ctx, op), k), callee.arity);
    }
    if (callee?.kind === "builtin" && callee.void) return k();
  }
  planTerm(ctx, t, (op) => {
    ctx.emit({ type: "NotEqualStmt", a: op, b: { type: "bool", value: false } });
    k();
  });
}

function planSomeIn(ctx: PlanContext, e: SomeIn, k: K): void {
  planTerm(ctx, e.domain, (d) => {
    const src = toLocal(ctx, d);
    const key = ctx.newLocal();
    const value = ctx.newLocal();
    const block = ctx.block(() => {
      const bindValue = (): void => planUnifyLocal(ctx, e.value, value, k);
      if (e.key) planUnifyLocal(ctx, e.key, key, bindValue);
      else bindValue();
    });
    ctx.emit({ type: "ScanStmt", source: src, key, value, block });
  });
}

/** `every k, v in xs { body }`: no element of xs for which the body is undefined. */
function planEvery(ctx: PlanContext, e: Every, k: K): void {
  planTerm(ctx, e.domain, (d) => {
    const src = toLocal(ctx, d);
    const key = ctx.newLocal();
    const value = ctx.newLocal();
    const failed = ctx.newLocal();
    ctx.emit({ type: "ResetLocalStmt", target: failed });
    const block = ctx.block(() => {
      const inner = (): void => {
        planNot(ctx, (done) => planBody(ctx, e.body, done));
        ctx.emit({ type: "AssignVarStmt", source: { type: "bool", value: true }, target: failed });
      };
      ctx.withBinding(e.value.name, value, () => (e.key ? ctx.withBinding(e.key.name, key, inner) : inner()));
    });
    ctx.emit({ type: "ScanStmt", source: src, key, value, block });
    ctx.emit({ type: "IsUndefinedStmt", source: failed });
    k();
  });
}

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
function planWith(ctx: PlanContext, e: Expr, k: K): void {
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
