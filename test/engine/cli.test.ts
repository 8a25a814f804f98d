import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { evaluateEntrypoint, frontendAvailable, loadWasm, overrideFrontend } from "../../src/engine/index.js";
import { gwpc, writeTree } from "./cli-harness.js";
import { BROKEN_REGO, CONSTRAINT, DEMO_REGO, SUITE, cm, template } from "./fixtures.js";

const dirs: string[] = [];
function temp(files: Record<string, string> = {}): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "gwpc-engine-cli-"));
  dirs.push(d);
  writeTree(d, files);
  return d;
}
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** Run as if src/rego/compile.ts were absent. */
async function withoutFrontend<T>(fn: () => Promise<T>): Promise<T> {
  overrideFrontend(null);
  try {
    return await fn();
  } finally {
    overrideFrontend(undefined);
  }
}

const ALLOW = "package demo\n\nallow if input.user == \"alice\"\n";
const FE = frontendAvailable();

describe("gwpc build", () => {
  it("needs an entrypoint", async () => {
    const d = temp({ "p.rego": ALLOW });
    const r = await gwpc(["build", "p.rego"], d);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/at least one entrypoint is required/);
  });

  it("refuses an unknown target and a missing file (exit 2, no output file)", async () => {
    const d = temp({ "p.rego": ALLOW });
    expect((await gwpc(["build", "p.rego", "-e", "demo/allow", "-t", "rego"], d)).code).toBe(2);
    const r = await gwpc(["build", "nope.rego", "-e", "demo/allow"], d);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nope\.rego: no such file or directory/);
    expect(fs.existsSync(path.join(d, "policy.wasm"))).toBe(false);
  });

  it("says clearly when the front end is missing", async () => {
    const d = temp({ "p.rego": ALLOW });
    const r = await withoutFrontend(() => gwpc(["build", "p.rego", "-e", "demo/allow"], d));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Rego front end not available.*\[rego_unsupported_error\]/);
    expect(fs.existsSync(path.join(d, "policy.wasm"))).toBe(false);
  });

  it.runIf(FE)("writes a module the SDK loads and evaluates (entrypoint as a ref too)", async () => {
    const d = temp({ "p.rego": ALLOW });
    const r = await gwpc(["build", "p.rego", "-e", "data.demo.allow", "-o", "out.wasm"], d);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const policy = await loadWasm(new Uint8Array(fs.readFileSync(path.join(d, "out.wasm"))));
    expect(evaluateEntrypoint(policy, "demo/allow", { user: "alice" })).toEqual([true]);
    expect(evaluateEntrypoint(policy, "demo/allow", { user: "bob" })).toEqual([]);
    const plan = await gwpc(["build", "p.rego", "-e", "demo/allow", "-t", "plan"], d);
    expect(plan.code).toBe(0);
    expect(JSON.parse(plan.stdout).plans.plans[0].name).toBe("demo/allow");
  });

  it.runIf(FE)("a Rego error is file:line:col with OPA's code (exit 2)", async () => {
    const d = temp({ "p.rego": "package demo\n\nallow if {\n  x := \n}\n" });
    const r = await gwpc(["build", "p.rego", "-e", "demo/allow"], d);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/p\.rego:\d+:\d+: .*\[rego_parse_error\]/);
  });
});

describe("gwpc test", () => {
  const TESTS = 'package demo_test\n\ntest_ok if { 1 + 1 == 2 }\n\ntest_bad if { 1 + 1 == 3 }\n\ntodo_test_later if { false }\n\ntest_helper(x) := x\n';

  it("no test rules is an error (exit 2)", async () => {
    const d = temp({ "p.rego": ALLOW });
    const r = await gwpc(["test", "."], d);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no tests/);
  });

  it("a syntax error names file:line:col (exit 2)", async () => {
    const d = temp({ "x_test.rego": "package t\n\ntest_a if {\n" });
    const r = await gwpc(["test", "x_test.rego"], d);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/x_test\.rego:\d+:\d+: .*\[rego_parse_error\]/);
  });

  it("without the front end: a clear error (exit 2)", async () => {
    const d = temp({ "t_test.rego": TESTS });
    const r = await withoutFrontend(() => gwpc(["test", "."], d));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Rego front end not available/);
  });

  it.runIf(FE)("runs test_* rules: pass, fail, todo skipped; exit 1 on a failure", async () => {
    const d = temp({ "t_test.rego": TESTS });
    const r = await gwpc(["test", "."], d);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/data\.demo_test\.test_bad: FAIL/);
    expect(r.stdout).toMatch(/PASS: 1\/3\nFAIL: 1\/3\nSKIPPED: 1\/3/);
    const j = await gwpc(["test", ".", "-o", "json"], d);
    const items = JSON.parse(j.stdout).rego as { name: string; fail?: boolean; skip?: boolean }[];
    expect(items.map((i) => [i.name, i.fail === true, i.skip === true])).toEqual([
      ["test_ok", false, false],
      ["test_bad", true, false],
      ["todo_test_later", false, true],
    ]);
    expect((await gwpc(["test", ".", "--run", "test_ok"], d)).code).toBe(0);
  });
});

