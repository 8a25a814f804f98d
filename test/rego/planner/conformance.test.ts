/**
 * A development signal, not a gate: how many of OPA's v1 conformance cases
 * pass end to end through compileQuery. Prints the counts; fails only if
 * the harness itself breaks.
 */
import { describe, expect, it } from "vitest";
import { type Outcome, loadCases, runCase } from "./conformance-signal.js";

describe("conformance signal (OPA v1 cases)", () => {
  it("reports the pass count", async () => {
    const cases = loadCases();
    const counts: Record<Outcome | "crash", number> = { pass: 0, wrong: 0, "wrong-error": 0, error: 0, unsupported: 0, skipped: 0, crash: 0 };
    for (const c of cases) {
      try {
        counts[(await runCase(c)).outcome]++;
      } catch {
        counts.crash++;
      }
    }
    console.log(`conformance signal: ${cases.length} cases, ${JSON.stringify(counts)}`);
    expect(counts.pass + counts.wrong + counts["wrong-error"] + counts.error + counts.unsupported + counts.skipped + counts.crash).toBe(cases.length);
  }, 120_000);
});
