/**
 * policy/: the GatewayPolicy model -> what to generate, per SPEC §2 section.
 * Pure: no file system, no YAML.
 */
import type { GatewayPolicy } from "../config/model.js";
import { gatewayClassesConstraint } from "./gateway-classes.js";
import { personasConstraint } from "./personas.js";
import { crossNamespaceRefsConstraint, referenceGrantRulesConstraint } from "./reference-grants.js";
import { routeBindingConstraint } from "./route-binding.js";
import type { ConstraintSpec, SyncKind } from "./types.js";

export type { ConstraintSpec, MatchKind, SyncKind, JsonValue, JsonObject } from "./types.js";
export {
  TEMPLATES,
  templateEntry,
  templateName,
  GATEWAY_GROUP,
  type TemplateEntry,
  type TemplateId,
  type SyncRequirement,
} from "./catalog.js";
export { SECTION_SLUGS, constraintName } from "./names.js";
export { personaGrants, FAMILIES, type Family, type PersonaGrant, type PersonaId } from "./persona-grants.js";
export { PERSONA_EXEMPT_GROUPS } from "./personas.js";
export { planRbac, FAMILY_RESOURCES, READ_RESOURCES, READ_VERBS, WRITE_VERBS, type RbacObject, type RbacSubject, type PolicyRule } from "./rbac.js";
export { gatewayClassesConstraint, routeBindingConstraint, referenceGrantRulesConstraint, crossNamespaceRefsConstraint, personasConstraint };

/** Every Constraint the policy asks for, in SPEC section order. */
export function planConstraints(policy: GatewayPolicy): ConstraintSpec[] {
  return [
    gatewayClassesConstraint(policy),
    routeBindingConstraint(policy),
    referenceGrantRulesConstraint(policy),
    crossNamespaceRefsConstraint(policy),
    personasConstraint(policy),
  ].filter((c): c is ConstraintSpec => c !== undefined);
}

/** What Gatekeeper must sync for the referential Constraints; empty when none. */
export function planSync(constraints: readonly ConstraintSpec[]): SyncKind[] {
  const seen = new Map<string, SyncKind>();
  for (const c of constraints) for (const k of c.referential ?? []) seen.set(`${k.group}/${k.version}/${k.kind}`, k);
  return [...seen.keys()].sort().map((key) => seen.get(key)!);
}
export { PARAMETER_SCHEMAS } from "./parameter-schemas.js";