describe("gwpc verify", () => {
  it("a template whose Rego does not parse: an error at the template file's line:col, exit 2", async () => {
    const d = temp({ "suite.yaml": SUITE, "template.yaml": template(BROKEN_REGO), "constraint.yaml": CONSTRAINT, "bad.yaml": cm("a"), "good.yaml": cm("b", { owner: "me" }) });
    const r = await gwpc(["verify", "suite.yaml"], d);
    expect(r.code).toBe(2);
    // Rego line 4 is file line 16; the block scalar is indented by 8.
    expect(r.stdout).toMatch(/template\.yaml:16:1[0-9]: .*\[rego_parse_error\]/);
    expect(r.stdout).toMatch(/0 passed, 1 failed/);
  });

  it.runIf(FE)("a check error (unsafe var) is also placed in the template file", async () => {
    const unsafe = 'package k8sdemo\n\nviolation[{"msg": msg}] {\n  msg := undefined_var\n}\n';
    const d = temp({ "suite.yaml": SUITE, "template.yaml": template(unsafe), "constraint.yaml": CONSTRAINT, "bad.yaml": cm("a"), "good.yaml": cm("b") });
    const r = await gwpc(["verify", "suite.yaml"], d);
    expect(r.code).toBe(2);
    // `undefined_var` is Rego line 4 col 10: file line 16, col 18.
    expect(r.stdout).toMatch(/template\.yaml:16:18: .*\[rego_unsafe_var_error\]/);
  });

  it("refuses an unknown output format", async () => {
    expect((await gwpc(["verify", ".", "-o", "xml"], temp())).code).toBe(2);
  });

  it.runIf(FE)("runs a suite through the Wasm engine (human, json, junit)", async () => {
    const d = temp({ "suite.yaml": SUITE, "template.yaml": template(DEMO_REGO), "constraint.yaml": CONSTRAINT, "bad.yaml": cm("a"), "good.yaml": cm("b", { owner: "me" }) });
    const r = await gwpc(["verify", "."], d);
    expect(r.stdout).toMatch(/2 passed, 0 failed/);
    expect(r.code).toBe(0);
    expect(JSON.parse((await gwpc(["verify", ".", "-o", "json"], d)).stdout).counts.passed).toBe(2);
    expect((await gwpc(["verify", ".", "-o", "junit"], d)).stdout).toMatch(/^<\?xml/);
  });
});

describe("gwpc audit", () => {
  const bundle = { "out/templates/k8sdemo.yaml": template(DEMO_REGO), "out/constraints/k8sdemo.yaml": CONSTRAINT, "dump.yaml": `${cm("a")}---\n${cm("b", { owner: "me" })}` };

  it("a missing policy path is exit 2", async () => {
    const r = await gwpc(["audit", "nope/", "-f", "dump.yaml"], temp({ "dump.yaml": cm("a") }));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nope\/: no such file or directory/);
  });

  it("an empty bundle: every object reviewed, nothing found (json contract)", async () => {
    const d = temp({ "out/README.md": "x", "dump.yaml": cm("a") });
    const r = await gwpc(["audit", "out", "-f", "dump.yaml", "-o", "json"], d);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ results: [], summary: { objects: 1, violations: 0 } });
  });

  it("without the front end the template error is reported and the exit is 2", async () => {
    const r = await withoutFrontend(() => gwpc(["audit", "out", "-f", "dump.yaml"], temp(bundle)));
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/Rego front end not available/);
  });

  it.runIf(FE)("a policy file is rendered in memory; -f repeats", async () => {
    const repo = fileURLToPath(new URL("../..", import.meta.url));
    const r = await gwpc(["audit", "examples/policy.yaml", "-f", "policies/route-binding/samples", "-f", "policies/gatewayclass-namespaces/samples", "-o", "json"], repo);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j.summary.objects).toBeGreaterThan(10);
    expect(j.results.every((x: { violations: { enforcementAction: string }[] }) => x.violations.length > 0)).toBe(true);
  });

  it.runIf(FE)("finds the deny violation (exit 1) with the SPEC §4 JSON shape", async () => {
    const r = await gwpc(["audit", "out", "-f", "dump.yaml", "-o", "json"], temp(bundle));
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j.summary).toEqual({ objects: 2, violations: 1 });
    expect(j.results[0].object).toEqual({ apiVersion: "v1", kind: "ConfigMap", namespace: "default", name: "a" });
    expect(j.results[0].violations[0]).toEqual({ constraint: { kind: "K8sDemo", name: "must-have-owner" }, enforcementAction: "deny", message: "a has no owner label" });
  });
});
