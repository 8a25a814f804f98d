import { Ajv, type ValidateFunction } from "ajv";
import type { Constraint, ConstraintTemplateInfo } from "../gatekeeper/index.js";

const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
const compiled = new Map<string, ValidateFunction | Error>();

/**
 * Check a constraint's `spec.parameters` against the template's
 * openAPIV3Schema, as the constraint CRD would (gator's `invalid: true`
 * tests expect this to fail). OpenAPI-only keywords (`nullable`,
 * `x-kubernetes-*`) are ignored. Returns the problems, empty when valid.
 */
export function parameterProblems(t: ConstraintTemplateInfo, c: Constraint): string[] {
  if (t.parametersSchema === undefined || t.parametersSchema === null) return [];
  const spec = c.object["spec"] as Record<string, unknown> | undefined;
  if (spec?.["parameters"] === undefined) return []; // an absent field is not validated
  let v = compiled.get(t.cacheKey);
  if (!v) {
    try {
      v = ajv.compile(t.parametersSchema as object);
    } catch (e) {
      v = e as Error;
    }
    compiled.set(t.cacheKey, v);
  }
  if (v instanceof Error) return [`the template's parameter schema does not compile: ${v.message}`];
  if (v(c.parameters)) return [];
  return (v.errors ?? []).map((e) => `spec.parameters${e.instancePath.replace(/\//g, ".")} ${e.message ?? "is invalid"}`);
}
