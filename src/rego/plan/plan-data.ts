/**
 * `data` refs: resolved statically against the rule tree, as OPA's planner
 * does. A ref that reaches a rule calls the rule's function and goes on in
 * its value; one that stops above rules (or iterates there) builds the
 * virtual document of that node (its rules' values, merged with the base
 * data at the same path); one that never meets a rule reads base data.
 */
import type { RuleNode } from "../check/env.js";
import type { Term } from "../syntax/index.js";
import { DATA_LOCAL, type Local, local } from "./ir.js";
import type { OpK, PlanContext } from "./plan-context.js";
import { callRuleFunc, ensureRuleFunc } from "./plan-rules.js";
import { planRefPath } from "./plan-term.js";

export function planDataRef(ctx: PlanContext, path: readonly Term[], k: OpK): void {
  let node: RuleNode = ctx.state.tree;
  if (!ctx.visible(node.path)) return planBaseRef(ctx, path, k);
  let i = 0;
  for (; i < path.length && node.rules.length === 0; i++) {
    const p = path[i]!;
    if (p.type !== "string") break;
    const child = ctx.child(node, p.value);
    if (!child) return planBaseRef(ctx, path, k);
    node = child;
  }
  if (node.rules.length > 0) {
    if (node.rules[0]!.kind === "function") return ctx.unsupported(`function ${["data", ...node.path].join(".")} referenced without a call`);
    const l = callRule(ctx, node);
    return planRefPath(ctx, local(l), path, i, k);
  }
  if (ctx.children(node).length === 0) return planBaseRef(ctx, path, k);
  const l = planVirtualDoc(ctx, node);
  planRefPath(ctx, local(l), path, i, k);
}

/** A ref into base data (recorded as a data read). */
function planBaseRef(ctx: PlanContext, path: readonly Term[], k: OpK): void {
  ctx.dataReads.ref(path);
  planRefPath(ctx, local(DATA_LOCAL), path, 0, k);
}

/** Calls the function of a rule node (undefined when the rule is). */
export function callRule(ctx: PlanContext, node: RuleNode): Local {
  return callRuleFunc(ctx, ensureRuleFunc(ctx, node.path), []);
}

/** The document at a node without rules: its rules' values below, merged into the base data there. Always defined. */
function planVirtualDoc(ctx: PlanContext, node: RuleNode): Local {
  const obj = virtualObject(ctx, node);
  const result = ctx.newLocal();
  ctx.emit({ type: "AssignVarStmt", source: local(obj), target: result });
  ctx.dataReads.add(node.path);
  const merge = ctx.block(() => {
    let cur: Local = DATA_LOCAL;
    for (const p of node.path) {
      const t = ctx.newLocal();
      ctx.emit({ type: "DotStmt", source: local(cur), key: ctx.strOp(p), target: t });
      cur = t;
    }
    ctx.emit({ type: "ObjectMergeStmt", a: cur, b: obj, target: result });
  });
  ctx.emit({ type: "BlockStmt", blocks: [merge] });
  return result;
}

function virtualObject(ctx: PlanContext, node: RuleNode): Local {
  const obj = ctx.newLocal();
  ctx.emit({ type: "MakeObjectStmt", target: obj });
  for (const [name, child] of ctx.children(node)) {
    if (child.rules.length > 0) {
      if (child.rules[0]!.kind === "function") continue;
      const b = ctx.block(() => {
        const v = callRule(ctx, child);
        ctx.emit({ type: "ObjectInsertStmt", key: ctx.strOp(name), value: local(v), object: obj });
      });
      ctx.emit({ type: "BlockStmt", blocks: [b] });
    } else {
      const v = virtualObject(ctx, child);
      ctx.emit({ type: "ObjectInsertStmt", key: ctx.strOp(name), value: local(v), object: obj });
    }
  }
  return obj;
}
