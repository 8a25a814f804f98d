import { parseDocument } from "yaml";
import { describe, expect, it } from "vitest";
import { templateInfo } from "../../src/gatekeeper/index.js";

const base = (target: object, name = "k8sx", kind = "K8sX") => ({
  apiVersion: "templates.gatekeeper.sh/v1",
  kind: "ConstraintTemplate",
  metadata: { name },
  spec: { crd: { spec: { names: { kind }, validation: { openAPIV3Schema: { type: "object" } } } }, targets: [{ target: "admission.k8s.gatekeeper.sh", ...target }] },
});

describe("templateInfo", () => {
  it("reads targets[0].rego and libs as Rego v0", () => {
    const t = templateInfo(base({ rego: "package x\nviolation[{\"msg\": \"m\"}] { true }", libs: ["package lib.a"] }), { file: "t.yaml" });
    expect(t).toMatchObject({ name: "k8sx", kind: "K8sX", libs: ["package lib.a"], regoVersion: "v0", hasCel: false, celOnly: false, file: "t.yaml", parametersSchema: { type: "object" } });
    expect(t.rego).toContain("package x");
  });
  it("prefers a code entry with engine Rego, and its version: v1", () => {
    const t = templateInfo(
      base({
        code: [
          { engine: "K8sNativeValidation", source: { validations: [] } },
          { engine: "Rego", source: { version: "v1", rego: "package y", libs: ["package lib.b"] } },
        ],
      }),
    );
    expect(t).toMatchObject({ rego: "package y", libs: ["package lib.b"], regoVersion: "v1", hasCel: true, celOnly: false });
  });
  it("flags a CEL-only template", () => {
    const t = templateInfo(base({ code: [{ engine: "K8sNativeValidation", source: { validations: [] } }] }));
    expect(t).toMatchObject({ hasCel: true, celOnly: true });
    expect(t.rego).toBeUndefined();
  });
  it.each([
    { note: "name is not the lowercased kind", obj: base({ rego: "package x" }, "other"), want: /must be the lowercase of/ },
    { note: "no Rego and no CEL", obj: base({}), want: /no Rego source/ },
    { note: "not a template", obj: { apiVersion: "v1", kind: "ConfigMap" }, want: /not a ConstraintTemplate/ },
    { note: "unknown target", obj: { ...base({}), spec: { crd: { spec: { names: { kind: "K8sX" } } }, targets: [{ target: "other", rego: "package x" }] } }, want: /target must be admission.k8s.gatekeeper.sh/ },
    { note: "two targets", obj: { ...base({}), spec: { crd: { spec: { names: { kind: "K8sX" } } }, targets: [{}, {}] } }, want: /exactly one target/ },
  ])("rejects $note", ({ obj, want }) => expect(() => templateInfo(obj)).toThrow(want));
  it("knows the line where the Rego text starts in its file", () => {
    const text = [
      "apiVersion: templates.gatekeeper.sh/v1",
      "kind: ConstraintTemplate",
      "metadata:",
      "  name: k8sx",
      "spec:",
      "  crd:",
      "    spec:",
      "      names:",
      "        kind: K8sX",
      "  targets:",
      "    - target: admission.k8s.gatekeeper.sh",
      "      rego: |",
      "        package x",
      "",
    ].join("\n");
    const doc = parseDocument(text);
    const t = templateInfo(doc.toJS(), { file: "t.yaml", text, doc });
    expect(t.regoLine).toBe(13);
    expect(t.cacheKey).toContain("t.yaml");
  });
});
