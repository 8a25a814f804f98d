import type { GatewayPolicy } from "../config/model.js";
import { baseConstraint } from "./constraint.js";
import { personaGrants } from "./persona-grants.js";
import type { ConstraintSpec } from "./types.js";

/**
 * Groups whose writes the admission check never judges: the API server's
 * break-glass group. Everyone else must hold a persona grant.
 */
export const PERSONA_EXEMPT_GROUPS = ["system:masters"];

/** SPEC §2.4: the admission check behind the RBAC, only with enforceWithAdmission. */
export function personasConstraint(policy: GatewayPolicy): ConstraintSpec | undefined {
  const section = policy.spec.personas;
  if (!section || !section.enforceWithAdmission) return undefined;
  return baseConstraint(policy, "persona-writes", "personas", {
    exemptGroups: [...PERSONA_EXEMPT_GROUPS],
    grants: personaGrants(section).map((g) => ({
      groups: g.groups,
      users: g.users,
      families: g.families,
      namespaces: g.namespaces,
    })),
  });
}
