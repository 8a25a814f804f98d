import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { FunctionEngine } from "../../src/gatekeeper/index.js";
import { verify, verifyExitCode, type VerifyReport } from "../../src/suite/index.js";
import { CONSTRAINT, labelsEngine, pod, TEMPLATE, writeTree } from "./helpers.js";

const suite = (tests: string) => `kind: Suite\napiVersion: test.gatekeeper.sh/v1alpha1\nmetadata:\n  name: demo\ntests:\n${tests}`;
const BASE = {
  "template.yaml": TEMPLATE,
  "constraint.yaml": CONSTRAINT,
  "allowed.yaml": pod("ok", { owner: "me", team: "t" }),
  "disallowed.yaml": pod("bad", { owner: "me" }),
  "none.yaml": pod("none"),
};

/** Outcome per case id, plus messages: the shape most assertions below want. */
function outcomes(r: VerifyReport): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of r.suites) {
    for (const t of s.tests) {
      if (t.message !== undefined) out[`${t.name}`] = `${t.outcome}: ${t.message}`;
      for (const c of t.cases) out[`${t.name}/${c.name}`] = c.message ? `${c.outcome}: ${c.message}` : c.outcome;
    }
  }
  return out;
}

describe("verify", () => {
  it("runs cases with yes/no/N and message assertions (YAML 1.2: yes and no are strings)", () => {
    const dir = writeTree({
      ...BASE,
      "suite.yaml": suite(`- name: labels
  template: template.yaml
  constraint: constraint.yaml
  cases:
  - name: allowed
    object: allowed.yaml
    assertions:
    - violations: no
  - name: one-missing
    object: disallowed.yaml
    assertions:
    - violations: yes
    - violations: 1
      message: "label: team"
    - message: "label: owner"
      violations: no
  - name: two-missing
    object: none.yaml
    assertions:
    - violations: 2
    - message: provide
`),
    });
    const engine = labelsEngine();
    const r = verify([dir], { engine });
    expect(outcomes(r)).toEqual({ "labels/allowed": "pass", "labels/one-missing": "pass", "labels/two-missing": "pass" });
    expect(r.counts).toEqual({ passed: 3, failed: 0, errors: 0, skipped: 0 });
    expect(verifyExitCode(r)).toBe(0);
    expect(r.suites[0]!.tests[0]!.cases[1]!.violations).toEqual([
      { constraint: { kind: "K8sRequiredLabels", name: "must-have-owner" }, enforcementAction: "deny", enforcementActions: ["deny"], message: "you must provide label: team", details: { missing: "team" } },
    ]);
    expect(engine.inputs[0].parameters).toEqual({ labels: ["owner", "team"] });
  });

  it("fails a case whose assertion does not hold, explaining which", () => {
    const dir = writeTree({
      ...BASE,
      "suite.yaml": suite(`- name: labels
  template: template.yaml
  constraint: constraint.yaml
  cases:
  - name: wrong
    object: allowed.yaml
    assertions:
    - violations: yes
`),
    });
    const r = verify([dir], { engine: labelsEngine() });
    expect(outcomes(r)).toEqual({ "labels/wrong": 'fail: assertion 1 (violations: "yes"): got 0 violations but want at least 1: got messages []' });
    expect(verifyExitCode(r)).toBe(1);
  });

  it("reports each kind of bad input as an error naming the file, and still runs the rest", () => {
    const dir = writeTree({
      ...BASE,
      "two.yaml": pod("a") + "---\n" + pod("b"),
      "broken.yaml": "apiVersion: v1\nkind: Pod\nmetadata: {name: [x\n",
      "bad-template.yaml": TEMPLATE.replace(/K8sRequiredLabels/g, "K8sBroken").replace("k8srequiredlabels", "k8sbroken"),
      "bad-constraint.yaml": CONSTRAINT.replace("K8sRequiredLabels", "K8sBroken"),
      "suite.yaml": suite(`- name: labels
  template: template.yaml
  constraint: constraint.yaml
  cases:
  - name: good
    object: allowed.yaml
    assertions: [{violations: no}]
  - name: missing-file
    object: nope.yaml
    assertions: [{violations: no}]
  - name: two-objects
    object: two.yaml
    assertions: [{violations: no}]
  - name: negative
    object: allowed.yaml
    assertions: [{violations: -1}]
  - name: malformed
    object: broken.yaml
    assertions: [{violations: no}]
  - name: no-assertions
    object: allowed.yaml
  - name: no-object
    assertions: [{violations: no}]
- name: does-not-compile
  template: bad-template.yaml
  constraint: bad-constraint.yaml
  cases:
  - name: never-runs
    object: allowed.yaml
    assertions: [{violations: no}]
- name: missing-template
  template: missing.yaml
  constraint: constraint.yaml
  cases:
  - name: never-runs
    object: allowed.yaml
    assertions: [{violations: no}]
`),
    });
    const engine = labelsEngine().failCompile("K8sBroken", "unexpected ident token", 2);
    const shown = dir;
    const r = verify([dir], { engine });
    expect(outcomes(r)).toEqual({
      "labels/good": "pass",
      "labels/missing-file": `error: ${shown}/nope.yaml: no such file`,
      "labels/two-objects": `error: ${shown}/two.yaml: defines 2 objects; an object file must hold exactly one object (or one AdmissionReview)`,
      "labels/negative": 'error: assertion 1 (violations: -1): assertion.violations, if set, must be a nonnegative integer, "yes", or "no"',
      "labels/malformed": expect.stringMatching(new RegExp(`^error: ${shown}/broken.yaml:\\d+:\\d+: malformed YAML in document 1: `)),
      "labels/no-assertions": "error: invalid case: assertions must be non-empty",
      "labels/no-object": "error: invalid case: must define object",
      "does-not-compile": `error: ${shown}/bad-template.yaml:22:1: unexpected ident token [rego_parse_error]`,
      "missing-template": `error: ${shown}/missing.yaml: no such file`,
    });
    expect(r.counts).toEqual({ passed: 1, failed: 0, errors: 8, skipped: 0 });
    expect(verifyExitCode(r)).toBe(2);
  });

  it("compiles each template once per run and gives every case a fresh inventory", () => {
    const dir = writeTree({
      ...BASE,
      "ns.yaml": "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: default\n  labels: {team: a}\n",
      "suite.yaml": suite(`- name: first
  template: template.yaml
  constraint: constraint.yaml
  cases:
  - name: with-inventory
    object: allowed.yaml
    inventory: [ns.yaml]
    assertions: [{violations: no}]
  - name: without
    object: allowed.yaml
    assertions: [{violations: no}]
- name: second
  template: template.yaml
  constraint: constraint.yaml
  cases:
  - name: again
    object: allowed.yaml
    assertions: [{violations: no}]
`),
    });
    const engine = labelsEngine();
    const r = verify([dir], { engine });
    expect(r.counts.passed).toBe(3);
    expect(engine.compiled).toEqual(["K8sRequiredLabels"]);
    expect(engine.inputs[0].review.namespaceObject).toMatchObject({ kind: "Namespace", metadata: { name: "default" } });
    expect(engine.inputs[1].review.namespaceObject).toBeNull();
  });

  it("autorejects a namespaceSelector constraint when the case's inventory lacks the Namespace", () => {
    const dir = writeTree({
      ...BASE,
      "constraint.yaml": CONSTRAINT.replace("  match:\n", "  match:\n    namespaceSelector: {matchLabels: {team: a}}\n"),
      "ns.yaml": "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: default\n  labels: {team: a}\n",
      "suite.yaml": suite(`- name: t
  template: template.yaml
  constraint: constraint.yaml
  cases:
  - name: namespace-known
    object: allowed.yaml
    inventory: [ns.yaml]
    assertions: [{violations: no}]
  - name: namespace-missing
    object: allowed.yaml
    assertions: [{violations: 1, message: "missing Namespace"}]
`),
    });
    expect(outcomes(verify([dir], { engine: labelsEngine() }))).toEqual({ "t/namespace-known": "pass", "t/namespace-missing": "pass" });
  });

  it("reviews an AdmissionReview object file (operation, userInfo, oldObject)", () => {
    const dir = writeTree({
      ...BASE,
      "update.yaml": `kind: AdmissionReview
apiVersion: admission.k8s.io/v1beta1
request:
  operation: "UPDATE"
  userInfo: {username: alice}
  object: {apiVersion: v1, kind: Pod, metadata: {name: p, labels: {owner: a, team: b}}}
  oldObject: {apiVersion: v1, kind: Pod, metadata: {name: p}}
`,
      "suite.yaml": suite(`- name: t
  template: template.yaml
  constraint: constraint.yaml
  cases:
  - name: update
    object: update.yaml
    assertions: [{violations: no}]
`),
    });
    const engine = labelsEngine();
    expect(outcomes(verify([dir], { engine }))).toEqual({ "t/update": "pass" });
    expect(engine.inputs[0].review).toMatchObject({ operation: "UPDATE", userInfo: { username: "alice" }, oldObject: { metadata: { name: "p" } } });
  });

  it("skips suites, tests and cases marked skip, and applies --run", () => {
    const cases = `  cases:
  - name: a
    object: allowed.yaml
    assertions: [{violations: no}]
  - name: b
    object: allowed.yaml
    skip: true
    assertions: [{violations: no}]
`;
    const dir = writeTree({
      ...BASE,
      "suite.yaml": suite(`- name: one\n  template: template.yaml\n  constraint: constraint.yaml\n${cases}- name: two\n  skip: true\n  template: template.yaml\n  constraint: constraint.yaml\n${cases}`),
      "sub/skipped.yaml": "kind: Suite\napiVersion: test.gatekeeper.sh/v1alpha1\nskip: true\ntests:\n- name: x\n  cases: [{name: c}]\n",
    });
    const r = verify([`${dir}/...`], { engine: labelsEngine() });
    expect(outcomes(r)).toEqual({ "one/a": "pass", "one/b": "skip", "two/a": "skip", "two/b": "skip", "x/c": "skip" });
    expect(outcomes(verify([dir], { engine: labelsEngine(), run: "one//^b$" }))).toEqual({ "one/a": "skip", "one/b": "skip", "two/a": "skip", "two/b": "skip" });
    expect(outcomes(verify([dir], { engine: labelsEngine(), run: "//a" }))["one/a"]).toBe("pass");
  });

  it("checks invalid: true constraints against the template's parameter schema", () => {
    const dir = writeTree({
      ...BASE,
      "invalid.yaml": CONSTRAINT.replace('labels: ["owner", "team"]', "labels: 7"),
      "suite.yaml": suite(`- name: expected-invalid
  template: template.yaml
  constraint: invalid.yaml
  invalid: true
- name: wrongly-invalid
  template: template.yaml
  constraint: constraint.yaml
  invalid: true
- name: schema-mismatch
  template: template.yaml
  constraint: invalid.yaml
  cases: [{name: c, object: allowed.yaml, assertions: [{violations: no}]}]
`),
    });
    const o = outcomes(verify([dir], { engine: labelsEngine() }));
    expect(o["expected-invalid"]).toBeUndefined();
    expect(o["wrongly-invalid"]).toMatch(/^fail: .*should be invalid/);
    expect(o["schema-mismatch"]).toMatch(/^error: .*invalid.yaml: spec.parameters do not match the template's schema: spec.parameters.labels must be array/);
  });

  it("reports a malformed suite file and a missing path as diagnostics beside the suites that ran", () => {
    const dir = writeTree({
      ...BASE,
      "a/suite.yaml": suite(`- name: t\n  template: ../template.yaml\n  constraint: ../constraint.yaml\n  cases: [{name: c, object: ../allowed.yaml, assertions: [{violations: no}]}]\n`),
      "b/suite.yaml": "kind: Suite\napiVersion: test.gatekeeper.sh/v1alpha1\ntests: [\n",
    });
    const r = verify([`${dir}/...`, path.join(dir, "missing")], { engine: labelsEngine() });
    expect(r.suites.map((s) => s.outcome)).toEqual(["pass"]);
    expect(r.diagnostics.map((d) => [d.code, d.location!.file])).toEqual([
      ["gwpc_yaml", `${dir}/b/suite.yaml`],
      ["gwpc_missing_file", path.join(dir, "missing")],
    ]);
    expect(verifyExitCode(r)).toBe(2);
  });

  it("says so when no suite is found, and rejects a bad --run", () => {
    const dir = writeTree({ "x.yaml": "a: 1\n" });
    expect(verify([dir], { engine: new FunctionEngine() }).diagnostics[0]!.code).toBe("gwpc_no_suites");
    expect(() => verify([dir], { engine: new FunctionEngine(), run: "a//b//c" })).toThrow(/at most one/);
    fs.rmSync(dir, { recursive: true });
  });
});
