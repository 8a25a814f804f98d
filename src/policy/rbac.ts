/**
 * Persona RBAC from the same grants as the admission check: one ClusterRole
 * per resource family with the write verbs, one read ClusterRole, and
 * bindings — ClusterRoleBindings for cluster-wide grants, RoleBindings (to the
 * same ClusterRoles) in each specified namespace.
 */
import type { GatewayPolicy } from "../config/model.js";
import { GATEWAY_GROUP } from "./catalog.js";
import { prefixedName } from "./names.js";
import { FAMILIES, personaGrants, type Family, type PersonaGrant, type PersonaId } from "./persona-grants.js";

export const WRITE_VERBS = ["create", "update", "patch", "delete", "deletecollection"];
export const READ_VERBS = ["get", "list", "watch"];

export const FAMILY_RESOURCES: Record<Family, string[]> = {
  GatewayClass: ["gatewayclasses"],
  Gateway: ["gateways", "listenersets"],
  Route: ["httproutes", "grpcroutes", "tlsroutes", "tcproutes", "udproutes"],
};
export const READ_RESOURCES = [...FAMILIES.flatMap((f) => FAMILY_RESOURCES[f]), "referencegrants"];

const FAMILY_SLUG: Record<Family, string> = { GatewayClass: "gatewayclass", Gateway: "gateway", Route: "route" };
const READER_SUFFIX = "gateway-api-reader";

export interface PolicyRule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
}

export interface RbacSubject {
  kind: "Group" | "User";
  name: string;
}

export type RbacObject =
  | { kind: "ClusterRole"; name: string; rules: PolicyRule[] }
  | { kind: "ClusterRoleBinding"; name: string; roleName: string; subjects: RbacSubject[] }
  | { kind: "RoleBinding"; name: string; namespace: string; roleName: string; subjects: RbacSubject[] };

export function writerRoleName(policyName: string, family: Family): string {
  return prefixedName(policyName, `${FAMILY_SLUG[family]}-writer`);
}

export function readerRoleName(policyName: string): string {
  return prefixedName(policyName, READER_SUFFIX);
}

function subjectsOf(grants: readonly PersonaGrant[]): RbacSubject[] {
  const seen = new Map<string, RbacSubject>();
  for (const g of grants) {
    for (const name of g.groups) seen.set(`Group/${name}`, { kind: "Group", name });
    for (const name of g.users) seen.set(`User/${name}`, { kind: "User", name });
  }
  return [...seen.keys()].sort().map((k) => seen.get(k)!);
}

function clusterRole(name: string, resources: string[], verbs: string[]): RbacObject {
  return { kind: "ClusterRole", name, rules: [{ apiGroups: [GATEWAY_GROUP], resources, verbs }] };
}

/** Every RBAC object for the personas section; empty without it. */
export function planRbac(policy: GatewayPolicy): RbacObject[] {
  const section = policy.spec.personas;
  if (!section) return [];
  const p = policy.metadata.name;
  const grants = personaGrants(section);
  if (grants.length === 0) return [];

  const roles: RbacObject[] = [clusterRole(readerRoleName(p), READ_RESOURCES, READ_VERBS)];
  const bindings: RbacObject[] = [];
  const personas = [...new Set(grants.map((g) => g.persona))] as PersonaId[];

  for (const persona of personas) {
    const mine = grants.filter((g) => g.persona === persona);
    // Read access everywhere for every persona: developers must see the
    // Gateways (in other namespaces) their Routes attach to.
    bindings.push({
      kind: "ClusterRoleBinding",
      name: prefixedName(p, `${persona}-reader`),
      roleName: readerRoleName(p),
      subjects: subjectsOf(mine),
    });
    for (const family of FAMILIES) {
      const withFamily = mine.filter((g) => g.families.includes(family));
      if (withFamily.length === 0) continue;
      const roleName = writerRoleName(p, family);
      const bindingName = prefixedName(p, `${persona}-${FAMILY_SLUG[family]}-writer`);
      const clusterWide = withFamily.filter((g) => g.namespaces.length === 0);
      if (clusterWide.length > 0) {
        bindings.push({ kind: "ClusterRoleBinding", name: bindingName, roleName, subjects: subjectsOf(clusterWide) });
      }
      const namespaces = [...new Set(withFamily.flatMap((g) => g.namespaces))].sort();
      for (const namespace of namespaces) {
        const here = withFamily.filter((g) => g.namespaces.includes(namespace));
        bindings.push({ kind: "RoleBinding", name: bindingName, namespace, roleName, subjects: subjectsOf(here) });
      }
    }
  }

  const usedFamilies = FAMILIES.filter((f) => grants.some((g) => g.families.includes(f)));
  for (const family of usedFamilies) roles.push(clusterRole(writerRoleName(p, family), FAMILY_RESOURCES[family], WRITE_VERBS));
  return [...roles, ...bindings];
}
