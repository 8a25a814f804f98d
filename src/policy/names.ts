/**
 * Object names. Every generated name starts with the policy's
 * `metadata.name` (a DNS label), so several policies can share a cluster.
 */

/** The `<section>` part of `<metadata.name>-<section>` Constraint names. */
export const SECTION_SLUGS = {
  gatewayClasses: "gateway-classes",
  routeBinding: "route-binding",
  referenceGrants: "reference-grants",
  crossNamespaceRefs: "cross-namespace-refs",
  personas: "personas",
} as const;

export type SectionKey = keyof typeof SECTION_SLUGS;

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** `<policy>-<suffix>`; the inputs are DNS labels, so the result is DNS-safe by construction. */
export function prefixedName(policyName: string, suffix: string): string {
  const name = `${policyName}-${suffix}`;
  if (name.length > 253 || !DNS_SUBDOMAIN.test(name)) {
    // The schema only admits DNS labels as metadata.name; reaching this is a bug.
    throw new Error(`internal: generated name ${JSON.stringify(name)} is not a DNS subdomain`);
  }
  return name;
}

export function constraintName(policyName: string, section: SectionKey): string {
  return prefixedName(policyName, SECTION_SLUGS[section]);
}
