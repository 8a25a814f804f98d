import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { frontendAvailable } from "../../src/engine/index.js";
import { countResults, discoverSuites, formatHuman, formatJson, formatJunit, type SuiteResult, type VerifyReport } from "../../src/suite/index.js";
import { defaultWorkers, runSuitesParallel, verifyParallel, workerSource } from "../../src/suite/workers.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const FE = frontendAvailable();

/** Durations zeroed: the only part of a report that differs between two runs. */
function stable(results: SuiteResult[]): VerifyReport {
  const zero = <T extends { durationMs: number }>(x: T): T => ({ ...x, durationMs: 0 });
  const suites = results.map((s) => zero({ ...s, tests: s.tests.map((t) => zero({ ...t, cases: t.cases.map(zero) })) }));
  return { suites, diagnostics: [], durationMs: 0, counts: countResults(suites) };
}

function outputs(r: VerifyReport): string[] {
  return [formatHuman(r, { color: false, verbose: true, durations: false }), formatJson(r), formatJunit(r)];
}

describe("suites over worker threads", () => {
  it("defaults to min(cores, suites, 4) workers, at least 1", () => {
    expect(defaultWorkers(0)).toBe(1);
    expect(defaultWorkers(1)).toBe(1);
    expect(defaultWorkers(100)).toBeLessThanOrEqual(4);
  });

  it("can start workers from the TypeScript sources (vitest)", () => {
    expect(workerSource()).toBeDefined();
  });

  it.runIf(FE)("gives byte-identical reports to the in-process run (policies/), in suite order", async () => {
    const { suites, diagnostics } = discoverSuites(["policies/..."], { cwd: ROOT });
    expect(diagnostics).toEqual([]);
    expect(suites.length).toBeGreaterThan(1);
    let inProcessMode = -1;
    let workerMode = -1;
    let cases = 0;
    const one = await runSuitesParallel(suites, { workers: 1, onMode: (n) => void (inProcessMode = n) });
    // Workers only (the main thread would otherwise take suites while they load).
    const many = await runSuitesParallel(suites, { workers: 3, mainThread: false, onMode: (n) => void (workerMode = n), onCase: () => void cases++ });
    expect(inProcessMode).toBe(0);
    expect(workerMode).toBeGreaterThanOrEqual(1);
    expect(many.map((s) => s.path)).toEqual(suites.map((s) => s.path));
    expect(cases).toBe(many.reduce((n, s) => n + s.tests.reduce((m, t) => m + (t.message === undefined ? t.cases.length : 0), 0), 0));
    expect(outputs(stable(many))).toEqual(outputs(stable(one)));
    expect(stable(many).counts.passed).toBeGreaterThan(0);
    // The main thread as one lane and a worker as the other.
    const mixed = await runSuitesParallel(suites, { workers: 2 });
    expect(outputs(stable(mixed))).toEqual(outputs(stable(one)));
  });

  it.runIf(FE)("verifyParallel: the --run filter and failures come through the workers too", async () => {
    const all = await verifyParallel(["policies/..."], { cwd: ROOT, workers: 2 });
    const filtered = await verifyParallel(["policies/..."], { cwd: ROOT, workers: 2, run: "nothing-matches-this" });
    expect(all.counts.passed).toBeGreaterThan(0);
    expect(filtered.counts.passed).toBe(0);
    expect(filtered.counts.skipped).toBeGreaterThan(0);
    await expect(verifyParallel(["policies/..."], { cwd: ROOT, workers: 2, run: "(" })).rejects.toThrow();
    const none = await verifyParallel([path.join(ROOT, "src")], { workers: 2 });
    expect(none.diagnostics.map((d) => d.code)).toEqual(["gwpc_no_suites"]);
  });
});
