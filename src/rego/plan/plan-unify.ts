/**
 * Unification (`=`, `:=`, output arguments, rule and function heads): binds
 * unbound vars, destructures arrays and objects in either direction, and
 * compares what is already known. Undefined is not false: a failed match
 * leaves the block, it never produces `false`.
 */
import type { Term, VarTerm } from "../syntax/index.js";
import { type Local, type Operand, local } from "./ir.js";
import { type K, type PlanContext, toLocal } from "./plan-context.js";
import { intLocal, planTerm } from "./plan-term.js";

const isUnboundVar = (ctx: PlanContext, t: Term): t is VarTerm => t.type === "var" && ctx.lookup(t.name) === undefined;

/** True when `t` has unbound vars in positions unification can bind (var, array items, object values). */
export function isPattern(ctx: PlanContext, t: Term): boolean {
  switch (t.type) {
    case "var":
      return ctx.lookup(t.name) === undefined;
    case "array":
      return t.items.some((x) => isPattern(ctx, x));
    case "object":
      return t.entries.some(([, v]) => isPattern(ctx, v));
    default:
      return false;
  }
}

/** Binds `v` to the value of `op` while planning `k`. */
export function bindVar(ctx: PlanContext, v: VarTerm, op: Operand, k: K): void {
  // Locals 0 and 1 change under `with`: a var holding input or data keeps its own copy.
  let l: Local;
  if (op.type === "local" && op.value > 1) l = op.value;
  else {
    l = ctx.newLocal();
    ctx.emit({ type: "AssignVarStmt", source: op, target: l });
  }
  ctx.withBinding(v.name, l, k);
}

export function planUnify(ctx: PlanContext, a: Term, b: Term, k: K): void {
  if (isUnboundVar(ctx, a) && isUnboundVar(ctx, b)) return ctx.unsupported(`cannot unify unbound vars ${a.name} and ${b.name}`, a.loc);
  if (isUnboundVar(ctx, a) && !isPattern(ctx, b)) return planTerm(ctx, b, (op) => bindVar(ctx, a, op, k));
  if (isUnboundVar(ctx, b) && !isPattern(ctx, a)) return planTerm(ctx, a, (op) => bindVar(ctx, b, op, k));
  if (a.type === "array" && b.type === "array") {
    if (a.items.length !== b.items.length) return; // never equal: the rest is not planned
    return planPairs(ctx, a.items.map((x, i) => [x, b.items[i]!]), k);
  }
  if (a.type === "object" && b.type === "object" && (isPattern(ctx, a) || isPattern(ctx, b))) {
    const pairs = objectPairs(a.entries, b.entries);
    if (pairs === null) return; // different constant keys: never equal
    if (pairs) return planPairs(ctx, pairs, k);
  }
  if (isPattern(ctx, a)) return planTerm(ctx, b, (op) => planUnifyLocal(ctx, a, toLocal(ctx, op), k));
  if (isPattern(ctx, b)) return planTerm(ctx, a, (op) => planUnifyLocal(ctx, b, toLocal(ctx, op), k));
  planTerm(ctx, a, (oa) =>
    planTerm(ctx, b, (ob) => {
      ctx.emit({ type: "EqualStmt", a: oa, b: ob });
      k();
    }),
  );
}

/** Matches object entries by constant key: the value pairs, null when the key sets differ, undefined when keys are not constants. */
function objectPairs(a: [Term, Term][], b: [Term, Term][]): [Term, Term][] | null | undefined {
  const key = (t: Term): string | undefined => (t.type === "string" || t.type === "number" || t.type === "boolean" ? `${t.type}:${String(t.value)}` : t.type === "null" ? "null" : undefined);
  const bm = new Map<string, Term>();
  for (const [k, v] of b) {
    const s = key(k);
    if (s === undefined) return undefined;
    bm.set(s, v);
  }
  const pairs: [Term, Term][] = [];
  for (const [k, v] of a) {
    const s = key(k);
    if (s === undefined) return undefined;
    const w = bm.get(s);
    if (!w) return null;
    pairs.push([v, w]);
  }
  return a.length === b.length ? pairs : null;
}

/** Unifies pairs, each once one side is known (or both are composites to descend into). */
function planPairs(ctx: PlanContext, pairs: [Term, Term][], k: K): void {
  if (pairs.length === 0) return k();
  let i = pairs.findIndex(([x, y]) => !(isPattern(ctx, x) && isPattern(ctx, y)));
  if (i < 0) i = pairs.findIndex(([x, y]) => x.type === y.type && (x.type === "array" || x.type === "object"));
  if (i < 0) return ctx.unsupported("cannot unify: both sides have unbound vars", pairs[0]![0].loc);
  const [x, y] = pairs[i]!;
  const rest = pairs.filter((_, j) => j !== i);
  planUnify(ctx, x, y, () => planPairs(ctx, rest, k));
}

/** Unifies the pattern `p` with the value in local `l`. */
export function planUnifyLocal(ctx: PlanContext, p: Term, l: Local, k: K): void {
  if (p.type === "var") {
    const b = ctx.lookup(p.name);
    if (b === undefined) return ctx.withBinding(p.name, l, k);
    ctx.emit({ type: "EqualStmt", a: local(b), b: local(l) });
    return k();
  }
  if (p.type === "array" && isPattern(ctx, p)) {
    ctx.emit({ type: "IsArrayStmt", source: local(l) });
    checkLength(ctx, l, p.items.length);
    const step = (i: number): void => {
      if (i === p.items.length) return k();
      const idx = intLocal(ctx, i);
      const el = ctx.newLocal();
      ctx.emit({ type: "DotStmt", source: local(l), key: local(idx), target: el });
      planUnifyLocal(ctx, p.items[i]!, el, () => step(i + 1));
    };
    return step(0);
  }
  if (p.type === "object" && isPattern(ctx, p)) {
    ctx.emit({ type: "IsObjectStmt", source: local(l) });
    checkLength(ctx, l, p.entries.length);
    const step = (i: number): void => {
      if (i === p.entries.length) return k();
      const [key, value] = p.entries[i]!;
      planTerm(ctx, key, (ko) => {
        const el = ctx.newLocal();
        ctx.emit({ type: "DotStmt", source: local(l), key: ko, target: el });
        planUnifyLocal(ctx, value, el, () => step(i + 1));
      });
    };
    return step(0);
  }
  planTerm(ctx, p, (op) => {
    ctx.emit({ type: "EqualStmt", a: op, b: local(l) });
    k();
  });
}

function checkLength(ctx: PlanContext, l: Local, n: number): void {
  const len = ctx.newLocal();
  ctx.emit({ type: "LenStmt", source: local(l), target: len });
  const want = intLocal(ctx, n);
  ctx.emit({ type: "EqualStmt", a: local(len), b: local(want) });
}
