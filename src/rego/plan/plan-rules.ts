/**
 * Rules to functions, as OPA plans them: one `g0.data.<path>` function per
 * rule node, taking (input, data[, args...]) and returning the node's value.
 * - complete rules and functions: each body assigns the value once (a second,
 *   different value aborts: a conflict); `else` chains try their bodies in
 *   order; `default` applies when no body did;
 * - partial sets add each key; partial objects insert each key once (a
 *   different value for a key aborts), nested for multi-level ref heads.
 * Functions are planned on first use, so unused rules cost nothing.
 */
import type { RuleInfo, RuleNode } from "../check/env.js";
import { treeNode } from "../check/env.js";
import type { Body, Term } from "../syntax/index.js";
import { valueOrTrue } from "../syntax/index.js";
import { type Block, DATA_LOCAL, INPUT_LOCAL, type Local, local } from "./ir.js";
import { planBody } from "./plan-body.js";
import type { K, PlanContext } from "./plan-context.js";
import { planTerm, planTerms } from "./plan-term.js";
import { planUnifyLocal } from "./plan-unify.js";

export const ruleFuncName = (path: readonly string[]): string => `g0.data.${path.join(".")}`;
export const functionFuncName = ruleFuncName;

/** Plans the function of the rule node at `path` unless done; returns its name. */
export function ensureRuleFunc(ctx: PlanContext, path: readonly string[]): string {
  const name = ruleFuncName(path);
  if (ctx.funcNames.has(name)) return name;
  ctx.funcNames.add(name);
  const node = treeNode(ctx.state.tree, path);
  if (!node || node.rules.length === 0) return ctx.unsupported(`no rule at data.${path.join(".")}`);
  ctx.inFunction(() => planNode(ctx, name, node));
  return name;
}

function planNode(ctx: PlanContext, name: string, node: RuleNode): void {
  const first = node.rules[0]!;
  const arity = first.rule.head.kind === "function" ? first.rule.head.args.length : 0;
  const params: Local[] = [INPUT_LOCAL, DATA_LOCAL];
  for (let i = 0; i < arity; i++) params.push(ctx.newLocal());
  const ret = ctx.newLocal();
  const blocks: Block[] = [];
  const rules = node.rules.filter((r) => !r.rule.default);
  const defaults = node.rules.filter((r) => r.rule.default);
  const args = params.slice(2);
  switch (first.kind) {
    case "complete":
    case "function":
      for (const r of rules) blocks.push(ctx.block(() => planValueRule(ctx, r, args, ret)));
      for (const d of defaults) {
        blocks.push(
          ctx.block(() => {
            ctx.file = d.module.file;
            ctx.loc = d.rule.loc;
            ctx.emit({ type: "IsUndefinedStmt", source: ret });
            const h = d.rule.head;
            planTerm(ctx, valueOrTrue(h.kind === "multi" ? undefined : h.value, h.loc), (op) => ctx.emit({ type: "AssignVarOnceStmt", source: op, target: ret }));
          }),
        );
      }
      break;
    case "set":
      blocks.push(ctx.block(() => ctx.emit({ type: "MakeSetStmt", target: ret })));
      for (const r of rules) {
        const h = r.rule.head;
        if (h.kind !== "multi") continue;
        blocks.push(ctx.block(() => planAlternative(ctx, r, r.rule.body, [], [], () => planTerm(ctx, h.key, (op) => ctx.emit({ type: "SetAddStmt", value: op, set: ret })))));
      }
      break;
    case "object":
      blocks.push(ctx.block(() => ctx.emit({ type: "MakeObjectStmt", target: ret })));
      for (const r of rules) {
        const h = r.rule.head;
        if (h.kind !== "single") continue;
        const value = valueOrTrue(h.value, h.loc);
        blocks.push(ctx.block(() => planAlternative(ctx, r, r.rule.body, [], [], () => planTerms(ctx, [...r.keys, value], (ops) => insertPath(ctx, ret, ops)))));
      }
      break;
  }
  blocks.push({ stmts: [{ type: "ReturnLocalStmt", source: ret, location: { file: 0, row: 0, col: 0 } }] });
  ctx.funcs.push({ name, params, return: ret, blocks });
}

/** One complete rule or function definition with its `else` chain. */
function planValueRule(ctx: PlanContext, r: RuleInfo, args: Local[], ret: Local): void {
  const h = r.rule.head;
  const patterns = h.kind === "function" ? h.args : [];
  const mainValue = valueOrTrue(h.kind === "multi" ? undefined : h.value, h.loc);
  if (r.rule.else.length === 0) {
    planAlternative(ctx, r, r.rule.body, patterns, args, () => planTerm(ctx, mainValue, (op) => ctx.emit({ type: "AssignVarOnceStmt", source: op, target: ret })));
    return;
  }
  const alts: { body: Body; value: Term }[] = [{ body: r.rule.body, value: mainValue }, ...r.rule.else.map((e) => ({ body: e.body, value: valueOrTrue(e.value, e.loc) }))];
  const d = ctx.newLocal();
  ctx.emit({ type: "ResetLocalStmt", target: d });
  const blocks = alts.map((alt, i) =>
    ctx.block(() => {
      if (i > 0) ctx.emit({ type: "IsUndefinedStmt", source: d });
      planAlternative(ctx, r, alt.body, patterns, args, () => planTerm(ctx, alt.value, (op) => ctx.emit({ type: "AssignVarOnceStmt", source: op, target: d })));
    }),
  );
  ctx.emit({ type: "BlockStmt", blocks });
  ctx.emit({ type: "IsDefinedStmt", source: d });
  ctx.emit({ type: "AssignVarOnceStmt", source: local(d), target: ret });
}

/** Binds function arguments, then plans the body, then `k`. */
function planAlternative(ctx: PlanContext, r: RuleInfo, body: Body, patterns: Term[], args: Local[], k: K): void {
  ctx.file = r.module.file;
  ctx.loc = r.rule.loc;
  const step = (i: number): void => {
    if (i === patterns.length) return planBody(ctx, body, k);
    planUnifyLocal(ctx, patterns[i]!, args[i]!, () => step(i + 1));
  };
  step(0);
}

/** `obj[k1][k2]...[kn] = v`: inner objects created as needed; the last key inserted once. */
function insertPath(ctx: PlanContext, obj: Local, ops: import("./ir.js").Operand[]): void {
  let cur = obj;
  const keys = ops.slice(0, -1);
  const value = ops[ops.length - 1]!;
  for (let i = 0; i < keys.length - 1; i++) {
    const next = ctx.newLocal();
    const key = keys[i]!;
    ctx.emit({ type: "ResetLocalStmt", target: next });
    ctx.emit({ type: "BlockStmt", blocks: [ctx.block(() => ctx.emit({ type: "DotStmt", source: local(cur), key, target: next }))] });
    ctx.emit({
      type: "BlockStmt",
      blocks: [
        ctx.block(() => {
          ctx.emit({ type: "IsUndefinedStmt", source: next });
          ctx.emit({ type: "MakeObjectStmt", target: next });
          ctx.emit({ type: "ObjectInsertStmt", key, value: local(next), object: cur });
        }),
      ],
    });
    cur = next;
  }
  ctx.emit({ type: "ObjectInsertOnceStmt", key: keys[keys.length - 1]!, value, object: cur });
}
