/**
 * Shapes shared by the Gatekeeper harness. Kubernetes objects stay plain
 * JSON values (`Record<string, unknown>`) as gator keeps them unstructured.
 */

export type K8sObject = Record<string, unknown>;

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

/** `deny` is the default (also for an empty string); `scoped` defers to `scopedEnforcementActions`. */
export type ActionName = "deny" | "dryrun" | "warn";

/** Where a constraint is enforced; scoped enforcement actions name these. */
export const ENFORCEMENT_POINTS = {
  gator: "gator.gatekeeper.sh",
  audit: "audit.gatekeeper.sh",
  webhook: "validation.gatekeeper.sh",
} as const;

/** One `violation` result as the template's Rego produced it. */
export interface RawViolation {
  msg: unknown;
  details?: unknown;
}

/** A violation attributed to a constraint, as gator reports it. */
export interface Violation {
  constraint: { kind: string; name: string };
  /** The effective action at the enforcement point: for `scoped`, the strongest one (deny > warn > dryrun). */
  enforcementAction: ActionName;
  /** Every action that applies at the enforcement point (one unless the constraint is `scoped`). */
  enforcementActions: ActionName[];
  message: string;
  details?: unknown;
  /** Set when the violation reports a failure rather than a policy result (match error, evaluation error). */
  error?: "match" | "evaluation";
}

/**
 * `data.inventory`: `cluster[groupVersion][Kind][name]` and
 * `namespace[ns][groupVersion][Kind][name]`, `groupVersion` being `v1` for core.
 */
export interface Inventory {
  cluster: Record<string, Record<string, Record<string, K8sObject>>>;
  namespace: Record<string, Record<string, Record<string, Record<string, K8sObject>>>>;
}
