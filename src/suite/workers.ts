import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as os from "node:os";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { error, GwpcError } from "../diag/index.js";
import { WasmEngine } from "../engine/wasm-engine.js";
import { ENFORCEMENT_POINTS, InputError, TemplateCache } from "../gatekeeper/index.js";
import { discoverSuites } from "./discover.js";
import { FixtureLoader } from "./fixtures.js";
import { parseFilter } from "./filter.js";
import type { CaseResult, Suite, SuiteResult, SuiteTest, VerifyReport } from "./model.js";
import { countResults, runSuites, type RunOptions } from "./runner.js";
import type { WorkerReply, WorkerRequest } from "./workers-entry.js";

/**
 * Suites over worker threads. Each lane (the main thread and the workers)
 * has its own WasmEngine (so its own template cache) and fixture loader, and
 * takes the next suite when it is done with one; results are put back in
 * suite order, so every report is the one the single-thread run prints
 * (timings aside). One caveat: a loader or template cache reports a broken
 * file shared by several suites with the path of the suite that read it
 * first, and which suite that is can differ between lanes.
 *
 * The worker runs `workers-entry`: in the built package that is
 * `dist/suite/workers-entry.js`, next to this file. Under vitest / vite-node
 * this file is `src/suite/workers.ts` and only `workers-entry.ts` exists,
 * which Node cannot load by itself; the worker then registers a small module
 * hook that transpiles `.ts` with esbuild (vite's own dependency, present in
 * every dev checkout) and maps `./x.js` imports to `./x.ts`. When neither
 * works (no built entry, no esbuild), suites run in-process, as with
 * `--workers 1`.
 */
export interface ParallelOptions {
  /** gator's `--run` filter. */
  run?: string;
  enforcementPoint?: string;
  /** Worker threads; 1 runs in-process. Default min(availableParallelism, suites, 4). */
  workers?: number;
  /** After each case, in the main thread: drives a progress line. */
  onCase?: (suite: Suite, test: SuiteTest, result: CaseResult) => void;
  /** Told how the run went: the number of worker threads that ran suites (0: all in-process). */
  onMode?: (workers: number) => void;
  /**
   * The main thread is one of the `workers` lanes (default): it is warm and
   * starts at once while the others load. false: `workers` worker threads.
   */
  mainThread?: boolean;
}

export const MAX_DEFAULT_WORKERS = 4;

export function defaultWorkers(suites: number): number {
  const cpus = typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(cpus, suites, MAX_DEFAULT_WORKERS));
}

/** `verify` with the suites spread over workers: discovery, filter errors and counts as in verify(). */
export async function verifyParallel(targets: string[], opts: ParallelOptions & { cwd?: string }): Promise<VerifyReport> {
  const start = performance.now();
  try {
    parseFilter(opts.run);
  } catch (e) {
    if (e instanceof InputError) throw new GwpcError([error(e.code, e.message)]);
    throw e;
  }
  const { suites, diagnostics } = discoverSuites(targets, opts.cwd === undefined ? {} : { cwd: opts.cwd });
  if (suites.length === 0 && diagnostics.length === 0) {
    diagnostics.push(error("gwpc_no_suites", `no Suite (test.gatekeeper.sh/v1alpha1) found in ${targets.join(", ") || "."}`));
  }
  const results = await runSuitesParallel(suites, opts);
  return { suites: results, diagnostics, durationMs: performance.now() - start, counts: countResults(results, diagnostics.length) };
}

/** Run `suites` with the Wasm engine, over workers when more than one is asked for and they can be started. */
export async function runSuitesParallel(suites: Suite[], opts: ParallelOptions = {}): Promise<SuiteResult[]> {
  const n = Math.min(opts.workers ?? defaultWorkers(suites.length), suites.length);
  const how = n > 1 ? workerSource() : undefined;
  if (!how) return runInProcess(suites, opts);
  return runOnWorkers(suites, opts, n, how);
}

function runInProcess(suites: Suite[], opts: ParallelOptions): SuiteResult[] {
  opts.onMode?.(0);
  return runSuites(suites, {
    engine: new TemplateCache(new WasmEngine()),
    loader: new FixtureLoader(),
    ...(opts.run !== undefined ? { run: opts.run } : {}),
    ...(opts.enforcementPoint !== undefined ? { enforcementPoint: opts.enforcementPoint } : {}),
    ...(opts.onCase ? { onCase: opts.onCase } : {}),
  });
}

interface WorkerSource {
  url: URL;
  workerData: unknown;
}

let cachedSource: WorkerSource | null | undefined;

/** How to start a worker here, or undefined when workers cannot load the runner (then: in-process). */
export function workerSource(): WorkerSource | undefined {
  if (cachedSource !== undefined) return cachedSource ?? undefined;
  cachedSource = null;
  const built = new URL("./workers-entry.js", import.meta.url);
  const source = new URL("./workers-entry.ts", import.meta.url);
  if (import.meta.url.endsWith(".js") && fs.existsSync(fileURLToPath(built))) {
    cachedSource = { url: built, workerData: null };
  } else if (fs.existsSync(fileURLToPath(source))) {
    let esbuild: string | undefined;
    try {
      esbuild = pathToFileURL(createRequire(import.meta.url).resolve("esbuild")).href;
    } catch {
      esbuild = undefined;
    }
    if (esbuild) cachedSource = { url: new URL(`data:text/javascript,${encodeURIComponent(TS_BOOTSTRAP)}`), workerData: { entry: source.href, hooks: `data:text/javascript,${encodeURIComponent(TS_HOOKS)}`, esbuild } };
  }
  return cachedSource ?? undefined;
}

