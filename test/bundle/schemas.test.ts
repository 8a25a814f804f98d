/**
 * Every generated object is checked by shape (see validate-bundle.ts), for
 * every model fixture; the checks themselves are shown not to be vacuous.
 */
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { renderBundle } from "../../src/bundle/index.js";
import { bundleObjects } from "./bundle-objects.js";
import { crdToJsonSchema } from "./k8s-schemas.js";
import { GOLDEN_CASES } from "./models.js";
import { stubPackageFiles } from "./stub-files.js";
import { GATEKEEPER_CRD_DIR, crdProblems, gatekeeperCrds, shapeProblems } from "./validate-bundle.js";

const bundles = Object.entries(GOLDEN_CASES).map(([name, model]) => ({ name, files: renderBundle(model, { packageFiles: stubPackageFiles() }) }));
const crds = gatekeeperCrds();

if (!crds) {
  it(`validates ConstraintTemplates and Config against Gatekeeper's CRDs: skipped, ${GATEKEEPER_CRD_DIR} is absent`, () => {
    expect(crds).toBeUndefined();
  });
} else {
  describe("against the official Gatekeeper CRDs", () => {
    for (const { name, files } of bundles) {
      it(`${name}: every ConstraintTemplate and Config validates`, () => {
        expect(crdProblems(files, crds)).toEqual([]);
      });
    }

    it("the CRD check catches a misspelt or misplaced field (it is not vacuous)", () => {
      const template = bundleObjects(bundles[0]!.files).find((o) => o.object.kind === "ConstraintTemplate")!.object;
      const crd = crds.get("templates.gatekeeper.sh/v1/ConstraintTemplate")!;
      expect(crd.validate(template)).toBe(true);
      const broken = structuredClone(template) as any;
      broken.spec.crd.spec.name = broken.spec.crd.spec.names;
      delete broken.spec.crd.spec.names;
      expect(crd.validate(broken)).toBe(false);
      const badTarget = structuredClone(template) as any;
      badTarget.spec.targets[0].rego = { source: "x" };
      expect(crd.validate(badTarget)).toBe(false);
      const config = crds.get("config.gatekeeper.sh/v1alpha1/Config")!;
      const syncOnly = [{ group: "", version: "v1", kind: "Namespace", extra: 1 }];
      expect(config.validate({ apiVersion: "config.gatekeeper.sh/v1alpha1", kind: "Config", metadata: {}, spec: { sync: { syncOnly } } })).toBe(false);
    });
  });
}

describe("Constraints and RBAC objects", () => {
  for (const { name, files } of bundles) {
    it(`${name}: Constraints have Gatekeeper's shape and parameters their template accepts; RBAC has the Kubernetes shapes`, () => {
      expect(shapeProblems(files)).toEqual([]);
    });
  }

  it("the shape check catches bad parameters, a dangling roleRef and a bad subject (it is not vacuous)", () => {
    const files = new Map(bundles.find((b) => b.name === "spec-example")!.files);
    const edit = (key: string, from: string, to: string) => {
      const text = String(files.get(key));
      if (!text.includes(from)) throw new Error(`${key}: no ${from}`);
      files.set(key, text.replace(from, to));
    };
    edit("constraints/gwpcgatewayclassnamespaces-acme-gateway-classes.yaml", "unlisted: deny", "unlisted: maybe\n    unknownKey: 1");
    edit("rbac/clusterrolebinding-acme-cluster-operator-reader.yaml", "name: acme-gateway-api-reader", "name: acme-nothing");
    edit("rbac/rolebinding-team-a.acme-application-admin-route-writer.yaml", "kind: Group", "kind: ServiceAccount");
    const problems = shapeProblems(files);
    expect(problems.some((p) => p.startsWith("constraints/gwpcgatewayclassnamespaces") && p.includes("enum"))).toBe(true);
    expect(problems.some((p) => p.includes("unknownKey"))).toBe(true);
    expect(problems.some((p) => p.includes("roleRef acme-nothing"))).toBe(true);
    expect(problems.some((p) => p.startsWith("rbac/rolebinding-team-a.acme-application-admin-route-writer.yaml"))).toBe(true);
  });

  it("parameter schemas reject values the Rego does not expect (spot checks)", () => {
    const ajv = new Ajv({ strict: true });
    const objects = bundleObjects(bundles.find((b) => b.name === "spec-example")!.files);
    const schemaOf = (kind: string) =>
      ajv.compile(
        crdToJsonSchema(
          (objects.find((o) => o.object.kind === "ConstraintTemplate" && (o.object.spec as any).crd.spec.names.kind === kind)!.object.spec as any).crd.spec.validation
            .openAPIV3Schema,
        ) as object,
      );
    expect(schemaOf("GwpcGatewayClassNamespaces")({ unlisted: "maybe" })).toBe(false);
    expect(schemaOf("GwpcRouteBinding")({ allowedOperators: ["Gt"] })).toBe(false);
    expect(schemaOf("GwpcPersonaWrites")({ grants: [{ families: ["Secret"] }] })).toBe(false);
    expect(schemaOf("GwpcReferenceGrantRules")({ rules: [{ to: { requireName: "yes" } }] })).toBe(false);
  });
});

describe("ConstraintTemplate schemas are structural (as Kubernetes requires of CRD schemas)", () => {
  function check(node: any, where: string, problems: string[]): void {
    if (typeof node.type !== "string") problems.push(`${where}: no type`);
    if (node.additionalProperties === false) problems.push(`${where}: additionalProperties: false is not allowed`);
    if (node.properties && node.additionalProperties) problems.push(`${where}: properties and additionalProperties together`);
    for (const [k, v] of Object.entries(node.properties ?? {})) check(v, `${where}.${k}`, problems);
    if (node.items) check(node.items, `${where}[]`, problems);
    if (typeof node.additionalProperties === "object") check(node.additionalProperties, `${where}{}`, problems);
  }
  it("every node is typed; no additionalProperties: false", () => {
    const problems: string[] = [];
    for (const { files } of bundles) {
      for (const { file, object } of bundleObjects(files).filter((o) => o.object.kind === "ConstraintTemplate")) {
        check((object.spec as any).crd.spec.validation.openAPIV3Schema, file, problems);
      }
    }
    expect(problems).toEqual([]);
  });
});
