/**
 * Schemas to check generated objects with: the official Gatekeeper CRDs from
 * ../shared/crds (converted to JSON Schema, strict about fields the API
 * server would prune), and small hand-written shapes of the RBAC kinds.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv, type ValidateFunction } from "ajv";
import { parseAllDocuments } from "yaml";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const CRD_DIR = path.resolve(REPO_ROOT, "../shared/crds");

type Schema = { [k: string]: unknown };

/**
 * A CRD's openAPIV3Schema as JSON Schema: drops `x-kubernetes-*` and unknown
 * formats; an object with `properties` rejects other keys (the API server
 * would silently prune them, which is always a bug in generated YAML) unless
 * it preserves unknown fields.
 */
export function crdToJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(crdToJsonSchema);
  if (node === null || typeof node !== "object") return node;
  const src = node as Schema;
  const out: Schema = {};
  for (const [k, v] of Object.entries(src)) {
    if (k.startsWith("x-kubernetes-") || k === "format" || k === "description") continue;
    if (k === "properties") {
      out[k] = Object.fromEntries(Object.entries(v as Schema).map(([pk, pv]) => [pk, crdToJsonSchema(pv)]));
    } else if (k === "nullable") {
      continue;
    } else {
      out[k] = crdToJsonSchema(v);
    }
  }
  if (src.nullable === true && typeof out.type === "string") out.type = [out.type, "null"];
  if (src.properties && src.additionalProperties === undefined && src["x-kubernetes-preserve-unknown-fields"] !== true) {
    out.additionalProperties = false;
  }
  return out;
}

export interface CrdVersion {
  group: string;
  kind: string;
  version: string;
  served: boolean;
  validate: ValidateFunction;
}

/** Every served version of every CRD in the folder, keyed `group/version/kind`. */
export function loadCrds(dir: string): Map<string, CrdVersion> {
  const out = new Map<string, CrdVersion>();
  const ajv = new Ajv({ allErrors: true, strict: false });
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith(".yaml")).sort()) {
    for (const doc of parseAllDocuments(fs.readFileSync(path.join(dir, f), "utf8"))) {
      const crd = doc.toJS() as {
        kind?: string;
        spec?: { group: string; names: { kind: string }; versions: { name: string; served: boolean; schema: { openAPIV3Schema: unknown } }[] };
      };
      if (crd?.kind !== "CustomResourceDefinition" || !crd.spec) continue;
      for (const v of crd.spec.versions) {
        const key = `${crd.spec.group}/${v.name}/${crd.spec.names.kind}`;
        out.set(key, {
          group: crd.spec.group,
          kind: crd.spec.names.kind,
          version: v.name,
          served: v.served,
          validate: ajv.compile(crdToJsonSchema(v.schema.openAPIV3Schema) as object),
        });
      }
    }
  }
  return out;
}

const DNS_SUBDOMAIN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
const strings = { type: "array", items: { type: "string", minLength: 1 } };
const metadata = (namespaced: boolean) => ({
  type: "object",
  required: namespaced ? ["name", "namespace"] : ["name"],
  additionalProperties: false,
  properties: {
    name: { type: "string", pattern: DNS_SUBDOMAIN, maxLength: 253 },
    labels: { type: "object", additionalProperties: { type: "string", maxLength: 63 } },
    ...(namespaced ? { namespace: { type: "string", pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", maxLength: 63 } } : {}),
  },
});
const subjects = {
  type: "array",
  minItems: 1,
  items: {
    type: "object",
    required: ["kind", "name", "apiGroup"],
    additionalProperties: false,
    properties: {
      kind: { enum: ["Group", "User"] },
      name: { type: "string", minLength: 1 },
      apiGroup: { const: "rbac.authorization.k8s.io" },
    },
  },
};
const roleRef = {
  type: "object",
  required: ["apiGroup", "kind", "name"],
  additionalProperties: false,
  properties: { apiGroup: { const: "rbac.authorization.k8s.io" }, kind: { const: "ClusterRole" }, name: { type: "string", pattern: DNS_SUBDOMAIN } },
};
const binding = (kind: string, namespaced: boolean) => ({
  type: "object",
  required: ["apiVersion", "kind", "metadata", "roleRef", "subjects"],
  additionalProperties: false,
  properties: { apiVersion: { const: "rbac.authorization.k8s.io/v1" }, kind: { const: kind }, metadata: metadata(namespaced), roleRef, subjects },
});

/** rbac.authorization.k8s.io/v1 shapes, as the API server validates them (the parts gwpc writes). */
export const RBAC_SCHEMAS: Record<string, object> = {
  ClusterRole: {
    type: "object",
    required: ["apiVersion", "kind", "metadata", "rules"],
    additionalProperties: false,
    properties: {
      apiVersion: { const: "rbac.authorization.k8s.io/v1" },
      kind: { const: "ClusterRole" },
      metadata: metadata(false),
      rules: {
        type: "array",
        minItems: 1,
        items: {
          type: "object",
          required: ["apiGroups", "resources", "verbs"],
          additionalProperties: false,
          properties: {
            apiGroups: strings,
            resources: strings,
            verbs: { type: "array", minItems: 1, items: { enum: ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"] } },
          },
        },
      },
    },
  },
  ClusterRoleBinding: binding("ClusterRoleBinding", false),
  RoleBinding: binding("RoleBinding", true),
};

/**
 * Gatekeeper's Constraint CRD shape for the parts gwpc writes (the
 * `parameters` are checked against each template's own schema).
 */
export const CONSTRAINT_SCHEMA = {
  type: "object",
  required: ["apiVersion", "kind", "metadata", "spec"],
  additionalProperties: false,
  properties: {
    apiVersion: { const: "constraints.gatekeeper.sh/v1beta1" },
    kind: { type: "string", pattern: "^Gwpc[A-Za-z]+$" },
    metadata: metadata(false),
    spec: {
      type: "object",
      required: ["enforcementAction", "match"],
      additionalProperties: false,
      properties: {
        enforcementAction: { enum: ["deny", "dryrun", "warn"] },
        match: {
          type: "object",
          required: ["kinds"],
          additionalProperties: false,
          properties: {
            // Gatekeeper's Wildcard type: a prefix and/or suffix `*`.
            excludedNamespaces: { type: "array", items: { type: "string", pattern: "^\\*?[-:a-z0-9]*\\*?$" } },
            kinds: {
              type: "array",
              minItems: 1,
              items: {
                type: "object",
                required: ["apiGroups", "kinds"],
                additionalProperties: false,
                properties: { apiGroups: strings, kinds: strings },
              },
            },
          },
        },
        parameters: { type: "object" },
      },
    },
  },
};
