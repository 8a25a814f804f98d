/**
 * Policy models for bundle and policy tests, built directly (defaults
 * applied, as the loader hands them over), so these tests do not depend on
 * the loader.
 */
import type { GatewayPolicy, PersonasSection, PolicySpec } from "../../src/config/model.js";

export function policy(name: string, spec: Partial<PolicySpec>): GatewayPolicy {
  return {
    apiVersion: "gwpc.dev/v1alpha1",
    kind: "GatewayPolicy",
    metadata: { name },
    spec: { enforcementAction: "deny", exemptNamespaces: [], ...spec },
  };
}

export function personas(p: Partial<PersonasSection>): PersonasSection {
  return {
    model: "four-tier",
    infrastructureProviders: { groups: [], users: [] },
    clusterOperators: { groups: [], users: [], gatewayClassWrite: false },
    applicationAdmins: [],
    applicationDevelopers: [],
    enforceWithAdmission: false,
    ...p,
  };
}

/** SPEC §1's example, every section on. */
export const SPEC_EXAMPLE: GatewayPolicy = policy("acme", {
  enforcementAction: "deny",
  exemptNamespaces: ["kube-system", "gatekeeper-system"],
  gatewayClasses: {
    unlisted: "deny",
    rules: [
      {
        className: "public",
        namespaces: ["edge", "team-*-ingress"],
        namespaceSelector: { matchLabels: { "gateway.acme.io/public": "true" } },
      },
      { className: "internal", namespaces: ["*"] },
    ],
  },
  routeBinding: {
    allowedSelectorLabels: ["kubernetes.io/metadata.name"],
    bannedSelectorLabels: ["env", "team"],
    allowedOperators: ["In"],
    fromAll: { namespaces: ["edge"] },
  },
  referenceGrants: {
    unlisted: "deny",
    rules: [
      { from: { kind: "HTTPRoute", namespaces: ["prod"] }, to: { kind: "Service", namespaces: ["backend-*"], requireName: false } },
      { from: { kind: "Gateway", namespaces: ["edge"] }, to: { kind: "Secret", namespaces: ["certs"], requireName: true } },
    ],
    requireGrantForCrossNamespaceRefs: true,
  },
  personas: personas({
    model: "four-tier",
    infrastructureProviders: { groups: ["infra"], users: [] },
    clusterOperators: { groups: ["ops"], users: [], gatewayClassWrite: false },
    applicationAdmins: [{ groups: ["team-a-admins"], users: [], namespaces: ["team-a"] }],
    applicationDevelopers: [{ groups: ["team-a-devs"], users: [], namespaces: ["team-a"] }],
    enforceWithAdmission: true,
  }),
});

/** An operator restricting GatewayClasses only, without selectors (not referential). */
export const CLASSES_ONLY: GatewayPolicy = policy("ops-classes", {
  enforcementAction: "dryrun",
  exemptNamespaces: ["kube-*"],
  gatewayClasses: {
    unlisted: "allow",
    rules: [
      { className: "prod-*", namespaces: ["prod", "prod-*"] },
      { className: "yes", namespaces: ["on", "null", "1.5"] },
    ],
  },
});

/** A three-tier persona setup, RBAC only (no admission check). */
export const THREE_TIER: GatewayPolicy = policy("platform", {
  enforcementAction: "warn",
  personas: personas({
    model: "three-tier",
    infrastructureProviders: { groups: ["platform-infra"], users: ["alice@example.com"] },
    clusterOperators: { groups: ["platform-ops"], users: [], gatewayClassWrite: false },
    applicationDevelopers: [
      { groups: ["devs"], users: [], namespaces: [] },
      { groups: ["contractors"], users: ["bob"], namespaces: ["sandbox", "demo"] },
    ],
  }),
});

/** No section at all: an empty bundle. */
export const EMPTY: GatewayPolicy = policy("nothing", {});

/** ReferenceGrant handshake only, unlisted allow, plus personas with overlapping namespaces. */
export const GRANTS_AND_ADMINS: GatewayPolicy = policy("shared", {
  referenceGrants: { unlisted: "allow", rules: [], requireGrantForCrossNamespaceRefs: true },
  personas: personas({
    model: "four-tier",
    infrastructureProviders: { groups: ["infra"], users: [] },
    clusterOperators: { groups: ["ops", "system:ops"], users: [], gatewayClassWrite: true },
    applicationAdmins: [
      { groups: ["a-admins"], users: [], namespaces: ["team-a", "shared"] },
      { groups: ["b-admins"], users: ["carol"], namespaces: ["team-b", "shared"] },
    ],
    applicationDevelopers: [{ groups: ["a-devs"], users: [], namespaces: ["team-a"] }],
    enforceWithAdmission: true,
  }),
});

export const GOLDEN_CASES: Record<string, GatewayPolicy> = {
  "spec-example": SPEC_EXAMPLE,
  "classes-only": CLASSES_ONLY,
  "three-tier": THREE_TIER,
  empty: EMPTY,
  "grants-and-admins": GRANTS_AND_ADMINS,
};
