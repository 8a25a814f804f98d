import { actionsAt, type Constraint } from "./constraint.js";
import type { CompiledTemplate } from "./engine.js";
import { lookupNamespace } from "./inventory.js";
import { matchReview } from "./match.js";
import { buildInput, reviewWithNamespace, type ReviewTarget } from "./review.js";
import type { ActionName, Inventory, K8sObject, RawViolation, Violation } from "./types.js";

export interface ReviewContext {
  inventory: Inventory;
  /** The enforcement point scoped actions are resolved for (gator.gatekeeper.sh, audit.gatekeeper.sh). */
  enforcementPoint: string;
}

/**
 * Review one object against one constraint, as gatekeeper's client does:
 * skip a constraint not enforced at this point, match (a match error is an
 * autoreject violation), evaluate the template, and turn an evaluation
 * error into a violation carrying its text.
 */
export function reviewConstraint(target: ReviewTarget, constraint: Constraint, compiled: CompiledTemplate, ctx: ReviewContext): Violation[] {
  const actions = actionsAt(constraint, ctx.enforcementPoint);
  if (actions.length === 0) return [];
  const { ns, review } = reviewFor(target, ctx.inventory);
  const m = matchReview(constraint.match, target, ns);
  const make = (message: string, extra: Partial<Violation> = {}): Violation => ({
    constraint: { kind: constraint.kind, name: constraint.name },
    enforcementAction: actions[0]!,
    enforcementActions: actions,
    message,
    ...extra,
  });
  if ("error" in m) return [make(m.error, { error: "match" })];
  if (!m.matched) return [];
  const input = buildInput(review, constraint.parameters);
  let raw: RawViolation[];
  try {
    raw = compiled.evaluate(input, { inventory: ctx.inventory });
  } catch (e) {
    return [make(`evaluation error: ${e instanceof Error ? e.message : String(e)}`, { error: "evaluation" })];
  }
  return dedupe(raw).map((r) => {
    if (typeof r.msg !== "string") return make(`violation result without a string msg: ${canonicalJson(r)}`, { error: "evaluation" });
    return r.details === undefined ? make(r.msg) : make(r.msg, { details: r.details });
  });
}

/** The Namespace and `input.review` of a target, built once per inventory and shared by every constraint. */
function reviewFor(target: ReviewTarget, inventory: Inventory): { ns: K8sObject | null; review: K8sObject } {
  let r = target.withNamespace;
  if (!r || r.inventory !== inventory) {
    const ns = lookupNamespace(inventory, target.namespace);
    r = { inventory, ns, review: reviewWithNamespace(target, ns) };
    target.withNamespace = r;
  }
  return r;
}

/** `violation` is a set: equal results count once. */
function dedupe(raw: RawViolation[]): RawViolation[] {
  if (raw.length < 2) return raw;
  const seen = new Set<string>();
  return raw.filter((r) => {
    const k = canonicalJson(r);
    return seen.has(k) ? false : (seen.add(k), true);
  });
}

/** JSON with object keys sorted, so equal values have equal text. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(",")}]`;
  if (typeof v === "object" && v !== null) {
    const o = v as K8sObject;
    return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(",")}}`;
  }
  return JSON.stringify(v) ?? "null";
}

/** The strongest of several actions: deny > warn > dryrun. */
export function strongestAction(actions: ActionName[]): ActionName | undefined {
  for (const a of ["deny", "warn", "dryrun"] as const) if (actions.includes(a)) return a;
  return undefined;
}
