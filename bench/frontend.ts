/**
 * Rego front end bench (issue 4's acceptance): Rego source -> .wasm compile
 * time for every gatekeeper-library template (library/general/<name>/
 * template.yaml: spec.targets[0].rego, v0, plus its libs), split into the
 * package rewrite, the front end (parse + check + plan) and the backend
 * (IR -> wasm); per template the median over several rounds after warm-up,
 * then the median across templates, against Gatekeeper's 1.5-9 ms anchor.
 *
 *   npx vite-node bench/frontend.ts [--json] [--quick] [--strict]
 *
 * Without ../shared/gatekeeper-library it says so and exits 0.
 * See docs/bench.md for what each number means.
 */
import * as path from "node:path";
import { formatDiagnostic, type Diagnostic } from "../src/diag/index.js";
import type { Policy } from "../src/rego/plan/ir.js";
import { loadBenchEngine, TEMPLATE_ENTRYPOINT, type BenchPipeline } from "./fixtures-engine.js";
import { LIBRARY_GENERAL, REPO_ROOT, libraryPresent, readTemplates, type LibraryTemplate } from "./fixtures-library.js";
import { Report, benchArgs, consume, cpuUs, fmtBytes, fmtInt, fmtMs, fmtRatio, median, msSince, nowNs, percentile, summarize } from "./lib.js";

const GOAL_MEDIAN_MS = 10;
/** Gatekeeper compiles one template in 1.5-9 ms (Go; published, DESIGN.md "Performance anchors"). */
const ANCHOR_MS: [number, number] = [1.5, 9];

const args = benchArgs();
const report = new Report("frontend", args);
const quick = args.quick;
const WARMUP_ROUNDS = quick ? 1 : 2;
const MAX_ROUNDS = quick ? 5 : 15;
const MIN_ROUNDS = quick ? 3 : 5;
/** Timed rounds stop after this much wall time (once MIN_ROUNDS are done). */
const BUDGET_MS = quick ? 6_000 : 30_000;

const fmtMsU = (v: number): string => (Number.isFinite(v) ? `${fmtMs(v)} ms` : "n/a");
const errorsOf = (ds: readonly Diagnostic[]): Diagnostic[] => ds.filter((d) => d.severity === "error");

/** One compile of one template, stage by stage (ms), and what it produced. */
interface Run {
  rewrite: number;
  parse: number;
  front: number;
  back: number;
  /** rewrite + front + back: Rego source -> .wasm. */
  total: number;
  cpuTotal: number;
  load: number;
  wasm: Uint8Array<ArrayBuffer>;
  policy: Policy;
}

class CompileFailure extends Error {}

/** Compile `t` once through the pipeline, timing each stage; throws CompileFailure with the diagnostics. */
function compileOnce(p: BenchPipeline, t: LibraryTemplate): Run {
  const info = t.info;
  const c0 = cpuUs();
  let s = nowNs();
  const src = p.templateSources(info);
  const rewrite = msSince(s);
  if (!src.sources) throw new CompileFailure(describe(src.diagnostics));
  s = nowNs();
  const fe = p.frontend(src.sources, info.regoVersion);
  const front = msSince(s);
  if (errorsOf(fe.diagnostics).length > 0 || !fe.policy) throw new CompileFailure(describe(fe.diagnostics) || "the front end returned no plan");
  s = nowNs();
  const be = p.backend(fe.policy);
  const back = msSince(s);
  const cpuTotal = (cpuUs() - c0) / 1e3;
  if (!be.wasm) throw new CompileFailure(describe(be.diagnostics) || "the backend returned no module");
  // Not part of the pipeline: parse alone (info) and the SDK's load (info).
  s = nowNs();
  consume(p.parse(src.sources, info.regoVersion));
  const parse = msSince(s);
  s = nowNs();
  const loaded = p.load(be.wasm);
  const load = msSince(s);
  consume(loaded);
  return { rewrite, parse, front, back, total: rewrite + front + back, cpuTotal, load, wasm: be.wasm, policy: fe.policy };
}

function describe(ds: readonly Diagnostic[]): string {
  return errorsOf(ds)
    .slice(0, 3)
    .map((d) => formatDiagnostic(d))
    .join("; ");
}

