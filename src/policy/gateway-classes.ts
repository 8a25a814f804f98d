import type { GatewayPolicy } from "../config/model.js";
import { NAMESPACE_SYNC } from "./catalog.js";
import { baseConstraint } from "./constraint.js";
import type { ConstraintSpec, JsonObject } from "./types.js";

/** SPEC §2.1: which namespaces may use which GatewayClass. */
export function gatewayClassesConstraint(policy: GatewayPolicy): ConstraintSpec | undefined {
  const section = policy.spec.gatewayClasses;
  if (!section) return undefined;
  const rules = section.rules.map((r) => {
    const rule: JsonObject = { className: r.className, namespaces: [...r.namespaces] };
    if (r.namespaceSelector) rule.namespaceSelector = { matchLabels: { ...r.namespaceSelector.matchLabels } };
    return rule;
  });
  // Only a namespaceSelector makes the check read Namespaces from data.inventory.
  const readsNamespaces = section.rules.some((r) => r.namespaceSelector !== undefined);
  return baseConstraint(
    policy,
    "gatewayclass-namespaces",
    "gatewayClasses",
    { unlisted: section.unlisted, rules },
    readsNamespaces ? [NAMESPACE_SYNC] : undefined,
  );
}