/** Worker bootstrap for TypeScript sources: register the hooks, then load the entry. */
const TS_BOOTSTRAP = `
import { register } from "node:module";
import { workerData } from "node:worker_threads";
register(workerData.hooks, { data: { esbuild: workerData.esbuild } });
await import(workerData.entry);
`;

/** Module hooks: `./x.js` written in a .ts file resolves to `./x.ts`; .ts is transpiled by esbuild. */
const TS_HOOKS = `
import { readFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
let esbuild;
export async function initialize(data) {
  const m = await import(data.esbuild);
  esbuild = m.transform ? m : m.default;
}
export async function resolve(specifier, context, next) {
  const parent = context.parentURL;
  if (parent && parent.startsWith("file:") && parent.endsWith(".ts") && /^\\.{1,2}\\//.test(specifier) && specifier.endsWith(".js")) {
    const ts = new URL(specifier.slice(0, -3) + ".ts", parent);
    if (existsSync(fileURLToPath(ts))) return { url: ts.href, shortCircuit: true, format: "module" };
  }
  return next(specifier, context);
}
export async function load(url, context, next) {
  if (url.startsWith("file:") && url.endsWith(".ts")) {
    const file = fileURLToPath(url);
    const r = await esbuild.transform(await readFile(file, "utf8"), { loader: "ts", format: "esm", target: "es2022", sourcefile: file, sourcemap: "inline" });
    return { format: "module", source: r.code, shortCircuit: true };
  }
  return next(url, context);
}
`;

/**
 * n lanes over the suites, each taking the next suite when it is free: the
 * main thread (already warm, so it starts at once) and n - 1 workers, or n
 * workers with `mainThread: false`. A worker that cannot load leaves its
 * share to the others (the main thread steps in if no lane is left); an
 * error while running a suite is a bug and rejects.
 */
function runOnWorkers(suites: Suite[], opts: ParallelOptions, n: number, how: WorkerSource): Promise<SuiteResult[]> {
  return new Promise<SuiteResult[]>((resolve, reject) => {
    const results: (SuiteResult | undefined)[] = new Array(suites.length);
    let next = 0;
    let done = 0;
    let settled = false;
    let mainRunning = false;
    const lanes: { worker: Worker; ready: boolean; dead: boolean; ran: number }[] = [];
    const finish = (e?: Error) => {
      if (settled) return;
      settled = true;
      for (const l of lanes) void l.worker.terminate();
      if (e) return reject(e);
      opts.onMode?.(lanes.filter((l) => l.ran > 0).length);
      resolve(results as SuiteResult[]);
    };
    const store = (index: number, r: SuiteResult) => {
      results[index] = r;
      if (++done === suites.length) finish();
    };
    const feed = (w: Worker) => {
      if (settled || next >= suites.length) return;
      const index = next++;
      w.postMessage({ type: "suite", index, suite: suites[index]! } satisfies WorkerRequest);
    };
    const mainLane = async () => {
      if (mainRunning) return;
      mainRunning = true;
      const own: RunOptions = {
        engine: new TemplateCache(new WasmEngine()),
        loader: new FixtureLoader(),
        ...(opts.run !== undefined ? { run: opts.run } : {}),
        ...(opts.enforcementPoint !== undefined ? { enforcementPoint: opts.enforcementPoint } : {}),
        ...(opts.onCase ? { onCase: opts.onCase } : {}),
      };
      try {
        while (!settled && next < suites.length) {
          const index = next++;
          store(index, runSuites([suites[index]!], own)[0]!);
          // Let the workers' messages in between suites.
          await new Promise<void>((r) => setImmediate(r));
        }
      } catch (e) {
        finish(e instanceof Error ? e : new Error(String(e)));
      }
    };
    const lost = (lane: (typeof lanes)[number], e: Error) => {
      if (settled || lane.dead) return;
      lane.dead = true;
      // Failing while running a suite is a bug; failing to load only loses a lane.
      if (lane.ready) return finish(e);
      if (!mainRunning && lanes.every((l) => l.dead)) void mainLane();
    };
    const spawn = opts.mainThread === false ? n : n - 1;
    for (let i = 0; i < spawn; i++) {
      const lane = { worker: new Worker(how.url, { workerData: how.workerData }), ready: false, dead: false, ran: 0 };
      lanes.push(lane);
      const w = lane.worker;
      w.on("message", (m: WorkerReply) => {
        if (settled) return;
        if (m.type === "ready") {
          lane.ready = true;
          const init: WorkerRequest = {
            type: "init",
            progress: opts.onCase !== undefined,
            ...(opts.run !== undefined ? { run: opts.run } : {}),
            enforcementPoint: opts.enforcementPoint ?? ENFORCEMENT_POINTS.gator,
          };
          w.postMessage(init);
          feed(w);
        } else if (m.type === "case") {
          const s = suites[m.index]!;
          opts.onCase?.(s, s.tests[m.test]!, m.result);
        } else if (m.type === "result") {
          lane.ran++;
          store(m.index, m.result);
          feed(w);
        } else if (m.type === "error") {
          const e = new Error(m.message);
          if (m.stack) e.stack = m.stack;
          finish(e);
        }
      });
      w.on("error", (e) => lost(lane, e));
      w.on("exit", (code) => lost(lane, new Error(`gwpc: a suite worker exited with code ${code}`)));
    }
    if (opts.mainThread !== false) void mainLane();
  });
}
