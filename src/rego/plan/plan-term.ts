/**
 * Terms to statements: scalars and composites build values, refs walk (and
 * iterate over) collections, calls call builtins or planned functions,
 * comprehensions collect the values of their bodies.
 */
import { resolveCallee } from "../check/check-calls.js";
import type { ArrayComprehension, CallTerm, ObjectComprehension, RefTerm, SetComprehension, Term } from "../syntax/index.js";
import { DATA_LOCAL, INPUT_LOCAL, type Local, type Operand, local } from "./ir.js";
import { planBody } from "./plan-body.js";
import { type K, type Mock, type OpK, type PlanContext, toLocal } from "./plan-context.js";
import { planDataRef } from "./plan-data.js";
import { callRuleFunc, ensureRuleFunc } from "./plan-rules.js";
import { isPattern, planUnifyLocal } from "./plan-unify.js";

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

export function planTerm(ctx: PlanContext, t: Term, k: OpK): void {
  switch (t.type) {
    case "null": {
      const l = ctx.newLocal();
      ctx.emit({ type: "MakeNullStmt", target: l });
      return k(local(l));
    }
    case "number":
      return k(local(planNumber(ctx, t.value)));
    case "boolean":
    case "string":
    case "var":
      return k(immediateOperand(ctx, t)!);
    case "ref":
      return planRef(ctx, t, k);
    case "call":
      return planCall(ctx, t, k);
    case "array":
      return planTerms(ctx, t.items, (ops) => {
        const l = ctx.newLocal();
        ctx.emit({ type: "MakeArrayStmt", capacity: ops.length, target: l });
        for (const op of ops) ctx.emit({ type: "ArrayAppendStmt", value: op, array: l });
        k(local(l));
      });
    case "set":
      return planTerms(ctx, t.items, (ops) => {
        const l = ctx.newLocal();
        ctx.emit({ type: "MakeSetStmt", target: l });
        for (const op of ops) ctx.emit({ type: "SetAddStmt", value: op, set: l });
        k(local(l));
      });
    case "object":
      return planTerms(ctx, t.entries.flat(), (ops) => {
        const l = ctx.newLocal();
        ctx.emit({ type: "MakeObjectStmt", target: l });
        for (let i = 0; i < ops.length; i += 2) ctx.emit({ type: "ObjectInsertStmt", key: ops[i]!, value: ops[i + 1]!, object: l });
        k(local(l));
      });
    case "arraycompr":
    case "setcompr":
    case "objectcompr":
      return planComprehension(ctx, t, k);
  }
}

/** A number literal: an int64 as `MakeNumberIntStmt`, anything else by its source text. */
export function planNumber(ctx: PlanContext, text: string): Local {
  const l = ctx.newLocal();
  if (/^-?\d+$/.test(text)) {
    const v = BigInt(text);
    if (v >= INT64_MIN && v <= INT64_MAX) {
      ctx.emit({ type: "MakeNumberIntStmt", value: v, target: l });
      return l;
    }
  }
  ctx.emit({ type: "MakeNumberRefStmt", index: ctx.str(text), target: l });
  return l;
}

export function intLocal(ctx: PlanContext, n: number): Local {
  const l = ctx.newLocal();
  ctx.emit({ type: "MakeNumberIntStmt", value: BigInt(n), target: l });
  return l;
}

/** Plans terms left to right, then `k` with their operands. */
export function planTerms(ctx: PlanContext, ts: readonly Term[], k: (ops: Operand[]) => void): void {
  const ops: Operand[] = [];
  const step = (i: number): void => {
    // Terms that are operands at once (no statements) need no continuation each.
    for (let op; i < ts.length && (op = immediateOperand(ctx, ts[i]!)) !== undefined; i++) ops[i] = op;
    if (i === ts.length) return k(ops.slice());
    planTerm(ctx, ts[i]!, (op) => {
      ops[i] = op;
      step(i + 1);
    });
  };
  step(0);
}

/** The operand planTerm passes on for a string, boolean or var term (it emits nothing for them); undefined for other terms. */
function immediateOperand(ctx: PlanContext, t: Term): Operand | undefined {
  switch (t.type) {
    case "string":
      return ctx.strOp(t.value);
    case "boolean":
      return { type: "bool", value: t.value };
    case "var": {
      const l = ctx.lookup(t.name);
      if (l === undefined) ctx.unsupported(`var ${t.name} is not bound here (planner)`, t.loc);
      return local(l);
    }
    default:
      return undefined;
  }
}

export function planRef(ctx: PlanContext, r: RefTerm, k: OpK): void {
  const h = r.head;
  if (h.type === "var") {
    if (h.name === "data" && ctx.lookup("data") === undefined) return planDataRef(ctx, r.path, k);
    if (h.name === "input" && ctx.lookup("input") === undefined) {
      // No input given: `input` is undefined (a Dot on it is undefined by itself).
      if (r.path.length === 0) ctx.emit({ type: "IsDefinedStmt", source: INPUT_LOCAL });
      return planRefPath(ctx, local(INPUT_LOCAL), r.path, 0, k);
    }
  }
  planTerm(ctx, h, (op) => planRefPath(ctx, op, r.path, 0, k));
}

