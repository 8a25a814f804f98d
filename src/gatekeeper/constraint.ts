import { InputError } from "./errors.js";
import { gvkOf, isObject, nameOf, str } from "./objects.js";
import { parseLabelSelector, type LabelSelector } from "./selector.js";
import type { ActionName, K8sObject } from "./types.js";

/** `spec.match` of a constraint; an absent field does not restrict. */
export interface Match {
  kinds?: { apiGroups: string[]; kinds: string[] }[];
  scope?: string;
  namespaces?: string[];
  excludedNamespaces?: string[];
  labelSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  name?: string;
  source?: string;
}

export interface ScopedAction {
  action: ActionName;
  /** Enforcement point names; `*` means every point. */
  points: string[];
}

export interface Constraint {
  kind: string;
  name: string;
  match: Match;
  /** `spec.parameters`, or `{}` when absent. */
  parameters: unknown;
  /** As written, `deny` when absent or empty. */
  enforcementAction: ActionName | "scoped";
  scopedEnforcementActions: ScopedAction[];
  object: K8sObject;
}

const ACTIONS = new Set<string>(["deny", "dryrun", "warn"]);

/**
 * Read a constraint (group constraints.gatekeeper.sh). Throws InputError with
 * every problem found: a wrong group, selectors LabelSelectorAsSelector would
 * refuse, an unknown enforcement action.
 */
export function parseConstraint(obj: K8sObject): Constraint {
  const gvk = gvkOf(obj);
  if (gvk.group !== "constraints.gatekeeper.sh") {
    throw new InputError(`not a constraint: apiVersion must be constraints.gatekeeper.sh/<version>, got "${str(obj["apiVersion"])}"`, "gwpc_constraint");
  }
  const problems: string[] = [];
  if (gvk.kind === "") problems.push("kind: missing");
  const name = nameOf(obj);
  if (name === "") problems.push("metadata.name: missing");
  const spec = isObject(obj["spec"]) ? obj["spec"] : {};
  const match = parseMatch(spec["match"], problems);

  let enforcementAction: Constraint["enforcementAction"] = "deny";
  const ea = spec["enforcementAction"];
  if (ea !== undefined && ea !== null && ea !== "") {
    if (typeof ea === "string" && (ACTIONS.has(ea) || ea === "scoped")) enforcementAction = ea as Constraint["enforcementAction"];
    else problems.push(`spec.enforcementAction: "${String(ea)}" is not one of deny, dryrun, warn, scoped`);
  }
  const scopedEnforcementActions: ScopedAction[] = [];
  const sea = spec["scopedEnforcementActions"];
  if (enforcementAction === "scoped") {
    if (!Array.isArray(sea) || sea.length === 0) problems.push("spec.scopedEnforcementActions: required (a non-empty list) when enforcementAction is scoped");
    else {
      sea.forEach((s: unknown, i) => {
        const at = `spec.scopedEnforcementActions[${i}]`;
        if (!isObject(s) || typeof s["action"] !== "string" || !ACTIONS.has(s["action"])) {
          return void problems.push(`${at}.action: must be one of deny, dryrun, warn`);
        }
        const eps = s["enforcementPoints"];
        if (!Array.isArray(eps) || eps.some((p) => !isObject(p) || typeof p["name"] !== "string")) {
          return void problems.push(`${at}.enforcementPoints: must be a list of {name: <point>}`);
        }
        scopedEnforcementActions.push({ action: s["action"] as ActionName, points: eps.map((p) => str((p as K8sObject)["name"])) });
      });
    }
  }
  if (problems.length) {
    throw new InputError(`invalid constraint ${gvk.kind || "<no kind>"} ${name || "<no name>"}: ${problems.join("; ")}`, "gwpc_constraint");
  }
  const parameters = spec["parameters"] ?? {};
  return { kind: gvk.kind, name, match, parameters, enforcementAction, scopedEnforcementActions, object: obj };
}

function stringList(v: unknown, at: string, problems: string[]): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || v.some((x) => typeof x !== "string")) {
    problems.push(`${at}: must be a list of strings`);
    return undefined;
  }
  return v as string[];
}

function parseMatch(v: unknown, problems: string[]): Match {
  const m: Match = {};
  if (v === undefined || v === null) return m;
  if (!isObject(v)) {
    problems.push("spec.match: must be an object");
    return m;
  }
  if (v["kinds"] !== undefined && v["kinds"] !== null) {
    if (!Array.isArray(v["kinds"])) problems.push("spec.match.kinds: must be a list");
    else {
      m.kinds = v["kinds"].map((k: unknown, i) => {
        const at = `spec.match.kinds[${i}]`;
        const o = isObject(k) ? k : (problems.push(`${at}: must be an object`), {});
        return {
          apiGroups: stringList(o["apiGroups"], `${at}.apiGroups`, problems) ?? [],
          kinds: stringList(o["kinds"], `${at}.kinds`, problems) ?? [],
        };
      });
    }
  }
  for (const key of ["scope", "name", "source"] as const) {
    const s = v[key];
    if (s === undefined || s === null) continue;
    if (typeof s !== "string") problems.push(`spec.match.${key}: must be a string`);
    else m[key] = s;
  }
  const ns = stringList(v["namespaces"], "spec.match.namespaces", problems);
  if (ns) m.namespaces = ns;
  const ex = stringList(v["excludedNamespaces"], "spec.match.excludedNamespaces", problems);
  if (ex) m.excludedNamespaces = ex;
  for (const key of ["labelSelector", "namespaceSelector"] as const) {
    const s = v[key];
    if (s === undefined || s === null) continue;
    const r = parseLabelSelector(s, `spec.match.${key}`);
    problems.push(...r.problems);
    if (r.selector) m[key] = r.selector;
  }
  return m;
}

/** Shared (frozen) so the per-object hot path does not allocate. */
const SINGLE: Record<ActionName, ActionName[]> = {
  deny: Object.freeze(["deny"]) as ActionName[],
  dryrun: Object.freeze(["dryrun"]) as ActionName[],
  warn: Object.freeze(["warn"]) as ActionName[],
};

const SEVERITY: Record<ActionName, number> = { deny: 3, warn: 2, dryrun: 1 };

/**
 * The actions a constraint takes at an enforcement point: its own action, or
 * for `scoped` every scoped action naming the point (or `*`). Empty means the
 * constraint is not enforced there, so it is not evaluated.
 */
export function actionsAt(c: Constraint, point: string): ActionName[] {
  if (c.enforcementAction !== "scoped") return SINGLE[c.enforcementAction];
  const out: ActionName[] = [];
  for (const s of c.scopedEnforcementActions) {
    if (s.points.some((p) => p === "*" || p === point) && !out.includes(s.action)) out.push(s.action);
  }
  return out.sort((a, b) => SEVERITY[b] - SEVERITY[a]);
}
