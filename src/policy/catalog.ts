/**
 * The five ConstraintTemplates gwpc ships (see policies/README.md): their
 * folder under policies/, the Constraint kind, what they match and what
 * cluster data they may read. Template names are fixed and shared by every
 * policy file ("one template, many configs").
 */
import type { MatchKind, SyncKind } from "./types.js";

export const GATEWAY_GROUP = "gateway.networking.k8s.io";
/** The experimental channel's group, where ListenerSet was first served. */
export const GATEWAY_EXPERIMENTAL_GROUP = "gateway.networking.x-k8s.io";

export const ROUTE_KINDS = ["HTTPRoute", "GRPCRoute", "TLSRoute", "TCPRoute", "UDPRoute"] as const;

export type TemplateId =
  | "gatewayclass-namespaces"
  | "route-binding"
  | "referencegrant-rules"
  | "cross-namespace-refs"
  | "persona-writes";

export interface TemplateEntry {
  /** Folder under policies/, and the Rego file's base name. */
  id: TemplateId;
  /** Constraint kind; the template name is its lowercase. */
  kind: string;
  title: string;
  description: string;
  match: MatchKind[];
  /**
   * Cluster data the template may read from `data.inventory`, for the
   * `metadata.gatekeeper.sh/requires-sync-data` annotation. Fixed per template
   * so every bundle applies the same template text.
   */
  mayRead: SyncRequirement[];
}

/** One requirement: any of these group/version/kind combinations satisfies it. */
export interface SyncRequirement {
  groups: string[];
  versions: string[];
  kinds: string[];
}

export const NAMESPACE_SYNC: SyncKind = { group: "", version: "v1", kind: "Namespace" };
/**
 * v1beta1 is served by every Gateway API release since v0.6 (v1 only since
 * v1.5), so syncing it works on old and new clusters alike.
 */
export const REFERENCEGRANT_SYNC: SyncKind = { group: GATEWAY_GROUP, version: "v1beta1", kind: "ReferenceGrant" };

const gw = (kinds: string[]): MatchKind => ({ apiGroups: [GATEWAY_GROUP], kinds });
/**
 * ListenerSet as the experimental channel served it before it reached the
 * standard group (as XListenerSet, and ListenerSet in some releases); the
 * Rego treats both like ListenerSet.
 */
const experimentalListenerSets: MatchKind = { apiGroups: [GATEWAY_EXPERIMENTAL_GROUP], kinds: ["ListenerSet", "XListenerSet"] };

export const TEMPLATES: readonly TemplateEntry[] = [
  {
    id: "gatewayclass-namespaces",
    kind: "GwpcGatewayClassNamespaces",
    title: "GatewayClass by namespace",
    description:
      "Allows a Gateway to name a GatewayClass only from the namespaces (names, globs or a label selector) that a rule lists for that class.",
    match: [gw(["Gateway"])],
    mayRead: [{ groups: [""], versions: ["v1"], kinds: ["Namespace"] }],
  },
  {
    id: "route-binding",
    kind: "GwpcRouteBinding",
    title: "Route binding selectors",
    description:
      "Restricts the namespace selectors of Gateway and ListenerSet listeners (allowedRoutes) and of Gateways' allowedListeners to safe label keys and operators, and `from: All` to listed namespaces.",
    match: [gw(["Gateway", "ListenerSet"]), experimentalListenerSets],
    mayRead: [],
  },
  {
    id: "referencegrant-rules",
    kind: "GwpcReferenceGrantRules",
    title: "ReferenceGrant rules",
    description: "Allows a ReferenceGrant only for from/to pairs that a rule permits.",
    match: [gw(["ReferenceGrant"])],
    mayRead: [],
  },
  {
    id: "cross-namespace-refs",
    kind: "GwpcCrossNamespaceRefs",
    title: "Cross-namespace references need a ReferenceGrant",
    description:
      "Denies Route backendRefs (including request mirrors) and Gateway or ListenerSet certificateRefs to another namespace unless a ReferenceGrant in that namespace allows them.",
    match: [gw([...ROUTE_KINDS, "Gateway", "ListenerSet"]), experimentalListenerSets],
    mayRead: [{ groups: [GATEWAY_GROUP], versions: ["v1", "v1beta1"], kinds: ["ReferenceGrant"] }],
  },
  {
    id: "persona-writes",
    kind: "GwpcPersonaWrites",
    title: "Persona write rights",
    description:
      "Denies a write to a Gateway API object by a user none of whose groups holds the persona write right for that resource family (and namespace).",
    match: [gw(["GatewayClass", "Gateway", "ListenerSet", ...ROUTE_KINDS]), experimentalListenerSets],
    mayRead: [],
  },
];

export function templateEntry(id: TemplateId): TemplateEntry {
  const e = TEMPLATES.find((t) => t.id === id);
  if (!e) throw new Error(`internal: unknown template ${id}`);
  return e;
}

export function templateName(entry: TemplateEntry): string {
  return entry.kind.toLowerCase();
}