async function main(): Promise<void> {
  if (!libraryPresent()) {
    const reason = `${LIBRARY_GENERAL} is absent (the shared gatekeeper-library checkout is not next to this repository): nothing to measure`;
    report.log(reason);
    report.result("skipped", reason);
    return;
  }
  const { engine, problem } = await loadBenchEngine();
  const { templates: all, errors: readErrors } = readTemplates(LIBRARY_GENERAL);
  if (!engine) {
    report.log(`no Rego compiler: ${problem}`);
    report.result("engineProblem", problem);
    report.goal({ name: "compile-median-per-template", value: NaN, unit: "ms", target: GOAL_MEDIAN_MS, note: `not measured: ${problem}` }, fmtMsU);
    return;
  }
  const p = engine.pipeline;
  const celOnly = all.filter((t) => t.info.celOnly);
  const templates = all.filter((t) => !t.info.celOnly);
  report.log(
    `${templates.length} templates under ${path.relative(REPO_ROOT, LIBRARY_GENERAL)} (engine: ${engine.source})` +
      `${celOnly.length > 0 ? `; CEL-only, skipped: ${celOnly.map((t) => t.name).join(", ")}` : ""}` +
      `${readErrors.length > 0 ? `; unreadable: ${readErrors.map((e) => e.name).join(", ")}` : ""}`,
  );

  // Cold pass (the first compile of each template in this process; the first
  // one also pays the compiler's JIT warm-up) doubles as the correctness check.
  const failed: { name: string; message: string }[] = readErrors.map((e) => ({ name: e.name, message: `template.yaml: ${e.message}` }));
  const ok: LibraryTemplate[] = [];
  const first = new Map<string, Run>();
  const coldStart = nowNs();
  for (const t of templates) {
    let run: Run;
    try {
      run = compileOnce(p, t);
    } catch (e) {
      if (!(e instanceof CompileFailure)) throw e;
      failed.push({ name: t.name, message: e.message });
      continue;
    }
    if (!WebAssembly.validate(run.wasm)) throw new Error(`bench: ${t.name}: the module does not validate`);
    const entrypoints = p.load(run.wasm).entrypoints as Record<string, number>;
    if (!(TEMPLATE_ENTRYPOINT in entrypoints)) throw new Error(`bench: ${t.name}: the module has no ${TEMPLATE_ENTRYPOINT} entrypoint (has ${Object.keys(entrypoints).join(", ")})`);
    first.set(t.name, run);
    ok.push(t);
  }
  const coldPassMs = msSince(coldStart);

  if (ok.length === 0) {
    report.table("templates that do not compile", [["template", "error"], ...failed.map((f) => [f.name, f.message.slice(0, 160)])]);
    report.goal({ name: "compile-median-per-template", value: NaN, unit: "ms", target: GOAL_MEDIAN_MS, note: "no template compiled" }, fmtMsU);
    report.goal({ name: "templates-failing", value: failed.length, unit: "templates", target: 0 }, String);
    return;
  }

  // Rounds: every template once per round, starting at a different template
  // each round, so that load drift hits all templates alike.
  const runs = new Map<string, Run[]>(ok.map((t) => [t.name, []]));
  const roundMs: number[] = [];
  const timedStart = nowNs();
  let rounds = 0;
  for (let r = 0; r < WARMUP_ROUNDS + MAX_ROUNDS; r++) {
    const timed = r >= WARMUP_ROUNDS;
    let roundTotal = 0;
    for (let k = 0; k < ok.length; k++) {
      const t = ok[(r + k) % ok.length]!;
      const run = compileOnce(p, t);
      if (Buffer.compare(run.wasm, first.get(t.name)!.wasm) !== 0) throw new Error(`bench: ${t.name}: compiling the same template twice gave different bytes`);
      roundTotal += run.total;
      if (timed) runs.get(t.name)!.push(run);
    }
    if (!timed) continue;
    rounds++;
    roundMs.push(roundTotal);
    if (rounds >= MIN_ROUNDS && msSince(timedStart) > BUDGET_MS) break;
  }

  const col = (rs: Run[], k: keyof Omit<Run, "wasm" | "policy">): number => median(rs.map((x) => x[k]));
  const per = ok.map((t) => {
    const rs = runs.get(t.name)!;
    const f = first.get(t.name)!;
    const totals = summarize(rs.map((x) => x.total));
    return {
      template: t.name,
      libs: t.info.libs.length,
      regoLines: (t.info.rego ?? "").split("\n").length + t.info.libs.reduce((n, l) => n + l.split("\n").length, 0),
      plans: f.policy.plans?.plans?.length ?? 0,
      funcs: f.policy.funcs?.funcs?.length ?? 0,
      moduleBytes: f.wasm.length,
      runs: rs.length,
      rewriteMs: col(rs, "rewrite"),
      parseMs: col(rs, "parse"),
      frontendMs: col(rs, "front"),
      backendMs: col(rs, "back"),
      medianMs: totals.median,
      minMs: totals.min,
      p90Ms: totals.p90,
      cpuMedianMs: col(rs, "cpuTotal"),
      loadMs: col(rs, "load"),
      coldMs: f.total,
    };
  });

  const rows: string[][] = [["template", "libs", "lines", "funcs", "module", "rewrite", "parse*", "front end", "backend", "total", "min", "cpu", "load*", "cold"]];
  for (const x of per) {
    rows.push([x.template, String(x.libs), fmtInt(x.regoLines), String(x.funcs), fmtBytes(x.moduleBytes), fmtMs(x.rewriteMs), fmtMs(x.parseMs), fmtMs(x.frontendMs), fmtMs(x.backendMs), fmtMs(x.medianMs), fmtMs(x.minMs), fmtMs(x.cpuMedianMs), fmtMs(x.loadMs), fmtMs(x.coldMs)]);
  }
  report.table(
    `Rego source -> .wasm per template, ms (median of ${rounds} rounds after ${WARMUP_ROUNDS} warm-up rounds; total = rewrite + front end + backend of the same run, so its median is not the sum of the stage medians; * = not in total)`,
    rows,
  );
  if (failed.length > 0) report.table("templates that do not compile (excluded above)", [["template", "error"], ...failed.map((f) => [f.name, f.message.slice(0, 160)])]);

  const sortedMedians = per.map((x) => x.medianMs).sort((a, b) => a - b);
  const acrossMedian = percentile(sortedMedians, 50);
  const frontMedian = median(per.map((x) => x.frontendMs));
  const backMedian = median(per.map((x) => x.backendMs));
  const rewriteMedian = median(per.map((x) => x.rewriteMs));
  const cpuMedian = median(per.map((x) => x.cpuMedianMs));
  const sum = (k: "rewriteMs" | "frontendMs" | "backendMs" | "medianMs" | "coldMs" | "loadMs"): number => per.reduce((n, x) => n + x[k], 0);
  const libraryWarm = sum("medianMs");
  const frontShare = sum("frontendMs") / (sum("rewriteMs") + sum("frontendMs") + sum("backendMs"));
  const summaryRows: string[][] = [
    ["across templates", "median", "p90", "max", "library total"],
    ["total (source -> .wasm)", fmtMs(acrossMedian), fmtMs(percentile(sortedMedians, 90)), fmtMs(sortedMedians[sortedMedians.length - 1]!), fmtMs(libraryWarm)],
    ["  cpu time of the same", fmtMs(cpuMedian), "", "", fmtMs(per.reduce((n, x) => n + x.cpuMedianMs, 0))],
    ["  package rewrite", fmtMs(rewriteMedian), "", "", fmtMs(sum("rewriteMs"))],
    ["  front end (parse+check+plan)", fmtMs(frontMedian), "", "", fmtMs(sum("frontendMs"))],
    ["  backend (IR -> wasm)", fmtMs(backMedian), "", "", fmtMs(sum("backendMs"))],
    ["SDK load (info)", fmtMs(median(per.map((x) => x.loadMs))), "", "", fmtMs(sum("loadMs"))],
  ];
  report.table(`Summary, ms (${per.length} templates; per-template medians)`, summaryRows);
  report.log(`  front end share of the pipeline: ${(frontShare * 100).toFixed(0)}% (sum of per-template medians)`);
  report.log(`  whole library: ${fmtMs(libraryWarm)} ms warm (sum of medians); median round ${fmtMs(median(roundMs))} ms, best round ${fmtMs(Math.min(...roundMs))} ms; first pass in this process (cold JIT, incl. load + checks) ${fmtMs(coldPassMs)} ms, its compiles alone ${fmtMs(sum("coldMs"))} ms; first template compiled cold: ${fmtMs(per[0]!.coldMs)} ms (${per[0]!.template})`);
  report.log(
    `  Gatekeeper anchor: ${ANCHOR_MS[0]}-${ANCHOR_MS[1]} ms to compile one template (Go, published; DESIGN.md "Performance anchors"); our median is ${fmtRatio(acrossMedian / ANCHOR_MS[1])} of ${ANCHOR_MS[1]} ms and ${fmtRatio(acrossMedian / ANCHOR_MS[0])} of ${ANCHOR_MS[0]} ms`,
  );

  report.result("templates", per);
  report.result("failed", failed);
  report.result("summary", {
    engine: engine.source,
    templates: per.length,
    rounds,
    warmupRounds: WARMUP_ROUNDS,
    medianMs: acrossMedian,
    p90Ms: percentile(sortedMedians, 90),
    maxMs: sortedMedians[sortedMedians.length - 1],
    cpuMedianMs: cpuMedian,
    rewriteMedianMs: rewriteMedian,
    frontendMedianMs: frontMedian,
    backendMedianMs: backMedian,
    frontendShare: frontShare,
    libraryWarmMs: libraryWarm,
    libraryRoundMedianMs: median(roundMs),
    libraryRoundBestMs: Math.min(...roundMs),
    libraryColdMs: sum("coldMs"),
    coldPassMs,
    anchorMs: ANCHOR_MS,
  });
  report.goal(
    {
      name: "compile-median-per-template",
      value: acrossMedian,
      unit: "ms",
      target: GOAL_MEDIAN_MS,
      note: `cpu ${fmtMs(cpuMedian)} ms; stage medians: front end ${fmtMs(frontMedian)} ms + backend ${fmtMs(backMedian)} ms + rewrite ${fmtMs(rewriteMedian)} ms; Gatekeeper ${ANCHOR_MS[0]}-${ANCHOR_MS[1]} ms; library ${fmtMs(libraryWarm)} ms`,
    },
    fmtMsU,
  );
  report.goal({ name: "templates-failing", value: failed.length, unit: "templates", target: 0, note: `${per.length} of ${per.length + failed.length} compile` }, String);
}

await main();
process.exitCode = report.finish();
