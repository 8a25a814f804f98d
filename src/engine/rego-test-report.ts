import { formatDiagnostic } from "../diag/index.js";
import type { SuiteResult, TestResult } from "../suite/model.js";
import type { RegoTestReport, RegoTestResult } from "./rego-test.js";

const RULE = "-".repeat(80);
const LABEL = { pass: "PASS", fail: "FAIL", error: "ERROR", skip: "SKIPPED" } as const;

/**
 * `opa test`'s text: failures first (FAILURES), then, when something failed
 * or `verbose`, every test grouped by file (SUMMARY), then the counts
 * (`PASS: n/m`, and FAIL / SKIPPED / ERROR when non-zero).
 */
export function formatRegoTestHuman(report: RegoTestReport, opts: { verbose?: boolean; color?: boolean; durations?: boolean } = {}): string {
  const out: string[] = [];
  for (const d of report.diagnostics) out.push(formatDiagnostic(d));
  if (report.diagnostics.length > 0) return out.join("\n") + "\n";
  const paint = (code: string, s: string) => (opts.color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const colorOf = { pass: "32", fail: "31", error: "31", skip: "33" } as const;
  const line = (r: RegoTestResult) =>
    `${r.package}.${r.name}: ${paint(colorOf[r.outcome], LABEL[r.outcome])}${r.outcome === "skip" || opts.durations === false ? "" : ` (${duration(r.durationMs)})`}`;
  const rs = report.results;
  const bad = rs.filter((r) => r.outcome === "fail" || r.outcome === "error");
  if (bad.length > 0) {
    out.push("FAILURES", RULE);
    for (const r of bad) {
      out.push(line(r));
      if (r.message) out.push("", `  ${r.message}`);
      out.push("");
    }
  }
  if (bad.length > 0 || opts.verbose) {
    if (bad.length > 0) out.push("SUMMARY", RULE);
    let file: string | undefined;
    for (const r of rs) {
      if (r.file !== file) {
        if (file !== undefined) out.push("");
        file = r.file;
        out.push(`${file}:`);
      }
      out.push(line(r));
    }
  }
  if (rs.length === 0) {
    out.push("no tests found (rules named test_*)");
    return out.join("\n") + "\n";
  }
  out.push(RULE);
  const n = (o: RegoTestResult["outcome"]) => rs.filter((r) => r.outcome === o).length;
  out.push(`${paint(colorOf.pass, "PASS")}: ${n("pass")}/${rs.length}`);
  if (n("fail") > 0) out.push(`${paint(colorOf.fail, "FAIL")}: ${n("fail")}/${rs.length}`);
  if (n("skip") > 0) out.push(`${paint(colorOf.skip, "SKIPPED")}: ${n("skip")}/${rs.length}`);
  if (n("error") > 0) out.push(`${paint(colorOf.error, "ERROR")}: ${n("error")}/${rs.length}`);
  return out.join("\n") + "\n";
}

/** `opa test --format json`: one object per test; `duration` in nanoseconds. */
export function formatRegoTestJson(report: RegoTestReport): string {
  return JSON.stringify(regoTestJsonValue(report), null, 2) + "\n";
}

/** The value `formatRegoTestJson` prints: the list of tests, or `{errors}` when nothing ran. */
export function regoTestJsonValue(report: RegoTestReport): unknown {
  if (report.diagnostics.length > 0) return { errors: report.diagnostics };
  return report.results.map((r) => {
    const o: Record<string, unknown> = { location: { file: r.file, row: r.row, col: r.col }, package: r.package, name: r.name };
    if (r.outcome === "fail") o["fail"] = true;
    if (r.outcome === "error") o["error"] = { message: r.message ?? "" };
    if (r.outcome === "skip") o["skip"] = true;
    o["duration"] = Math.round(r.durationMs * 1e6);
    return o;
  });
}

/**
 * The Rego tests in the suite results model, for the JUnit reporter: one
 * "suite" per package (path `data.pkg`, in order of first appearance), one
 * test without cases per rule, so each becomes a <testcase classname="data.pkg">.
 */
export function regoTestSuites(report: RegoTestReport): SuiteResult[] {
  const byPackage = new Map<string, SuiteResult>();
  for (const r of report.results) {
    let s = byPackage.get(r.package);
    if (!s) {
      s = { path: r.package, file: r.file, name: r.package, outcome: "pass", durationMs: 0, tests: [] };
      byPackage.set(r.package, s);
    }
    const t: TestResult = { name: r.name, outcome: r.outcome, durationMs: r.durationMs, cases: [] };
    if (r.outcome === "fail") t.message = `${r.package}.${r.name}: undefined or not true (${r.file}:${r.row})`;
    else if (r.outcome === "error") t.message = r.message ?? "evaluation error";
    else if (r.outcome === "skip") t.message = "todo";
    s.tests.push(t);
    s.durationMs += r.durationMs;
  }
  for (const s of byPackage.values()) {
    const os = s.tests.map((t) => t.outcome);
    s.outcome = os.includes("error") ? "error" : os.includes("fail") ? "fail" : os.every((o) => o === "skip") ? "skip" : "pass";
  }
  return [...byPackage.values()];
}

function duration(ms: number): string {
  if (ms < 1) return `${(ms * 1000).toFixed(1)}µs`;
  if (ms < 1000) return `${ms.toFixed(2)}ms`;
  return `${(ms / 1000).toFixed(2)}s`;
}
