/** Tallies and text for the conformance run: the per-topic table, the summary lines, the verdict. */
import type { ConformanceCase } from "./conformance-cases.js";
import type { Status, Verdict } from "./conformance-classify.js";

export interface CaseResult {
  file: string;
  topic: string;
  note: string;
  status: Status;
  reason?: string;
  /** The reason recorded in exceptions.yaml, when the case is a known failure. */
  exception?: string;
}

export interface Summary {
  cases: number;
  passed: number;
  wrong: number;
  wrongError: number;
  unsupported: number;
  /** wrong + wrong-errors not in exceptions + (floor - passed when below the floor). */
  failed: number;
  floor: number;
  belowFloor: boolean;
  /** Exceptions none of whose cases is a wrong-error any more (they pass, or are unsupported): to be removed. */
  staleExceptions: string[];
}

export function caseResult(c: ConformanceCase, v: Verdict, exceptions: Map<string, string>): CaseResult {
  const r: CaseResult = { file: c.file, topic: c.topic, note: c.note, status: v.status };
  if (v.reason !== undefined) r.reason = v.reason;
  const ex = exceptions.get(c.note);
  if (ex !== undefined && (v.status === "wrong-error" || v.status === "wrong")) r.exception = ex;
  return r;
}

export function summarize(results: CaseResult[], floor: number, exceptions: Map<string, string>): Summary {
  const n = (s: Status) => results.filter((r) => r.status === s).length;
  const passed = n("pass");
  const wrong = n("wrong");
  const unexcused = results.filter((r) => r.status === "wrong-error" && r.exception === undefined).length;
  const belowFloor = passed < floor;
  // An exception is needed only while one of its cases is a wrong-error.
  const excusable = new Set(results.filter((r) => r.status === "wrong-error").map((r) => r.note));
  const present = new Set(results.map((r) => r.note));
  const staleExceptions = [...exceptions.keys()].filter((k) => present.has(k) && !excusable.has(k));
  return {
    cases: results.length,
    passed,
    wrong,
    wrongError: n("wrong-error"),
    unsupported: n("unsupported"),
    failed: wrong + unexcused + (belowFloor ? floor - passed : 0),
    floor,
    belowFloor,
    staleExceptions,
  };
}

/** Exit 1 when a wrong result appeared or fewer cases pass than the committed floor. */
export function exitCode(s: Summary): 0 | 1 {
  return s.wrong > 0 || s.belowFloor ? 1 : 0;
}

export function topicTable(results: CaseResult[]): string {
  const topics = new Map<string, Record<Status, number>>();
  for (const r of results) {
    let t = topics.get(r.topic);
    if (!t) topics.set(r.topic, (t = { pass: 0, wrong: 0, "wrong-error": 0, unsupported: 0 }));
    t[r.status]++;
  }
  const rows = [["topic", "cases", "pass", "wrong", "wrong-error", "unsupported"]];
  for (const [topic, t] of [...topics].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const total = t.pass + t.wrong + t["wrong-error"] + t.unsupported;
    rows.push([topic, String(total), String(t.pass), String(t.wrong), String(t["wrong-error"]), String(t.unsupported)]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ")).join("\n") + "\n";
}

/** Wrong results, then unexcused wrong-errors (all of them when verbose, else the first `limit`). */
export function failureList(results: CaseResult[], opts: { verbose: boolean; limit?: number }): string {
  const out: string[] = [];
  const limit = opts.verbose ? Infinity : (opts.limit ?? 25);
  const section = (title: string, rs: CaseResult[]) => {
    if (rs.length === 0) return;
    out.push(`${title} (${rs.length}):`);
    for (const r of rs.slice(0, limit)) out.push(`  ${r.file}: ${r.note}: ${r.reason ?? ""}`);
    if (rs.length > limit) out.push(`  ... ${rs.length - limit} more (--verbose lists them all)`);
  };
  section("WRONG RESULTS", results.filter((r) => r.status === "wrong"));
  section("wrong errors not in exceptions", results.filter((r) => r.status === "wrong-error" && r.exception === undefined));
  return out.length > 0 ? out.join("\n") + "\n" : "";
}

/** The most common reasons for unsupported cases, so the gaps are visible at a glance. */
export function unsupportedReasons(results: CaseResult[], top = 10): string {
  const counts = new Map<string, number>();
  for (const r of results) {
    if (r.status !== "unsupported") continue;
    const key = (r.reason ?? "").replace(/^test-\d+\.rego:\d+:\d+: /, "").slice(0, 120);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  if (counts.size === 0) return "";
  const lines = [...counts].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, n]) => `  ${String(n).padStart(4)}  ${k}`);
  return `unsupported, by reason (top ${Math.min(top, counts.size)} of ${counts.size}):\n${lines.join("\n")}\n`;
}

export function countsLine(s: Summary): string {
  return `conformance: ${s.passed} passed, ${s.wrong} wrong, ${s.wrongError} wrong-error, ${s.unsupported} unsupported`;
}

export function failedLine(s: Summary): string {
  return `conformance: ${s.passed} passed, ${s.failed} failed`;
}
