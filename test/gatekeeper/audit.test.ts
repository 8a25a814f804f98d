import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  auditExitCode,
  auditJson,
  auditObjects,
  formatAuditHuman,
  loadBundleDir,
  FunctionEngine,
  policyFromObjects,
  readClusterDump,
  readObjectsText,
  type K8sObject,
} from "../../src/gatekeeper/index.js";
import { constraintObject, templateObject } from "./fixtures.js";

/** Unique Service selectors: reads data.inventory, so the objects must double as the inventory. */
const engine = new FunctionEngine()
  .register("K8sUniqueSelector", (input, data) => {
    const obj = input.review.object;
    if (obj.kind !== "Service") return [];
    const others = Object.values(data.inventory.namespace).flatMap((ns: any) => Object.values(ns?.v1?.Service ?? {})) as K8sObject[];
    const same = others.filter((o: any) => o.metadata.name !== obj.metadata.name && JSON.stringify(o.spec?.selector) === JSON.stringify(obj.spec?.selector));
    return same.map((o: any) => ({ msg: `same selector as service ${o.metadata.name}` }));
  })
  .register("K8sNoUpdate", (input) => (input.review.operation === "UPDATE" ? [{ msg: `update by ${input.review.userInfo.username}` }] : []));

const policy = policyFromObjects(
  [
    templateObject("K8sUniqueSelector"),
    templateObject("K8sNoUpdate"),
    constraintObject("K8sUniqueSelector", "unique", { match: { kinds: [{ apiGroups: [""], kinds: ["Service"] }] } }),
    constraintObject("K8sNoUpdate", "no-update", { enforcementAction: "warn" }),
  ].map((object, i) => ({ object, file: "policy.yaml", index: i + 1, line: 1 })),
).policy;

const svc = (name: string, ns: string, app: string) => ({ apiVersion: "v1", kind: "Service", metadata: { name, namespace: ns }, spec: { selector: { app } } });

describe("auditObjects", () => {
  it("reviews every object against every matching constraint, objects doubling as inventory", () => {
    const report = auditObjects([svc("a", "n", "x"), svc("b", "n", "x"), svc("c", "n", "y")], policy, engine);
    expect(auditJson(report)).toEqual({
      results: [
        { object: { apiVersion: "v1", kind: "Service", namespace: "n", name: "a" }, violations: [{ constraint: { kind: "K8sUniqueSelector", name: "unique" }, enforcementAction: "deny", message: "same selector as service b" }] },
        { object: { apiVersion: "v1", kind: "Service", namespace: "n", name: "b" }, violations: [{ constraint: { kind: "K8sUniqueSelector", name: "unique" }, enforcementAction: "deny", message: "same selector as service a" }] },
      ],
      summary: { objects: 3, violations: 2 },
    });
    expect(auditExitCode(report)).toBe(1);
  });
  it("accepts AdmissionReviews (operation, userInfo) and exits 0 without deny violations", () => {
    const review = {
      apiVersion: "admission.k8s.io/v1",
      kind: "AdmissionReview",
      request: { operation: "UPDATE", userInfo: { username: "bob" }, object: svc("a", "n", "x"), oldObject: svc("a", "n", "z") },
    };
    const report = auditObjects([review], policy, engine);
    expect(auditJson(report).results).toEqual([
      { object: { apiVersion: "v1", kind: "Service", namespace: "n", name: "a" }, violations: [{ constraint: { kind: "K8sNoUpdate", name: "no-update" }, enforcementAction: "warn", message: "update by bob" }] },
    ]);
    expect(auditExitCode(report)).toBe(0);
  });
  it("reports a constraint without template, a template that does not compile, and a bad AdmissionReview as diagnostics, auditing the rest", () => {
    const broken = new FunctionEngine().register("K8sNoUpdate", () => [{ msg: "x" }]).failCompile("K8sUniqueSelector", "rego_parse_error: unexpected }", 3);
    const p = { templates: policy.templates, constraints: [...policy.constraints, ...policyFromObjects([{ object: constraintObject("K8sMissing", "m"), file: "c.yaml", index: 1, line: 1 }]).policy.constraints] };
    const bad = { object: { apiVersion: "admission.k8s.io/v1", kind: "AdmissionReview", request: { operation: "CREATE" } }, file: "dump.yaml", index: 2, line: 7 };
    const report = auditObjects([{ object: svc("a", "n", "x"), file: "dump.yaml", index: 1, line: 1 }, bad], p, broken);
    expect(report.diagnostics.map((d) => `${d.location?.file ?? ""}:${d.location?.line ?? ""}: ${d.message}`)).toEqual([
      ":: constraint K8sMissing m has no ConstraintTemplate defining kind K8sMissing",
      "policy.yaml:3: rego_parse_error: unexpected }",
      'dump.yaml:7: document 2: invalid AdmissionReview: the request has neither "object" nor "oldObject" to review',
    ]);
    expect(report.objects).toBe(1);
    expect(report.results[0]!.source).toEqual({ file: "dump.yaml", index: 1 });
    expect(auditExitCode(report)).toBe(2);
  });
});

