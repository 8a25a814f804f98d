/**
 * The policy file after validation, with every default applied. This is the
 * contract between `config/` (which produces it from YAML) and `policy/` +
 * `bundle/` (which turn it into a Gatekeeper bundle). Absent sections stay
 * absent (`undefined`): an absent section generates nothing.
 *
 * Globs: `*` matches any run of characters; no other glob syntax is allowed
 * (the schema rejects `? [ ] { } \`), so a glob is safe to hand to
 * `glob.match(pattern, [], value)`.
 */
export interface GatewayPolicy {
  apiVersion: "gwpc.dev/v1alpha1";
  kind: "GatewayPolicy";
  metadata: { name: string };
  spec: PolicySpec;
}

export type EnforcementAction = "deny" | "dryrun" | "warn";
export type Unlisted = "deny" | "allow";

export interface PolicySpec {
  /** Default "deny". */
  enforcementAction: EnforcementAction;
  /** Default []. Becomes `excludedNamespaces` on every constraint. */
  exemptNamespaces: string[];
  gatewayClasses?: GatewayClassesSection;
  routeBinding?: RouteBindingSection;
  referenceGrants?: ReferenceGrantsSection;
  personas?: PersonasSection;
}

export interface GatewayClassesSection {
  /** Default "deny". */
  unlisted: Unlisted;
  /** Default []. */
  rules: GatewayClassRule[];
}

export interface GatewayClassRule {
  /** Exact name or glob. */
  className: string;
  /** Exact names or globs; default []. */
  namespaces: string[];
  namespaceSelector?: { matchLabels: Record<string, string> };
}

export interface RouteBindingSection {
  /** Default ["kubernetes.io/metadata.name"]. */
  allowedSelectorLabels: string[];
  /** Default []. */
  bannedSelectorLabels: string[];
  /** Default ["In"]. Values: In, NotIn, Exists, DoesNotExist. */
  allowedOperators: string[];
  /** Default { namespaces: [] }. Namespaces (globs) whose Gateways/ListenerSets may use `from: All`. */
  fromAll: { namespaces: string[] };
}

export interface ReferenceGrantsSection {
  /** Default "deny". */
  unlisted: Unlisted;
  /** Default []. */
  rules: ReferenceGrantRule[];
  /** Default false. */
  requireGrantForCrossNamespaceRefs: boolean;
}

export interface ReferenceGrantRule {
  from: { kind: string; namespaces: string[] };
  /** requireName defaults to false. */
  to: { kind: string; namespaces: string[]; requireName: boolean };
}

export type PersonaModel = "three-tier" | "four-tier";

export interface PersonasSection {
  /** Default "four-tier". */
  model: PersonaModel;
  /** groups default []; users default []. */
  infrastructureProviders: Subjects;
  clusterOperators: Subjects & { gatewayClassWrite: boolean };
  /** Default []. Only in the four-tier model. */
  applicationAdmins: NamespacedSubjects[];
  /** Default []. */
  applicationDevelopers: NamespacedSubjects[];
  /** Default false. */
  enforceWithAdmission: boolean;
}

export interface Subjects {
  groups: string[];
  users: string[];
}

export interface NamespacedSubjects extends Subjects {
  /**
   * Namespaces (exact names: RBAC Roles need real namespaces) the grant is
   * limited to. Required in the four-tier model ("In Specified Namespaces");
   * in the three-tier model an empty list means cluster-wide, as the table's
   * plain "Yes" for developers.
   */
  namespaces: string[];
}
