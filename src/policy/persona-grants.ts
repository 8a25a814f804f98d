/**
 * The seed's write-permission tables as data. Both the RBAC objects and the
 * GwpcPersonaWrites Constraint are derived from `personaGrants`, so the two
 * can never disagree.
 *
 * | three-tier              | GatewayClass | Gateway | Route |
 * | Infrastructure Provider | Yes          | Yes     | Yes   |
 * | Cluster Operators       | No (1)       | Yes     | Yes   |
 * | Application Developers  | No           | No      | Yes (2) |
 *
 * | four-tier               | GatewayClass | Gateway | Route |
 * | Infrastructure Provider | Yes          | Yes     | Yes   |
 * | Cluster Operators       | Sometimes (1)| Yes     | Yes   |
 * | Application Admins      | No           | In Specified Namespaces | In Specified Namespaces |
 * | Application Developers  | No           | No      | In Specified Namespaces |
 *
 * (1) `clusterOperators.gatewayClassWrite: true` grants GatewayClass writes
 *     ("Sometimes"); in the three-tier model the same flag is honoured as an
 *     explicit, documented deviation from the table's "No".
 * (2) three-tier developers with `namespaces` are limited to them; without,
 *     the grant is cluster-wide as the table's plain "Yes".
 */
import type { NamespacedSubjects, PersonasSection, Subjects } from "../config/model.js";
import { GwpcError, error } from "../diag/index.js";

export type Family = "GatewayClass" | "Gateway" | "Route";
export const FAMILIES: readonly Family[] = ["GatewayClass", "Gateway", "Route"];

export type PersonaId = "infrastructure-provider" | "cluster-operator" | "application-admin" | "application-developer";

export interface PersonaGrant {
  persona: PersonaId;
  groups: string[];
  users: string[];
  families: Family[];
  /** Empty: cluster-wide. Otherwise exact namespace names. */
  namespaces: string[];
}

const sorted = (xs: readonly string[]) => [...new Set(xs)].sort();

function grant(persona: PersonaId, s: Subjects, families: Family[], namespaces: string[] = []): PersonaGrant | undefined {
  if (s.groups.length === 0 && s.users.length === 0) return undefined;
  return { persona, groups: sorted(s.groups), users: sorted(s.users), families, namespaces: sorted(namespaces) };
}

/** Model errors the schema cannot express; the loader should catch them first. */
function checkModel(p: PersonasSection): void {
  const diags = [];
  if (p.model === "three-tier" && p.applicationAdmins.length > 0) {
    diags.push(error("gwpc_policy_conflict", "applicationAdmins exist only in the four-tier model", undefined, "spec.personas.applicationAdmins"));
  }
  if (p.model === "four-tier") {
    const need = (list: NamespacedSubjects[], key: string) =>
      list.forEach((e, i) => {
        if (e.namespaces.length === 0) {
          diags.push(
            error(
              "gwpc_policy_conflict",
              "the four-tier model grants this persona writes only in specified namespaces: list at least one",
              undefined,
              `spec.personas.${key}[${i}].namespaces`,
            ),
          );
        }
      });
    need(p.applicationAdmins, "applicationAdmins");
    need(p.applicationDevelopers, "applicationDevelopers");
  }
  if (diags.length > 0) throw new GwpcError(diags);
}

/** Every persona's write grants, in table order; personas without subjects grant nothing. */
export function personaGrants(p: PersonasSection): PersonaGrant[] {
  checkModel(p);
  const out: (PersonaGrant | undefined)[] = [];
  out.push(grant("infrastructure-provider", p.infrastructureProviders, ["GatewayClass", "Gateway", "Route"]));
  const ops = p.clusterOperators;
  out.push(grant("cluster-operator", ops, ops.gatewayClassWrite ? ["GatewayClass", "Gateway", "Route"] : ["Gateway", "Route"]));
  if (p.model === "four-tier") {
    for (const a of p.applicationAdmins) out.push(grant("application-admin", a, ["Gateway", "Route"], a.namespaces));
  }
  for (const d of p.applicationDevelopers) out.push(grant("application-developer", d, ["Route"], d.namespaces));
  return out.filter((g): g is PersonaGrant => g !== undefined);
}
