/**
 * The planner's entry points: checked modules (and an optional query) to an
 * IR `Policy`. Each entrypoint `pkg/rule` becomes a plan that adds
 * `{"result": <value of data.pkg.rule>}` to the result set when defined; a
 * query becomes the plan `eval`, adding `{"result": {var: value, ...}}` per
 * solution. Rules become functions on first use (plan-rules.ts).
 */
import { type Diagnostic, error } from "../../diag/index.js";
import { type CompileState, UNSUPPORTED_ERROR } from "../check/env.js";
import type { Term } from "../syntax/index.js";
import type { Plan, Policy } from "./ir.js";
import { INPUT_LOCAL, local } from "./ir.js";
import { planTerm } from "./plan-term.js";
import { planBody } from "./plan-body.js";
import { PlanContext, Unsupported } from "./plan-context.js";
import { planDataRef } from "./plan-data.js";
import type { DataPath } from "./data-reads.js";

export interface PlanResult {
  policy?: Policy;
  /** The base data the policy can read (data-reads.ts), with `policy`. */
  dataReads?: DataPath[];
  diagnostics: Diagnostic[];
}

/** Plans one entrypoint per `pkg/rule` path. */
export function planEntrypoints(state: CompileState, entrypoints: readonly string[]): PlanResult {
  return plan(state, (ctx) =>
    entrypoints.map((ep) => {
      const loc = { start: 0, end: 0 };
      const path: Term[] = ep.split("/").filter((p) => p !== "").map((value) => ({ type: "string", value, loc }));
      return planOf(ctx, ep, () => planDataRef(ctx, path, (op) => addResult(ctx, op)));
    }),
  );
}

/**
 * Plans `state.query` as the plan `eval`; `bindings` are the vars reported, in
 * order. With `inputTerm` (a value), the query runs with `input` replaced by it.
 */
export function planQuery(state: CompileState, bindings: readonly string[], inputTerm?: Term): PlanResult {
  const q = state.query!;
  return plan(state, (ctx) => [
    planOf(ctx, "eval", () => {
      if (inputTerm) {
        ctx.file = "input";
        return planTerm(ctx, inputTerm, (op) => {
          const block = ctx.block(() => planQueryBody(ctx, q, bindings));
          ctx.emit({ type: "WithStmt", local: INPUT_LOCAL, path: [], value: op, block });
        });
      }
      planQueryBody(ctx, q, bindings);
    }),
  ]);
}

function planQueryBody(ctx: PlanContext, q: NonNullable<CompileState["query"]>, bindings: readonly string[]): void {
  ctx.file = q.file;
  planBody(ctx, q.body, () => {
    const obj = ctx.newLocal();
    ctx.emit({ type: "MakeObjectStmt", target: obj });
    for (const name of bindings) {
      const l = ctx.lookup(name);
      if (l !== undefined) ctx.emit({ type: "ObjectInsertStmt", key: ctx.strOp(name), value: local(l), object: obj });
    }
    addResult(ctx, local(obj));
  });
}

function plan(state: CompileState, plans: (ctx: PlanContext) => Plan[]): PlanResult {
  const ctx = new PlanContext(state);
  ctx.str("result");
  try {
    const ps = plans(ctx);
    const policy: Policy = {
      static: { strings: ctx.strings.map((value) => ({ value })), builtinFuncs: ctx.builtinFuncs(), files: ctx.files.map((value) => ({ value })) },
      plans: { plans: ps },
      funcs: { funcs: ctx.funcs },
    };
    return { policy, dataReads: ctx.dataReads.list(), diagnostics: [] };
  } catch (e) {
    if (!(e instanceof Unsupported)) throw e;
    const src = e.file !== undefined ? state.sources.get(e.file) : undefined;
    return { diagnostics: [error(UNSUPPORTED_ERROR, e.message, src && e.loc ? src.span(e.loc.start, e.loc.end) : undefined)] };
  }
}

function planOf(ctx: PlanContext, name: string, f: () => void): Plan {
  return ctx.inFunction(() => ({ name, blocks: [ctx.block(f)] }));
}

function addResult(ctx: PlanContext, op: import("./ir.js").Operand): void {
  const r = ctx.newLocal();
  ctx.emit({ type: "MakeObjectStmt", target: r });
  ctx.emit({ type: "ObjectInsertStmt", key: ctx.strOp("result"), value: op, object: r });
  ctx.emit({ type: "ResultSetAddStmt", value: r });
}
