/**
 * checkRecursion: a rule may not depend on itself, directly or through
 * other rules (OPA: `rego_recursion_error`). A `data` ref depends on the rule
 * it names, or on every rule under the node where its static part ends.
 */
import type { Body, Rule, Term } from "../syntax/index.js";
import { type CompileState, RECURSION_ERROR, type RuleNode, report, ruleNodes } from "./env.js";
import { exprTerms } from "./walk.js";

export function checkRecursion(s: CompileState): void {
  const nodes = ruleNodes(s.tree);
  const deps = new Map<RuleNode, Set<RuleNode>>();
  for (const n of nodes) {
    const out = new Set<RuleNode>();
    for (const r of n.rules) for (const t of ruleTerms(r.rule)) visitDataRefs(t, (path) => refTargets(s.tree, path, out));
    deps.set(n, out);
  }
  // A node under an object rule is planned inside that rule's function: its dependencies are the ancestor's too.
  for (const n of nodes) {
    const anc = objectAncestor(s, n);
    if (anc) for (const d of deps.get(n)!) deps.get(anc)!.add(d);
  }
  const state = new Map<RuleNode, "active" | "done">();
  const stack: RuleNode[] = [];
  const reported = new Set<RuleNode>();
  const visit = (n: RuleNode): void => {
    state.set(n, "active");
    stack.push(n);
    for (const d of deps.get(n) ?? []) {
      const st = state.get(d);
      if (st === "active") {
        if (!reported.has(d)) {
          reported.add(d);
          const cycle = [...stack.slice(stack.indexOf(d)), d].map((x) => ["data", ...x.path].join("."));
          const r = d.rules[0]!;
          report(s, RECURSION_ERROR, `rule ${cycle[0]} is recursive: ${cycle.join(" -> ")}`, r.module.file, r.rule.head.loc);
        }
      } else if (st === undefined) visit(d);
    }
    stack.pop();
    state.set(n, "done");
  };
  for (const n of nodes) if (!state.has(n)) visit(n);
}

/** The nearest node above `n` with rules, when those are object rules. */
function objectAncestor(s: CompileState, n: RuleNode): RuleNode | undefined {
  let cur = s.tree;
  for (const p of n.path.slice(0, -1)) {
    const c = cur.children.get(p);
    if (!c) return undefined;
    if (c.rules.length > 0) return c.rules[0]!.kind === "object" ? c : undefined;
    cur = c;
  }
  return undefined;
}

export function ruleTerms(r: Rule): Term[] {
  const h = r.head;
  const out: Term[] = [...h.ref.path];
  if (h.kind === "multi") out.push(h.key);
  else if (h.value) out.push(h.value);
  if (h.kind === "function") out.push(...h.args);
  const body = (b: Body): void => {
    for (const e of b) {
      out.push(...exprTerms(e));
      if (e.kind === "every") body(e.body);
    }
  };
  body(r.body);
  for (const e of r.else) {
    if (e.value) out.push(e.value);
    body(e.body);
  }
  return out;
}

/** Calls `visit` with the leading string path of every `data` ref or call under `t`. */
export function visitDataRefs(t: Term, visit: (path: string[]) => void): void {
  const ref = t.type === "ref" ? t : t.type === "call" ? t.fn : undefined;
  if (ref && ref.head.type === "var" && ref.head.name === "data") {
    const path: string[] = [];
    for (const p of ref.path) {
      if (p.type !== "string") break;
      path.push(p.value);
    }
    visit(path);
  }
  if (t.type === "arraycompr" || t.type === "setcompr" || t.type === "objectcompr") {
    const terms = t.type === "objectcompr" ? [t.key, t.value] : [t.term];
    for (const x of terms) visitDataRefs(x, visit);
    const body = (b: Body): void => {
      for (const e of b) {
        for (const x of exprTerms(e)) visitDataRefs(x, visit);
        if (e.kind === "every") body(e.body);
      }
    };
    body(t.body);
    return;
  }
  // termChildren(t), spelled out: a direct call per child is cheaper than a shared walker's callback.
  switch (t.type) {
    case "ref":
      visitDataRefs(t.head, visit);
      for (const p of t.path) visitDataRefs(p, visit);
      return;
    case "call":
      visitDataRefs(t.fn, visit);
      for (const a of t.args) visitDataRefs(a, visit);
      return;
    case "array":
    case "set":
      for (const x of t.items) visitDataRefs(x, visit);
      return;
    case "object":
      for (const [k, v] of t.entries) {
        visitDataRefs(k, visit);
        visitDataRefs(v, visit);
      }
  }
}

/** Rule nodes a ref with static prefix `path` may read. */
export function refTargets(root: RuleNode, path: readonly string[], out: Set<RuleNode>): void {
  let n = root;
  for (const p of path) {
    if (n.rules.length > 0) break;
    const c = n.children.get(p);
    if (!c) return;
    n = c;
  }
  const all = (x: RuleNode): void => {
    if (x.rules.length > 0) out.add(x);
    for (const c of x.children.values()) all(c);
  };
  all(n);
}
