import type { GatewayPolicy, NamespacedSubjects, PersonasSection, Subjects } from "./model.js";
import type { RawNamespacedSubjects, RawPolicy, RawSubjects } from "./raw.js";

/**
 * Applies the documented defaults (schema/policy.schema.json `default`s,
 * model.ts comments). Absent sections stay absent: they generate nothing.
 * Copies every list, so the model never aliases the parsed data.
 */
export function applyDefaults(raw: RawPolicy): GatewayPolicy {
  const s = raw.spec ?? {};
  const policy: GatewayPolicy = {
    apiVersion: raw.apiVersion,
    kind: raw.kind,
    metadata: { name: raw.metadata.name },
    spec: {
      enforcementAction: s.enforcementAction ?? "deny",
      exemptNamespaces: [...(s.exemptNamespaces ?? [])],
    },
  };
  if (s.gatewayClasses) {
    policy.spec.gatewayClasses = {
      unlisted: s.gatewayClasses.unlisted ?? "deny",
      rules: (s.gatewayClasses.rules ?? []).map((r) => ({
        className: r.className,
        namespaces: [...(r.namespaces ?? [])],
        ...(r.namespaceSelector ? { namespaceSelector: { matchLabels: { ...r.namespaceSelector.matchLabels } } } : {}),
      })),
    };
  }
  if (s.routeBinding) {
    const rb = s.routeBinding;
    policy.spec.routeBinding = {
      allowedSelectorLabels: [...(rb.allowedSelectorLabels ?? ["kubernetes.io/metadata.name"])],
      bannedSelectorLabels: [...(rb.bannedSelectorLabels ?? [])],
      allowedOperators: [...(rb.allowedOperators ?? ["In"])],
      fromAll: { namespaces: [...(rb.fromAll?.namespaces ?? [])] },
    };
  }
  if (s.referenceGrants) {
    const rg = s.referenceGrants;
    policy.spec.referenceGrants = {
      unlisted: rg.unlisted ?? "deny",
      rules: (rg.rules ?? []).map((r) => ({
        from: { kind: r.from.kind, namespaces: [...r.from.namespaces] },
        to: { kind: r.to.kind, namespaces: [...r.to.namespaces], requireName: r.to.requireName ?? false },
      })),
      requireGrantForCrossNamespaceRefs: rg.requireGrantForCrossNamespaceRefs ?? false,
    };
  }
  if (s.personas) {
    const p = s.personas;
    const personas: PersonasSection = {
      model: p.model ?? "four-tier",
      infrastructureProviders: subjects(p.infrastructureProviders),
      clusterOperators: { ...subjects(p.clusterOperators), gatewayClassWrite: p.clusterOperators?.gatewayClassWrite ?? false },
      applicationAdmins: (p.applicationAdmins ?? []).map(namespaced),
      applicationDevelopers: (p.applicationDevelopers ?? []).map(namespaced),
      enforceWithAdmission: p.enforceWithAdmission ?? false,
    };
    policy.spec.personas = personas;
  }
  return policy;
}

function subjects(s: RawSubjects | undefined): Subjects {
  return { groups: [...(s?.groups ?? [])], users: [...(s?.users ?? [])] };
}

function namespaced(s: RawNamespacedSubjects): NamespacedSubjects {
  return { ...subjects(s), namespaces: [...(s.namespaces ?? [])] };
}
