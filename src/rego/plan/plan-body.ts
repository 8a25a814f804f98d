/**
 * Bodies and expressions. The check stages already ordered each body so
 * that every expression's inputs are bound when it runs; here each
 * expression is planned with the rest of the body as its continuation.
 */
import { resolveCallee } from "../check/check-calls.js";
import { treeNode } from "../check/env.js";
import type { Body, Every, Expr, SomeIn, Term } from "../syntax/index.js";
import { DATA_LOCAL, INPUT_LOCAL, type Local, type Operand, local } from "./ir.js";
import { type K, type PlanContext, toLocal } from "./plan-context.js";
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
    const block = ctx.block(() => planPositive(ctx, e, () => undefined));
    ctx.emit({ type: "NotStmt", block });
    return k();
  }
  planPositive(ctx, e, k);
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
        const not = ctx.block(() => planBody(ctx, e.body, () => undefined));
        ctx.emit({ type: "NotStmt", block: not });
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
}

function withTarget(ctx: PlanContext, t: Term): WithTarget {
  if (t.type === "ref" && t.head.type === "var" && (t.head.name === "input" || t.head.name === "data")) {
    const path: string[] = [];
    for (const p of t.path) {
      if (p.type !== "string") return ctx.unsupported("with: target path parts must be strings", t.loc);
      path.push(p.value);
    }
    if (t.head.name === "input") return { local: INPUT_LOCAL, path };
    if (touchesRules(ctx, path)) return ctx.unsupported(`with: replacing rules (data.${path.join(".")}) is not supported`, t.loc);
    return { local: DATA_LOCAL, path };
  }
  return ctx.unsupported("with: mocking functions is not supported", t.loc);
}

/** True when a rule lives at, above or below `path`. */
function touchesRules(ctx: PlanContext, path: string[]): boolean {
  let n = ctx.state.tree;
  for (const p of path) {
    if (n.rules.length > 0) return true;
    const c = n.children.get(p);
    if (!c) return false;
    n = c;
  }
  const any = (x: typeof n): boolean => x.rules.length > 0 || [...x.children.values()].some(any);
  return any(n);
}

/**
 * `expr with t1 as v1 ...`: the expression runs with input/data replaced;
 * the rest of the body runs with them restored (OPA's planWithUndo).
 */
function planWith(ctx: PlanContext, e: Expr, k: K): void {
  const targets = e.with.map((w) => withTarget(ctx, w.target));
  planTerms(
    ctx,
    e.with.map((w) => w.value),
    (values: Operand[]) => {
      const saved = new Map<Local, Local>();
      for (const t of targets) {
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
        if (i === targets.length) return planExprNoWith(ctx, { ...e, with: [] }, () => restore(0, k));
        const t = targets[i]!;
        const block = ctx.block(() => apply(i + 1));
        ctx.emit({ type: "WithStmt", local: t.local, path: t.path.map((p) => ctx.str(p)), value: values[i]!, block });
      };
      apply(0);
    },
  );
}
