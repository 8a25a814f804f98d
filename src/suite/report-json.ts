import type { VerifyReport } from "./model.js";

/** `-o json`: the whole results model, suites -> tests -> cases, with the violations each case produced. */
export function formatJson(report: VerifyReport): string {
  return JSON.stringify(
    {
      suites: report.suites,
      diagnostics: report.diagnostics,
      counts: report.counts,
      durationMs: Math.round(report.durationMs * 1000) / 1000,
    },
    null,
    2,
  ) + "\n";
}
