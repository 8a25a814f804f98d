/**
 * buildRuleTree: places every rule at the `data` path it defines, and
 * checkRuleConflicts: the conflicts OPA reports at compile time (kinds mixed
 * at one path, several defaults, function arities, rules nested under
 * rules).
 *
 * A head ref's leading string parts name the node (`p.q[r] := v` in package
 * `a` defines node `a.p.q`); the parts after the first non-string one are the
 * keys of an object rule (`p.q[x] contains y`: an object whose values are
 * sets). Rules below an object rule are planned as part of its object when
 * they add keys or one value (plan-rules.ts).
 */
import type { Rule } from "../syntax/index.js";
import { COMPILE_ERROR, type CompileState, type RuleInfo, type RuleKind, type RuleNode, UNSUPPORTED_ERROR, report, treeNode } from "./env.js";

export function buildRuleTree(s: CompileState): void {
  for (const module of s.modules) {
    for (const rule of module.rules) {
      const placed = placeRule(rule);
      if (!placed) {
        report(s, UNSUPPORTED_ERROR, "rule head ref with a non-string part before the last is not supported", module.file, rule.head.loc);
        continue;
      }
      const path = [...module.package.path, ...placed.names];
      const node = treeNode(s.tree, path, true)!;
      const info: RuleInfo = { rule, module, kind: placed.kind, path, keys: placed.keys };
      if (rule.head.kind === "multi" && placed.keys.length > 0) info.leafSet = true;
      node.rules.push(info);
    }
  }
}

/** Where a rule goes; `p.q[x] contains y` is an object rule whose values are sets. */
function placeRule(rule: Rule): { names: string[]; keys: RuleInfo["keys"]; kind: RuleKind } | undefined {
  const h = rule.head;
  const names = [h.ref.head.name];
  let i = 0;
  for (; i < h.ref.path.length; i++) {
    const p = h.ref.path[i]!;
    if (p.type !== "string") break;
    names.push(p.value);
  }
  const keys = h.ref.path.slice(i);
  switch (h.kind) {
    case "function":
      return keys.length > 0 ? undefined : { names, keys, kind: "function" };
    case "multi":
      return { names, keys, kind: keys.length > 0 ? "object" : "set" };
    case "single":
      return { names, keys, kind: keys.length > 0 ? "object" : "complete" };
  }
}

const dataPath = (path: readonly string[]): string => ["data", ...path].join(".");

export function checkRuleConflicts(s: CompileState): void {
  const visit = (n: RuleNode, ancestorRule: RuleNode | undefined): void => {
    if (n.rules.length > 0) {
      checkNode(s, n);
      if (ancestorRule) {
        const first = n.rules[0]!;
        const anc = ancestorRule.rules[0]!;
        if (anc.kind === "object") {
          // Planned as part of the ancestor's object (plan-rules.ts) when it can be.
          const bad = n.rules.find((r) => !mergeableUnderObject(r));
          if (bad) report(s, UNSUPPORTED_ERROR, `rules under the object rule ${dataPath(ancestorRule.path)} are not supported`, bad.module.file, bad.rule.head.loc);
        } else {
          report(s, COMPILE_ERROR, `rule ${dataPath(n.path)} conflicts with rule ${dataPath(ancestorRule.path)}`, first.module.file, first.rule.head.loc);
        }
      }
    }
    for (const c of n.children.values()) visit(c, ancestorRule ?? (n.rules.length > 0 ? n : undefined));
  };
  visit(s.tree, undefined);
}

/** A rule below an object rule that the object can take in: more keys, or one value without else/default. */
export function mergeableUnderObject(r: RuleInfo): boolean {
  if (r.kind === "object") return true;
  return r.kind === "complete" && !r.rule.default && r.rule.else.length === 0;
}

function checkNode(s: CompileState, n: RuleNode): void {
  const first = n.rules[0]!;
  const name = dataPath(n.path);
  for (const r of n.rules.slice(1)) {
    if (r.kind !== first.kind) {
      report(s, COMPILE_ERROR, `conflicting rules ${name} found`, r.module.file, r.rule.head.loc);
      return;
    }
    if (r.kind === "function" && r.rule.head.kind === "function" && first.rule.head.kind === "function" && r.rule.head.args.length !== first.rule.head.args.length) {
      report(s, COMPILE_ERROR, `conflicting rules ${name} found`, r.module.file, r.rule.head.loc);
      return;
    }
    if (r.kind === "object" && r.keys.length !== first.keys.length) {
      report(s, UNSUPPORTED_ERROR, `object rules ${name} with key paths of different lengths are not supported`, r.module.file, r.rule.head.loc);
      return;
    }
  }
  const defaults = n.rules.filter((r) => r.rule.default);
  if (defaults.length > 1) {
    const d = defaults[1]!;
    report(s, COMPILE_ERROR, `multiple default rules ${name} found`, d.module.file, d.rule.loc);
  }
  for (const d of defaults) {
    if (d.kind === "set" || d.kind === "object") report(s, COMPILE_ERROR, `default rules must not be partial: ${name}`, d.module.file, d.rule.loc);
  }
}
