import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { FunctionEngine } from "../../src/gatekeeper/index.js";
import { discoverSuites, FixtureLoader, verify } from "../../src/suite/index.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const general = path.resolve(repoRoot, "../shared/gatekeeper-library/library/general");

/**
 * gatekeeper-library's suites load without evaluation: every referenced file
 * resolves and parses, object files hold one object or an AdmissionReview,
 * constraints fit their templates, and each template's Rego is found.
 */
describe("gatekeeper-library suites (load only)", () => {
  if (!fs.existsSync(general)) {
    it(`skipped: ${general} is absent (the shared checkout is not next to this repository)`, () => {
      expect(fs.existsSync(general)).toBe(false);
    });
    return;
  }
  const loader = new FixtureLoader();
  const report = verify([`${general}/...`], { engine: new FunctionEngine(), loadOnly: true, loader });

  it("finds the 30 suites with no problem outside them", () => {
    expect(report.diagnostics).toEqual([]);
    expect(report.suites).toHaveLength(30);
  });
  it("loads every test and case: nothing failed or errored", () => {
    const problems = report.suites.flatMap((s) =>
      s.tests.flatMap((t) => [
        ...(t.message ? [`${s.path}/${t.name}: ${t.message}`] : []),
        ...t.cases.filter((c) => c.outcome !== "skip" || c.message !== "loaded only").map((c) => `${s.path}/${t.name}/${c.name}: ${c.outcome} ${c.message ?? ""}`),
      ]),
    );
    expect(problems).toEqual([]);
    expect(report.counts.errors + report.counts.failed).toBe(0);
    expect(report.counts.skipped).toBeGreaterThan(100);
  });
  it("extracts each template's info: kind, Rego (v0), libs", () => {
    const { suites } = discoverSuites([`${general}/...`]);
    const templates = new Map<string, { kind: string; rego: boolean; libs: number; cel: boolean }>();
    for (const s of suites) {
      for (const t of s.tests) {
        const abs = path.resolve(path.dirname(s.file), t.template);
        const info = loader.template(abs, abs);
        templates.set(info.name, { kind: info.kind, rego: info.rego !== undefined && info.rego.includes("violation"), libs: info.libs.length, cel: info.hasCel });
        expect(info.regoVersion).toBe("v0");
        expect(info.kind.toLowerCase()).toBe(info.name);
      }
    }
    expect(templates.size).toBe(30);
    expect([...templates.values()].every((t) => t.rego)).toBe(true);
    expect(templates.get("k8srequiredlabels")).toEqual({ kind: "K8sRequiredLabels", rego: true, libs: 0, cel: true });
    expect(templates.get("k8sdisallowedtags")!.libs).toBe(1);
  });
  it("reads every assertion as yes, no or a non-negative integer", () => {
    const { suites } = discoverSuites([`${general}/...`]);
    const values = new Set(suites.flatMap((s) => s.tests.flatMap((t) => t.cases.flatMap((c) => c.assertions.map((a) => a.violations)))));
    for (const v of values) expect(v === "yes" || v === "no" || (typeof v === "number" && Number.isInteger(v) && v >= 0)).toBe(true);
    expect(values.has("yes") && values.has("no")).toBe(true);
  });
});
