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
import { type Block, DATA_LOCAL, INPUT_LOCAL, type Local, type Operand, local } from "./ir.js";
import { planBody } from "./plan-body.js";
import type { K, PlanContext } from "./plan-context.js";
import { planTerm, planTerms } from "./plan-term.js";
import { planUnifyLocal } from "./plan-unify.js";

/**
 * Plans the function of the rule node at `path` for the current env unless
 * done; returns its name (`g<env>.data.<path>`). It takes (input, data,
 * args..., the env's dynamic mock values...).
 */
export function ensureRuleFunc(ctx: PlanContext, path: readonly string[]): string {
  const node = treeNode(ctx.state.tree, path);
  if (!node || node.rules.length === 0) return ctx.unsupported(`no rule at data.${path.join(".")}`);
  const done = ctx.env.funcs.get(node);
  if (done !== undefined) return done;
  const name = `g${ctx.env.id}.data.${path.join(".")}`;
  ctx.env.funcs.set(node, name);
  ctx.inFunction(() => planNode(ctx, name, node));
  return name;
}

/** Emits a call of the rule function `name` (planned in the current env) with `args`; returns the result local. */
export function callRuleFunc(ctx: PlanContext, name: string, args: Operand[]): Local {
  const r = ctx.newLocal();
  ctx.emit({ type: "CallStmt", func: name, args: [local(INPUT_LOCAL), local(DATA_LOCAL), ...args, ...ctx.fn.dyn.map(local)], result: r });
  return r;
}

function planNode(ctx: PlanContext, name: string, node: RuleNode): void {
  const first = node.rules[0]!;
  const arity = first.rule.head.kind === "function" ? first.rule.head.args.length : 0;
  const params: Local[] = [INPUT_LOCAL, DATA_LOCAL];
  for (let i = 0; i < arity; i++) params.push(ctx.newLocal());
  for (let i = 0; i < ctx.env.dyn; i++) {
    const l = ctx.newLocal();
    params.push(l);
    ctx.fn.dyn.push(l);
  }
  const ret = ctx.newLocal();
  const blocks: Block[] = [];
  const rules = node.rules.filter((r) => !r.rule.default);
  const defaults = node.rules.filter((r) => r.rule.default);
  const args = params.slice(2, 2 + arity);
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
      // The rules of this node, then those below it (general ref heads: `p[x] := 1`, `p.q[y] contains z`).
      for (const { r, prefix } of objectRules(node)) {
        const h = r.rule.head;
        const leaf = r.leafSet ? "set" : "value";
        const value = h.kind === "multi" ? h.key : valueOrTrue(h.value, h.loc);
        blocks.push(
          ctx.block(() =>
            planAlternative(ctx, r, r.rule.body, [], [], () => planTerms(ctx, [...r.keys, value], (ops) => insertPath(ctx, ret, [...prefix.map((p) => ctx.strOp(p)), ...ops], leaf))),
          ),
        );
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

/** The rules of an object node and of the nodes below it, with the constant keys leading from the node to each. */
function objectRules(node: RuleNode): { r: RuleInfo; prefix: string[] }[] {
  const out: { r: RuleInfo; prefix: string[] }[] = [];
  const walk = (n: RuleNode): void => {
    for (const r of n.rules) if (!r.rule.default) out.push({ r, prefix: n.path.slice(node.path.length) });
    for (const c of n.children.values()) walk(c);
  };
  walk(node);
  return out;
}

/**
 * `obj[k1][k2]...[kn] = v` (leaf `value`: inserted once, a different value
 * aborts) or `obj[k1]...[kn]` gets `v` added (leaf `set`). Inner objects and
 * the leaf set are created as needed; a key already holding a value of
 * another kind aborts with a conflict, as OPA.
 */
function insertPath(ctx: PlanContext, obj: Local, ops: Operand[], leaf: "value" | "set"): void {
  let cur = obj;
  const keys = ops.slice(0, -1);
  const value = ops[ops.length - 1]!;
  const last = leaf === "set" ? keys.length : keys.length - 1;
  for (let i = 0; i < last; i++) {
    const next = ctx.newLocal();
    const key = keys[i]!;
    const isSet = leaf === "set" && i === keys.length - 1;
    ctx.emit({ type: "ResetLocalStmt", target: next });
    ctx.emit({ type: "BlockStmt", blocks: [ctx.block(() => ctx.emit({ type: "DotStmt", source: local(cur), key, target: next }))] });
    ctx.emit({
      type: "BlockStmt",
      blocks: [
        ctx.block(() => {
          ctx.emit({ type: "IsUndefinedStmt", source: next });
          ctx.emit(isSet ? { type: "MakeSetStmt", target: next } : { type: "MakeObjectStmt", target: next });
          ctx.emit({ type: "ObjectInsertStmt", key, value: local(next), object: cur });
        }),
      ],
    });
    // Something else already there: inserting a fresh collection once conflicts (aborts).
    const clash = ctx.block(() => {
      const fresh = ctx.newLocal();
      ctx.emit(isSet ? { type: "MakeSetStmt", target: fresh } : { type: "MakeObjectStmt", target: fresh });
      ctx.emit({ type: "ObjectInsertOnceStmt", key, value: local(fresh), object: cur });
    });
    const ok = ctx.block(() => ctx.emit(isSet ? { type: "IsSetStmt", source: local(next) } : { type: "IsObjectStmt", source: local(next) }));
    ctx.emit({ type: "BlockStmt", blocks: [ctx.block(() => (ctx.emit({ type: "NotStmt", block: ok }), clash.stmts.forEach((st) => ctx.fn.curr.stmts.push(st))))] });
    cur = next;
  }
  if (leaf === "set") ctx.emit({ type: "SetAddStmt", value, set: cur });
  else ctx.emit({ type: "ObjectInsertOnceStmt", key: keys[keys.length - 1]!, value, object: cur });
}
