/**
 * The policy file as written, after the schema accepted it: the same shape
 * as model.ts with every defaulted field optional. Only config/ sees this;
 * everyone else gets the GatewayPolicy with defaults applied.
 */
import type { EnforcementAction, PersonaModel, Unlisted } from "./model.js";

export interface RawPolicy {
  apiVersion: "gwpc.dev/v1alpha1";
  kind: "GatewayPolicy";
  metadata: { name: string };
  spec?: RawSpec;
}

export interface RawSpec {
  enforcementAction?: EnforcementAction;
  exemptNamespaces?: string[];
  gatewayClasses?: {
    unlisted?: Unlisted;
    rules?: { className: string; namespaces?: string[]; namespaceSelector?: { matchLabels: Record<string, string> } }[];
  };
  routeBinding?: {
    allowedSelectorLabels?: string[];
    bannedSelectorLabels?: string[];
    allowedOperators?: string[];
    fromAll?: { namespaces?: string[] };
  };
  referenceGrants?: {
    unlisted?: Unlisted;
    rules?: RawReferenceGrantRule[];
    requireGrantForCrossNamespaceRefs?: boolean;
  };
  personas?: {
    model?: PersonaModel;
    infrastructureProviders?: RawSubjects;
    clusterOperators?: RawSubjects & { gatewayClassWrite?: boolean };
    applicationAdmins?: RawNamespacedSubjects[];
    applicationDevelopers?: RawNamespacedSubjects[];
    enforceWithAdmission?: boolean;
  };
}

export interface RawReferenceGrantRule {
  from: { kind: string; namespaces: string[] };
  to: { kind: string; namespaces: string[]; requireName?: boolean };
}

export interface RawSubjects {
  groups?: string[];
  users?: string[];
}

export interface RawNamespacedSubjects extends RawSubjects {
  namespaces?: string[];
}
