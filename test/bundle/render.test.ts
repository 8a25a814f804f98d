import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { packageFiles, renderBundle, renderPolicyTemplates } from "../../src/bundle/index.js";
import { packageRoot } from "../../src/package-root.js";
import { normalizeBlockText } from "../../src/bundle/yaml-emit.js";
import { GwpcError } from "../../src/diag/index.js";
import { TEMPLATES, type TemplateId } from "../../src/policy/index.js";
import { bundleObjects } from "./bundle-objects.js";
import { comparableFiles } from "./comparable-files.js";
import { CLASSES_ONLY, EMPTY, GOLDEN_CASES, SPEC_EXAMPLE, THREE_TIER, policy } from "./models.js";
import { stubPackageFiles, stubRego } from "./stub-files.js";

const render = (m = SPEC_EXAMPLE, sourceName?: string) =>
  renderBundle(m, sourceName === undefined ? { packageFiles: stubPackageFiles() } : { packageFiles: stubPackageFiles(), sourceName });
const text = (files: Map<string, string | Uint8Array>, key: string) => String(files.get(key));

describe("renderBundle", () => {
  it("is deterministic: a second render is byte-identical, keys sorted", () => {
    for (const model of Object.values(GOLDEN_CASES)) {
      const a = render(model);
      const b = render(structuredClone(model));
      expect(comparableFiles(b)).toEqual(comparableFiles(a));
      expect([...a.keys()]).toEqual([...a.keys()].sort());
    }
  });

  it("lays files out as SPEC §3 says", () => {
    const patterns = [
      /^kustomization\.yaml$/,
      /^README\.md$/,
      /^templates\/gwpc[a-z]+\.yaml$/,
      /^constraints\/gwpc[a-z]+-[a-z0-9-]+\.yaml$/,
      /^sync\/config\.yaml$/,
      /^rbac\/(clusterrole|clusterrolebinding)-[a-z0-9-]+\.yaml$/,
      /^rbac\/rolebinding-[a-z0-9-]+\.[a-z0-9-]+\.yaml$/,
      /^policy\.wasm$/,
      /^bundle\.tar\.gz$/,
    ];
    for (const [name, model] of Object.entries(GOLDEN_CASES)) {
      for (const key of render(model).keys()) expect(patterns.some((p) => p.test(key)), `${name}: ${key}`).toBe(true);
    }
  });

  it("names a template's file templates/<template-name>.yaml and a Constraint's constraints/<kind-lowercase>-<name>.yaml", () => {
    for (const { file, object } of bundleObjects(render())) {
      if (object.kind === "ConstraintTemplate") expect(file).toBe(`templates/${object.metadata.name}.yaml`);
      if (object.apiVersion.startsWith("constraints.gatekeeper.sh/")) expect(file).toBe(`constraints/${object.kind.toLowerCase()}-${object.metadata.name}.yaml`);
    }
  });

  it("lists every YAML file in kustomization.yaml, sorted", () => {
    for (const model of Object.values(GOLDEN_CASES)) {
      const files = render(model);
      const k = parse(text(files, "kustomization.yaml")) as { apiVersion: string; kind: string; resources: string[] };
      expect(k.apiVersion).toBe("kustomize.config.k8s.io/v1beta1");
      expect(k.kind).toBe("Kustomization");
      const yamls = [...files.keys()].filter((f) => f.endsWith(".yaml") && f !== "kustomization.yaml");
      expect(k.resources).toEqual(yamls.sort());
    }
  });

  it("ships only the templates its Constraints use", () => {
    expect([...render(CLASSES_ONLY).keys()].filter((k) => k.startsWith("templates/"))).toEqual(["templates/gwpcgatewayclassnamespaces.yaml"]);
    expect([...render(THREE_TIER).keys()].filter((k) => k.startsWith("templates/"))).toEqual([]);
  });

  it("writes sync/config.yaml only when a referential Constraint is generated", () => {
    expect(render(CLASSES_ONLY).has("sync/config.yaml")).toBe(false);
    expect(render(THREE_TIER).has("sync/config.yaml")).toBe(false);
    const config = parse(text(render(), "sync/config.yaml"));
    expect(config).toEqual({
      apiVersion: "config.gatekeeper.sh/v1alpha1",
      kind: "Config",
      metadata: { name: "config", namespace: "gatekeeper-system", labels: { "app.kubernetes.io/managed-by": "gwpc", "gwpc.dev/policy": "acme" } },
      spec: {
        sync: {
          syncOnly: [
            { group: "", version: "v1", kind: "Namespace" },
            { group: "gateway.networking.k8s.io", version: "v1beta1", kind: "ReferenceGrant" },
          ],
        },
      },
    });
  });

  it("embeds each policy's Rego verbatim as the template's rego", () => {
    for (const { object } of bundleObjects(render()).filter((o) => o.object.kind === "ConstraintTemplate")) {
      const entry = TEMPLATES.find((t) => t.kind === (object.spec as any).crd.spec.names.kind)!;
      const target = (object.spec as any).targets[0];
      expect(target.target).toBe("admission.k8s.gatekeeper.sh");
      expect(target.rego).toBe(normalizeBlockText(stubRego(entry.id)) + "\n");
    }
  });

  it("annotates referential templates with requires-sync-data in Gatekeeper's quoted-JSON format", () => {
    const annotations = Object.fromEntries(
      bundleObjects(render())
        .filter((o) => o.object.kind === "ConstraintTemplate")
        .map(({ object }) => [object.metadata.name, object.metadata.annotations?.["metadata.gatekeeper.sh/requires-sync-data"]]),
    );
    expect(annotations).toEqual({
      gwpccrossnamespacerefs: '"[[{"groups":["gateway.networking.k8s.io"],"versions":["v1","v1beta1"],"kinds":["ReferenceGrant"]}]]"',
      gwpcgatewayclassnamespaces: '"[[{"groups":[""],"versions":["v1"],"kinds":["Namespace"]}]]"',
      gwpcpersonawrites: undefined,
      gwpcreferencegrantrules: undefined,
      gwpcroutebinding: undefined,
    });
    // gator trims the quotes and reads JSON.
    expect(JSON.parse(annotations.gwpcgatewayclassnamespaces!.replace(/^"|"$/g, ""))).toEqual([[{ groups: [""], versions: ["v1"], kinds: ["Namespace"] }]]);
  });

  it("renders the same ConstraintTemplate text as policies/<id>/template.yaml", () => {
    const bundle = render();
    const policyTemplates = renderPolicyTemplates(stubPackageFiles());
    for (const t of TEMPLATES) expect(text(bundle, `templates/${t.kind.toLowerCase()}.yaml`)).toBe(policyTemplates.get(`policies/${t.id}/template.yaml`));
  });

  it("quotes user values safely (no HTML escaping, no YAML surprises)", () => {
    const tricky = policy("tricky", {
      exemptNamespaces: ["*", "yes"],
      gatewayClasses: {
        unlisted: "deny",
        rules: [{ className: `a"b: c & <d> #e 'f'`, namespaces: ["null", "1e3", "- x"], namespaceSelector: { matchLabels: { "k: v": "{x}", "on": "" } } }],
      },
    });
    const { object } = bundleObjects(render(tricky)).find((o) => o.object.kind === "GwpcGatewayClassNamespaces")!;
    expect((object.spec as any).match.excludedNamespaces).toEqual(["*", "yes"]);
    expect((object.spec as any).parameters.rules).toEqual(tricky.spec.gatewayClasses!.rules);
    expect(text(render(tricky), "README.md")).toContain("`a\"b: c & <d> #e 'f'`");
  });

  it("renders an empty but valid bundle for a policy without sections", () => {
    const files = render(EMPTY);
    expect([...files.keys()]).toEqual(["README.md", "kustomization.yaml"]);
    expect(parse(text(files, "kustomization.yaml")).resources).toEqual([]);
    expect(text(files, "README.md")).toContain("Nothing: the policy file enables no admission check.");
  });

  it("writes a README that names the source, every Constraint and every file", () => {
    const files = render(SPEC_EXAMPLE, "examples/policy.yaml");
    const readme = text(files, "README.md");
    expect(readme).toContain("from `examples/policy.yaml`");
    for (const key of files.keys()) expect(readme).toContain(`- \`${key}\``);
    for (const name of ["acme-gateway-classes", "acme-route-binding", "acme-reference-grants", "acme-cross-namespace-refs", "acme-personas"]) {
      expect(readme).toContain(`\`${name}\``);
    }
    expect(readme).toContain("The four-tier model");
    expect(readme).toContain("kubectl apply -k .");
    expect(readme).not.toMatch(/&[a-z#0-9]+;/);
  });

  it("fails with a GwpcError naming the missing Rego file", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "gwpc-pkg-"));
    try {
      fs.cpSync(path.join(packageRoot(), "templates"), path.join(root, "templates"), { recursive: true });
      let caught: unknown;
      try {
        renderBundle(CLASSES_ONLY, { packageFiles: packageFiles(root) });
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(GwpcError);
      const err = caught as GwpcError;
      expect(err.exitCode).toBe(2);
      const file = path.join(root, "policies", "gatewayclass-namespaces", "gatewayclass-namespaces.rego");
      expect(err.diagnostics[0]!.location?.file).toBe(file);
      expect(err.message).toContain(file);
      expect(err.message).toContain("does not exist");
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it("refuses Rego that cannot be embedded as a literal block", () => {
    const files = { ...stubPackageFiles(), rego: (_id: TemplateId) => "   \n" };
    expect(() => renderBundle(CLASSES_ONLY, { packageFiles: files })).toThrow(GwpcError);
  });
});
