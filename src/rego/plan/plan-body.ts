/**
 * Bodies and expressions. The check stages already ordered each body so
 * that every expression's inputs are bound when it runs; here each
 * expression is planned with the rest of the body as its continuation.
 */
import { resolveCallee } from "../check/check-calls.js";
import type { Body, Every, Expr, SomeIn, Term } from "../syntax/index.js";
import type { Block, Local } from "./ir.js";
import { type K, type PlanContext, toLocal } from "./plan-context.js";
import { planCall, planTerm } from "./plan-term.js";
import { planWith } from "./plan-with.js";
import { planUnify, planUnifyLocal } from "./plan-unify.js";

export function planBody(ctx: PlanContext, body: Body, k: K): void {
  const step = (i: number): void => {
    if (i === body.length) return k();
    planExpr(ctx, body[i]!, () => step(i + 1));
  };
  step(0);
}

export function planExpr(ctx: PlanContext, e: Expr, k: K): void {
  // ctx.at(e.loc, ...), without a closure per expression.
  const prev = ctx.loc;
  ctx.loc = e.loc;
  try {
    if (e.with.length > 0) planWith(ctx, e, k);
    else planExprNoWith(ctx, e, k);
  } finally {
    ctx.loc = prev;
  }
}

/** An expression without its `with` modifiers (plan-with.ts applies those around it). */
export function planExprNoWith(ctx: PlanContext, e: Expr, k: K): void {
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
      return planCall(ctx, t, (op) => planUnifyLocal(ctx, out, toLocal(ctx, op), k), callee.arity, callee);
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
