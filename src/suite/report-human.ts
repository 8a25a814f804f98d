import { formatDiagnostic } from "../diag/index.js";
import type { Counts, TestResult, VerifyReport } from "./model.js";

export interface HumanOptions {
  /** ANSI colours: only when a terminal reads the output. */
  color: boolean;
  /** Also list skipped cases. */
  verbose?: boolean;
  /** Print timings (off in golden tests). Default true. */
  durations?: boolean;
}

const COLORS = { green: "\u001b[32m", red: "\u001b[31m", yellow: "\u001b[33m", bold: "\u001b[1m", reset: "\u001b[0m" };

/** The plain closing line CI reads, shared with the test runner: `N passed, N failed, N skipped` (errors count as failed). */
export function closingLine(c: Counts): string {
  return `${c.passed} passed, ${c.failed + c.errors} failed, ${c.skipped} skipped`;
}

/**
 * go-test-like text: `ok  suite/test/case` per passing case, `--- FAIL:` with
 * the failing assertion explained (`--- ERROR:` for unusable input), then
 * PASS/FAIL and the closing line.
 */
export function formatHuman(report: VerifyReport, opts: HumanOptions): string {
  const paint = (color: keyof typeof COLORS, s: string) => (opts.color ? `${COLORS[color]}${s}${COLORS.reset}` : s);
  const time = (ms: number) => (opts.durations === false ? "" : ` (${formatMs(ms)})`);
  const out: string[] = [];
  const block = (label: string, color: keyof typeof COLORS, id: string, ms: number, message?: string) => {
    out.push(`${paint(color, label)} ${id}${time(ms)}`);
    if (message) for (const line of message.split("\n")) out.push(`    ${line}`);
  };
  for (const d of report.diagnostics) block("--- ERROR:", "red", d.location?.file ?? "gwpc", 0, formatDiagnostic(d));
  for (const s of report.suites) {
    if (s.outcome === "skip" && s.tests.every((t) => t.outcome === "skip") && !opts.verbose) continue;
    for (const t of s.tests) printTest(s.path, t);
  }
  function printTest(suitePath: string, t: TestResult) {
    const tid = `${suitePath}/${t.name}`;
    if (t.message !== undefined || t.cases.length === 0) {
      if (t.outcome === "pass") block("ok  ", "green", tid, t.durationMs);
      else if (t.outcome === "fail") block("--- FAIL:", "red", tid, t.durationMs, t.message);
      else if (t.outcome === "error") block("--- ERROR:", "red", tid, t.durationMs, t.message);
      else if (opts.verbose) block("--- SKIP:", "yellow", tid, 0);
      return;
    }
    for (const c of t.cases) {
      const id = `${tid}/${c.name}`;
      if (c.outcome === "pass") block("ok  ", "green", id, c.durationMs);
      else if (c.outcome === "fail") block("--- FAIL:", "red", id, c.durationMs, c.message);
      else if (c.outcome === "error") block("--- ERROR:", "red", id, c.durationMs, c.message);
      else if (opts.verbose) block("--- SKIP:", "yellow", id, 0, c.message);
    }
  }
  const c = report.counts;
  const bad = c.failed + c.errors > 0;
  const suites = report.suites.length;
  out.push(
    `${bad ? paint("red", "FAIL") : paint("green", "PASS")}  ${suites} suite${suites === 1 ? "" : "s"}` +
      (c.errors > 0 ? `, ${c.errors} error${c.errors === 1 ? "" : "s"} in the input` : "") +
      time(report.durationMs),
  );
  out.push(closingLine(c));
  return out.join("\n") + "\n";
}

function formatMs(ms: number): string {
  if (ms < 1) return `${ms.toFixed(2)}ms`;
  if (ms < 1000) return `${ms.toFixed(1)}ms`;
  return `${(ms / 1000).toFixed(2)}s`;
}