/** `source[path[i]][path[i+1]]...`: a key with unbound vars iterates over the collection. */
export function planRefPath(ctx: PlanContext, source: Operand, path: readonly Term[], i: number, k: OpK): void {
  if (i === path.length) return k(source);
  const p = path[i]!;
  if (isPattern(ctx, p)) {
    const src = toLocal(ctx, source);
    const key = ctx.newLocal();
    const value = ctx.newLocal();
    const block = ctx.block(() => planUnifyLocal(ctx, p, key, () => planRefPath(ctx, local(value), path, i + 1, k)));
    ctx.emit({ type: "ScanStmt", source: src, key, value, block });
    return;
  }
  const dot = (kop: Operand): void => {
    const t = ctx.newLocal();
    ctx.emit({ type: "DotStmt", source, key: kop, target: t });
    planRefPath(ctx, local(t), path, i + 1, k);
  };
  // A string or var key (the usual `.name`, `[x]`) is planned as planTerm would, without a continuation.
  const kop = immediateOperand(ctx, p);
  if (kop) dot(kop);
  else planTerm(ctx, p, dot);
}

export function planCall(ctx: PlanContext, c: CallTerm, k: OpK, nargs = c.args.length, callee = resolveCallee(ctx.state, c)): void {
  if (!callee) return ctx.unsupported("unknown function", c.loc);
  // The key is only built when some mock is in force.
  const mock = ctx.env.mocks.length === 0 ? undefined : ctx.mock(callee.kind === "builtin" ? callee.name : `data.${callee.path.join(".")}`);
  if (mock) return planMockedCall(ctx, c, mock, nargs, k);
  if (callee.kind === "builtin") {
    if (callee.void) return k({ type: "bool", value: true });
    if (callee.relation) return ctx.unsupported(`the relation ${callee.name} is not supported`, c.loc);
    return planBuiltinCall(ctx, c, callee.name, callee.arity, nargs, k);
  }
  if (!ctx.visible(callee.path)) return ctx.unsupported(`function data.${callee.path.join(".")} is replaced by a with`, c.loc);
  const name = ensureRuleFunc(ctx, callee.path);
  planTerms(ctx, c.args.slice(0, nargs), (ops) => k(local(callRuleFunc(ctx, name, ops))));
}

function planBuiltinCall(ctx: PlanContext, c: CallTerm, name: string, arity: number, nargs: number, k: OpK): void {
  planTerms(ctx, c.args.slice(0, nargs), (ops) => {
    ctx.builtin(name, arity);
    const r = ctx.newLocal();
    ctx.emit({ type: "CallStmt", func: name, args: ops, result: r });
    k(local(r));
  });
}

/** A call of a function or builtin mocked by `with` (OPA's planExprCall with a replacement). */
function planMockedCall(ctx: PlanContext, c: CallTerm, mock: Mock, nargs: number, k: OpK): void {
  switch (mock.kind) {
    case "builtin":
      return planBuiltinCall(ctx, c, mock.name, mock.arity, nargs, k);
    case "function": {
      // The replacement runs without the mocks in force (OPA: a new mock scope).
      const env = ctx.bareEnv();
      const name = ctx.inEnv(env, [], () => ensureRuleFunc(ctx, mock.path));
      return planTerms(ctx, c.args.slice(0, nargs), (ops) => {
        const r = ctx.newLocal();
        ctx.emit({ type: "CallStmt", func: name, args: [local(INPUT_LOCAL), local(DATA_LOCAL), ...ops], result: r });
        k(local(r));
      });
    }
    case "value":
      // The arguments must still be defined; the value replaces the result.
      return planTerms(ctx, c.args.slice(0, nargs), () => {
        const file = ctx.file;
        ctx.file = mock.file;
        try {
          planTerm(ctx, mock.term, (op) => {
            ctx.file = file;
            k(op);
          });
        } finally {
          ctx.file = file;
        }
      });
    case "dynamic":
      return planTerms(ctx, c.args.slice(0, nargs), () => k(local(ctx.fn.dyn[mock.index]!)));
  }
}

function planComprehension(ctx: PlanContext, t: ArrayComprehension | SetComprehension | ObjectComprehension, k: OpK): void {
  const l = ctx.newLocal();
  let emitValue: K;
  if (t.type === "arraycompr") {
    ctx.emit({ type: "MakeArrayStmt", capacity: 0, target: l });
    emitValue = () => planTerm(ctx, t.term, (op) => ctx.emit({ type: "ArrayAppendStmt", value: op, array: l }));
  } else if (t.type === "setcompr") {
    ctx.emit({ type: "MakeSetStmt", target: l });
    emitValue = () => planTerm(ctx, t.term, (op) => ctx.emit({ type: "SetAddStmt", value: op, set: l }));
  } else {
    ctx.emit({ type: "MakeObjectStmt", target: l });
    emitValue = () => planTerms(ctx, [t.key, t.value], ([ko, vo]) => ctx.emit({ type: "ObjectInsertOnceStmt", key: ko!, value: vo!, object: l }));
  }
  const block = ctx.block(() => planBody(ctx, t.body, emitValue));
  ctx.emit({ type: "BlockStmt", blocks: [block] });
  k(local(l));
}
