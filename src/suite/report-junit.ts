import { formatDiagnostic } from "../diag/index.js";
import type { CaseResult, Outcome, VerifyReport } from "./model.js";

/**
 * `-o junit`: one <testsuite> per suite file, one <testcase> per case
 * (classname `suite/test`), or one per test when the test failed before its
 * cases ran; assertion failures are <failure>, unusable input <error>.
 * Problems outside any suite go in a last <testsuite name="gwpc">.
 */
export function formatJunit(report: VerifyReport): string {
  const suites: string[] = [];
  let totals = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  const emit = (name: string, cases: { classname: string; name: string; outcome: Outcome; message?: string; ms: number }[], ms: number) => {
    const n = { tests: cases.length, failures: 0, errors: 0, skipped: 0 };
    const body = cases.map((c) => {
      const head = `    <testcase classname="${esc(c.classname)}" name="${esc(c.name)}" time="${secs(c.ms)}"`;
      if (c.outcome === "pass") return `${head}/>`;
      if (c.outcome === "skip") {
        n.skipped++;
        return `${head}>\n      <skipped${c.message ? ` message="${esc(c.message)}"` : ""}/>\n    </testcase>`;
      }
      const tag = c.outcome === "fail" ? "failure" : "error";
      if (tag === "failure") n.failures++;
      else n.errors++;
      const msg = c.message ?? "";
      return `${head}>\n      <${tag} message="${esc(firstLine(msg))}" type="${c.outcome === "fail" ? "assertion" : "input"}">${esc(msg, false)}</${tag}>\n    </testcase>`;
    });
    totals = { tests: totals.tests + n.tests, failures: totals.failures + n.failures, errors: totals.errors + n.errors, skipped: totals.skipped + n.skipped };
    suites.push(
      `  <testsuite name="${esc(name)}" tests="${n.tests}" failures="${n.failures}" errors="${n.errors}" skipped="${n.skipped}" time="${secs(ms)}">\n` +
        body.map((b) => `${b}\n`).join("") +
        `  </testsuite>`,
    );
  };
  for (const s of report.suites) {
    const cases: Parameters<typeof emit>[1] = [];
    for (const t of s.tests) {
      if (t.message !== undefined || t.cases.length === 0) {
        cases.push({ classname: s.path, name: t.name, outcome: t.outcome, ms: t.durationMs, ...(t.message !== undefined ? { message: t.message } : {}) });
        continue;
      }
      for (const c of t.cases) cases.push(caseRow(`${s.path}/${t.name}`, c));
    }
    emit(s.path, cases, s.durationMs);
  }
  if (report.diagnostics.length > 0) {
    emit(
      "gwpc",
      report.diagnostics.map((d) => ({ classname: "gwpc", name: d.location?.file ?? d.code, outcome: "error" as const, message: formatDiagnostic(d), ms: 0 })),
      0,
    );
  }
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<testsuites name="gwpc verify" tests="${totals.tests}" failures="${totals.failures}" errors="${totals.errors}" skipped="${totals.skipped}" time="${secs(report.durationMs)}">\n` +
    suites.map((s) => `${s}\n`).join("") +
    `</testsuites>\n`
  );
}

function caseRow(classname: string, c: CaseResult) {
  return { classname, name: c.name, outcome: c.outcome, ms: c.durationMs, ...(c.message !== undefined ? { message: c.message } : {}) };
}

function secs(ms: number): string {
  return (ms / 1000).toFixed(3);
}

function firstLine(s: string): string {
  return s.split("\n")[0]!;
}

/** Escape for attributes and text; drop characters XML 1.0 cannot carry. */
function esc(s: string, attribute = true): string {
  const t = s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
  return attribute ? t.replace(/\n/g, "&#10;") : t;
}
