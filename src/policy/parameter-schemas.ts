/**
 * The openAPIV3Schema of each template's Constraint parameters, exactly the
 * shapes of policies/README.md. Structural (as Kubernetes requires of CRDs):
 * every node typed, no `additionalProperties: false` (the API server prunes
 * unknown fields instead).
 */
import type { TemplateId } from "./catalog.js";
import type { JsonObject } from "./types.js";

const str = (description?: string): JsonObject => (description ? { type: "string", description } : { type: "string" });
const strings = (description: string): JsonObject => ({ type: "array", description, items: { type: "string" } });
const unlisted = (what: string): JsonObject => ({
  type: "string",
  description: `deny or allow ${what} that no rule names.`,
  enum: ["deny", "allow"],
});
const globs = (description: string) => strings(`${description} Exact names or globs (* matches any run of characters).`);

const FAMILY_ENUM = ["GatewayClass", "Gateway", "Route"];
const OPERATOR_ENUM = ["In", "NotIn", "Exists", "DoesNotExist"];

export const PARAMETER_SCHEMAS: Record<TemplateId, JsonObject> = {
  "gatewayclass-namespaces": {
    type: "object",
    properties: {
      unlisted: unlisted("Gateways naming a GatewayClass"),
      rules: {
        type: "array",
        description: "Which namespaces may use which GatewayClass.",
        items: {
          type: "object",
          properties: {
            className: str("GatewayClass name or glob."),
            namespaces: globs("Namespaces whose Gateways may use the class."),
            namespaceSelector: {
              type: "object",
              description: "A namespace also qualifies when its (synced) labels include all of these.",
              properties: { matchLabels: { type: "object", additionalProperties: { type: "string" } } },
            },
          },
        },
      },
    },
  },
  "route-binding": {
    type: "object",
    properties: {
      allowedSelectorLabels: strings("Label keys a listener's namespace selector may use."),
      bannedSelectorLabels: strings("Label keys a namespace selector may never use."),
      allowedOperators: {
        type: "array",
        description: "matchExpressions operators a namespace selector may use.",
        items: { type: "string", enum: OPERATOR_ENUM },
      },
      fromAllNamespaces: globs("Namespaces whose Gateways and ListenerSets may use `from: All`."),
    },
  },
  "referencegrant-rules": {
    type: "object",
    properties: {
      unlisted: unlisted("ReferenceGrant from/to pairs"),
      rules: {
        type: "array",
        description: "The from/to pairs a ReferenceGrant may allow.",
        items: {
          type: "object",
          properties: {
            from: {
              type: "object",
              properties: { kind: str("Kind of the referring object."), namespaces: globs("Namespaces of the referring object.") },
            },
            to: {
              type: "object",
              properties: {
                kind: str("Kind of the referenced object."),
                namespaces: globs("Namespaces of the ReferenceGrant (the referenced objects)."),
                requireName: { type: "boolean", description: "Deny `to` entries that do not name one object." },
              },
            },
          },
        },
      },
    },
  },
  "cross-namespace-refs": { type: "object", description: "No parameters." },
  "persona-writes": {
    type: "object",
    properties: {
      exemptGroups: strings("Writes by members of these groups are never checked."),
      grants: {
        type: "array",
        description: "Who may write which resource family, and where.",
        items: {
          type: "object",
          properties: {
            groups: strings("Groups holding the grant."),
            users: strings("Users holding the grant."),
            families: {
              type: "array",
              description: "Resource families: GatewayClass; Gateway (Gateway, ListenerSet); Route (all Route kinds).",
              items: { type: "string", enum: FAMILY_ENUM },
            },
            namespaces: strings("Namespaces the grant is limited to; empty means cluster-wide."),
          },
        },
      },
    },
  },
};
