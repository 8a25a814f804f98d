/**
 * Shape checks for every object of a bundle, as problem lists (empty = ok):
 * ConstraintTemplates and the Config against the official Gatekeeper CRDs,
 * Constraints against Gatekeeper's Constraint shape and their parameters
 * against their template's schema (strict about keys the API server would
 * prune), RBAC against the Kubernetes shapes with roleRefs that exist.
 */
import * as fs from "node:fs";
import { Ajv, type ValidateFunction } from "ajv";
import type { BundleFiles } from "../../src/bundle/index.js";
import { bundleObjects } from "./bundle-objects.js";
import { CONSTRAINT_SCHEMA, CRD_DIR, RBAC_SCHEMAS, crdToJsonSchema, loadCrds, type CrdVersion } from "./k8s-schemas.js";

export const GATEKEEPER_CRD_DIR = `${CRD_DIR}/gatekeeper`;
let crdCache: Map<string, CrdVersion> | undefined;

/** The Gatekeeper CRDs, or undefined when ../shared/crds is absent. */
export function gatekeeperCrds(): Map<string, CrdVersion> | undefined {
  if (!fs.existsSync(GATEKEEPER_CRD_DIR)) return undefined;
  return (crdCache ??= loadCrds(GATEKEEPER_CRD_DIR));
}

const ajv = new Ajv({ allErrors: true, strict: true });
const validateConstraint = ajv.compile(CONSTRAINT_SCHEMA);
const rbacValidators = Object.fromEntries(Object.entries(RBAC_SCHEMAS).map(([k, s]) => [k, ajv.compile(s)]));
const errs = (v: { errors?: unknown }) => JSON.stringify(v.errors);
const paramValidators = new Map<string, ValidateFunction>();

/** A template's parameter schema, strict about keys, compiled once per distinct schema. */
function parameterValidator(schema: unknown): ValidateFunction {
  const key = JSON.stringify(schema);
  let v = paramValidators.get(key);
  if (!v) paramValidators.set(key, (v = ajv.compile(crdToJsonSchema(schema) as object)));
  return v;
}

/** Problems of the ConstraintTemplates and Config against the CRDs. */
export function crdProblems(files: BundleFiles, crds: Map<string, CrdVersion>): string[] {
  const problems: string[] = [];
  for (const { file, object } of bundleObjects(files)) {
    if (object.kind !== "ConstraintTemplate" && object.kind !== "Config") continue;
    const crd = crds.get(`${object.apiVersion}/${object.kind}`);
    if (!crd?.served) problems.push(`${file}: no served CRD for ${object.apiVersion} ${object.kind}`);
    else if (!crd.validate(object)) problems.push(`${file}: ${errs(crd.validate)}`);
  }
  return problems;
}

/** Problems of Constraints and RBAC objects (no CRDs needed). */
export function shapeProblems(files: BundleFiles): string[] {
  const problems: string[] = [];
  const objects = bundleObjects(files);
  const templates = new Map(objects.filter((o) => o.object.kind === "ConstraintTemplate").map(({ object }) => [(object.spec as any).crd.spec.names.kind as string, object]));
  const roles = new Set(objects.filter((o) => o.object.kind === "ClusterRole").map((o) => o.object.metadata.name));
  for (const { file, object } of objects) {
    if (object.apiVersion === "constraints.gatekeeper.sh/v1beta1") {
      if (!validateConstraint(object)) problems.push(`${file}: ${errs(validateConstraint)}`);
      const template = templates.get(object.kind);
      if (!template) {
        problems.push(`${file}: no ConstraintTemplate for ${object.kind} in the bundle`);
        continue;
      }
      const validateParams = parameterValidator((template.spec as any).crd.spec.validation.openAPIV3Schema);
      if (!validateParams((object.spec as any).parameters ?? {})) problems.push(`${file}: parameters: ${errs(validateParams)}`);
    } else if (file.startsWith("rbac/")) {
      const validate = rbacValidators[object.kind];
      if (!validate) problems.push(`${file}: unexpected kind ${object.kind}`);
      else if (!validate(object)) problems.push(`${file}: ${errs(validate)}`);
      const ref = (object as { roleRef?: { name: string } }).roleRef;
      if (ref && !roles.has(ref.name)) problems.push(`${file}: roleRef ${ref.name} is not in the bundle`);
    }
  }
  return problems;
}
