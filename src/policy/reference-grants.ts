import type { GatewayPolicy } from "../config/model.js";
import { REFERENCEGRANT_SYNC } from "./catalog.js";
import { baseConstraint } from "./constraint.js";
import type { ConstraintSpec } from "./types.js";

/**
 * SPEC §2.3, first half: each from/to pair of a ReferenceGrant needs a rule.
 * With `unlisted: allow` and no rules nothing can be denied, so no Constraint.
 */
export function referenceGrantRulesConstraint(policy: GatewayPolicy): ConstraintSpec | undefined {
  const section = policy.spec.referenceGrants;
  if (!section) return undefined;
  if (section.unlisted === "allow" && section.rules.length === 0) return undefined;
  return baseConstraint(policy, "referencegrant-rules", "referenceGrants", {
    unlisted: section.unlisted,
    rules: section.rules.map((r) => ({
      from: { kind: r.from.kind, namespaces: [...r.from.namespaces] },
      to: { kind: r.to.kind, namespaces: [...r.to.namespaces], requireName: r.to.requireName },
    })),
  });
}

/** SPEC §2.3, second half: cross-namespace references need a synced ReferenceGrant. */
export function crossNamespaceRefsConstraint(policy: GatewayPolicy): ConstraintSpec | undefined {
  const section = policy.spec.referenceGrants;
  if (!section || !section.requireGrantForCrossNamespaceRefs) return undefined;
  return baseConstraint(policy, "cross-namespace-refs", "crossNamespaceRefs", {}, [REFERENCEGRANT_SYNC]);
}
