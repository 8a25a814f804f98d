import { parentPort } from "node:worker_threads";
import { WasmEngine } from "../engine/wasm-engine.js";
import { TemplateCache } from "../gatekeeper/index.js";
import { FixtureLoader } from "./fixtures.js";
import type { CaseResult, Suite, SuiteResult } from "./model.js";
import { runSuites } from "./runner.js";

/** Main thread -> worker: the run's options once, then one suite at a time. */
export type WorkerRequest =
  | { type: "init"; run?: string; enforcementPoint: string; progress: boolean }
  | { type: "suite"; index: number; suite: Suite };

/** Worker -> main thread. */
export type WorkerReply =
  | { type: "ready" }
  | { type: "case"; index: number; test: number; result: CaseResult }
  | { type: "result"; index: number; result: SuiteResult }
  | { type: "error"; message: string; stack?: string };

/** The body of a suite worker (see workers.ts): its own engine, template cache and fixture loader for the whole run. */
if (parentPort) {
  const port = parentPort;
  const cache = new TemplateCache(new WasmEngine());
  const loader = new FixtureLoader();
  let init: Extract<WorkerRequest, { type: "init" }> | undefined;
  port.on("message", (m: WorkerRequest) => {
    if (m.type === "init") {
      init = m;
      return;
    }
    try {
      const o = init!;
      const suite = m.suite;
      const [result] = runSuites([suite], {
        engine: cache,
        loader,
        enforcementPoint: o.enforcementPoint,
        ...(o.run !== undefined ? { run: o.run } : {}),
        ...(o.progress ? { onCase: (_s, t, r) => port.postMessage({ type: "case", index: m.index, test: suite.tests.indexOf(t), result: r } satisfies WorkerReply) } : {}),
      });
      port.postMessage({ type: "result", index: m.index, result: result! } satisfies WorkerReply);
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      port.postMessage({ type: "error", message: err.message, ...(err.stack ? { stack: err.stack } : {}) } satisfies WorkerReply);
    }
  });
  port.postMessage({ type: "ready" } satisfies WorkerReply);
}
