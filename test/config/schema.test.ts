import * as fs from "node:fs";
import { describe, expect, it } from "vitest";
import { SCHEMA_FILE, packageFile, parsePolicy } from "../../src/config/index.js";
import { FORMATS } from "../../src/config/formats.js";

type Schema = Record<string, unknown>;
const schema = JSON.parse(fs.readFileSync(packageFile(SCHEMA_FILE), "utf8")) as Schema;

/** Every subschema with its JSON Pointer. */
function* subschemas(s: unknown, at = "#"): Generator<[string, Schema]> {
  if (s === null || typeof s !== "object" || Array.isArray(s)) return;
  const o = s as Schema;
  yield [at, o];
  for (const key of ["properties", "$defs"]) {
    for (const [k, v] of Object.entries((o[key] as Schema | undefined) ?? {})) yield* subschemas(v, `${at}/${key}/${k}`);
  }
  for (const key of ["items", "additionalProperties", "propertyNames"]) yield* subschemas(o[key], `${at}/${key}`);
}

function resolve(s: Schema): Schema {
  const ref = s.$ref as string | undefined;
  if (!ref) return s;
  const target = ref.replace("#/$defs/", "");
  return { ...resolve((schema.$defs as Record<string, Schema>)[target]!), ...s };
}

describe("schema/policy.schema.json", () => {
  it("closes every mapping: additionalProperties false wherever properties are listed", () => {
    for (const [at, s] of subschemas(schema)) {
      if (s.properties) expect([at, s.additionalProperties]).toEqual([at, false]);
    }
  });

  it("uses only formats gwpc implements", () => {
    for (const [at, s] of subschemas(schema)) {
      if (typeof s.format === "string") expect([at, s.format in FORMATS]).toEqual([at, true]);
    }
  });

  it("documents the defaults the loader applies", () => {
    // Parse a file where every defaulted field is absent, then read each default back from the model.
    const r = parsePolicy(
      "p.yaml",
      "apiVersion: gwpc.dev/v1alpha1\nkind: GatewayPolicy\nmetadata: {name: a}\n" +
        "spec: {gatewayClasses: {rules: [{className: x}]}, routeBinding: {}, referenceGrants: {rules: [{from: {kind: A, namespaces: [a]}, to: {kind: B, namespaces: [b]}}]}, personas: {applicationDevelopers: [{groups: [g], namespaces: [n]}]}}\n",
    );
    const spec = r.policy!.spec as unknown as Record<string, Record<string, unknown>>;
    const defs = schema.$defs as Record<string, Schema>;
    const props = (s: Schema) => (resolve(s).properties ?? {}) as Record<string, Schema>;
    const specProps = props((schema.properties as Record<string, Schema>).spec!);
    const checks: [string, unknown, unknown][] = [
      ["enforcementAction", specProps.enforcementAction!.default, spec.enforcementAction],
      ["exemptNamespaces", specProps.exemptNamespaces!.default, spec.exemptNamespaces],
    ];
    for (const [section, def] of [
      ["gatewayClasses", "gatewayClasses"],
      ["routeBinding", "routeBinding"],
      ["referenceGrants", "referenceGrants"],
      ["personas", "personas"],
    ] as const) {
      for (const [k, p] of Object.entries(props(defs[def]!))) {
        const d = resolve(p).default;
        if (d !== undefined && k !== "rules" && k !== "applicationDevelopers") checks.push([`${section}.${k}`, d, spec[section]![k]]);
      }
    }
    const rule = (spec.gatewayClasses!.rules as Record<string, unknown>[])[0]!;
    checks.push(["gatewayClassRule.namespaces", resolve(props(defs.gatewayClassRule!).namespaces!).default, rule.namespaces]);
    const grant = (spec.referenceGrants!.rules as { to: Record<string, unknown> }[])[0]!;
    checks.push(["referenceGrantRule.to.requireName", props(props(defs.referenceGrantRule!).to!).requireName!.default, grant.to.requireName]);
    const dev = (spec.personas!.applicationDevelopers as Record<string, unknown>[])[0]!;
    checks.push(["namespacedSubjects.users", resolve(props(defs.namespacedSubjects!).users!).default, dev.users]);

    const ops = spec.personas!.clusterOperators as Record<string, unknown>;
    checks.push(["clusterOperators.gatewayClassWrite", props(props(defs.personas!).clusterOperators!).gatewayClassWrite!.default, ops.gatewayClassWrite]);
    for (const [what, documented, applied] of checks) {
      // Empty objects stand for "every field at its own default".
      if (typeof documented === "object" && documented !== null && !Array.isArray(documented) && Object.keys(documented).length === 0) continue;
      expect([what, applied]).toEqual([what, documented]);
    }
    expect(checks.length).toBeGreaterThanOrEqual(15);
  });
});