describe("cluster dumps", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gwpc-dump-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("reads multi-document YAML and expands kind: List", () => {
    const text = "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\n# only a comment\n---\napiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: Pod, metadata: {name: p, namespace: a}}\n- {apiVersion: v1, kind: Pod, metadata: {name: q, namespace: a}}\n";
    const r = readObjectsText(text, "dump.yaml");
    expect(r.diagnostics).toEqual([]);
    expect(r.objects.map((o) => [o.object["kind"], o.index, o.line])).toEqual([["Namespace", 1, 1], ["Pod", 3, 7], ["Pod", 3, 7]]);
  });
  it("names the file, document and line of a malformed document and keeps the others", () => {
    const text = "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: [unclosed\n---\n- just a list\n---\nkind: Pod\n";
    const r = readObjectsText(text, "dump.yaml");
    expect(r.objects).toHaveLength(1);
    expect(r.diagnostics.map((d) => `${d.location!.file}:${d.location!.line}: ${d.message}`)).toEqual([
      expect.stringMatching(/^dump.yaml:[78]: malformed YAML in document 2: /),
      "dump.yaml:9: document 3 is not a Kubernetes object (a YAML mapping)",
      "dump.yaml:11: document 4: missing apiVersion",
    ]);
  });
  it("reads folders (sorted, recursive), files and stdin; a missing path is a diagnostic", () => {
    fs.mkdirSync(path.join(dir, "sub"));
    fs.writeFileSync(path.join(dir, "b.yaml"), "apiVersion: v1\nkind: Pod\nmetadata: {name: b}\n");
    fs.writeFileSync(path.join(dir, "sub", "a.json"), '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "a"}}');
    fs.writeFileSync(path.join(dir, "notes.txt"), "ignored");
    const r = readClusterDump([dir, "-", path.join(dir, "nope.yaml")], { stdinText: "apiVersion: v1\nkind: Pod\nmetadata: {name: s}\n" });
    expect(r.objects.map((o) => (o.object["metadata"] as K8sObject)["name"])).toEqual(["b", "a", "s"]);
    expect(r.objects[2]!.file).toBe("<stdin>");
    expect(r.diagnostics.map((d) => [d.code, d.location!.file])).toEqual([["gwpc_missing_file", path.join(dir, "nope.yaml")]]);
  });
});

describe("formatAuditHuman", () => {
  it("lists violations per object and sums them up", () => {
    const report = auditObjects([svc("a", "n", "x"), svc("b", "n", "x")], policy, engine);
    expect(formatAuditHuman(report, { color: false })).toBe(
      [
        "v1 Service n/a",
        "  [deny] K8sUniqueSelector/unique: same selector as service b",
        "v1 Service n/b",
        "  [deny] K8sUniqueSelector/unique: same selector as service a",
        "2 objects, 2 violations (2 deny)",
        "",
      ].join("\n"),
    );
  });
});

describe("loadBundleDir", () => {
  it("reads templates and constraints from a bundle's YAML files and names the file of an invalid one", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gwpc-bundle-"));
    fs.mkdirSync(path.join(dir, "templates"));
    fs.mkdirSync(path.join(dir, "constraints"));
    fs.writeFileSync(path.join(dir, "kustomization.yaml"), "resources: []\n");
    fs.writeFileSync(path.join(dir, "templates", "k8snoupdate.yaml"), JSON.stringify(templateObject("K8sNoUpdate")));
    fs.writeFileSync(path.join(dir, "constraints", "ok.yaml"), JSON.stringify(constraintObject("K8sNoUpdate", "ok")));
    fs.writeFileSync(path.join(dir, "constraints", "bad.yaml"), JSON.stringify(constraintObject("K8sNoUpdate", "bad", { enforcementAction: "block" })));
    const r = loadBundleDir(dir, "out");
    expect(r.policy.templates.map((t) => t.kind)).toEqual(["K8sNoUpdate"]);
    expect(r.policy.constraints.map((c) => c.name)).toEqual(["ok"]);
    expect(r.diagnostics.map((d) => d.location!.file)).toEqual(["out/constraints/bad.yaml"]);
    fs.rmSync(dir, { recursive: true });
  });
});
