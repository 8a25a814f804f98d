import type { GatewayPolicy } from "../config/model.js";
import { baseConstraint } from "./constraint.js";
import type { ConstraintSpec } from "./types.js";

/** SPEC §2.2: listeners' allowedRoutes selectors and Gateways' allowedListeners. */
export function routeBindingConstraint(policy: GatewayPolicy): ConstraintSpec | undefined {
  const section = policy.spec.routeBinding;
  if (!section) return undefined;
  return baseConstraint(policy, "route-binding", "routeBinding", {
    allowedSelectorLabels: [...section.allowedSelectorLabels],
    bannedSelectorLabels: [...section.bannedSelectorLabels],
    allowedOperators: [...section.allowedOperators],
    fromAllNamespaces: [...section.fromAll.namespaces],
  });
}
