/**
 * Wasm backend bench (issue 3's acceptance): IR -> wasm compile time,
 * module size, evaluate() latency against baselines measured in the same
 * run, and memory across 100,000 evaluations.
 *
 *   npx vite-node bench/backend.ts [--json] [--quick] [--strict]
 *
 * See docs/bench.md for what each number means.
 */
import { gzipSync } from "node:zlib";
import { type LoadedPolicy, loadPolicy } from "@open-policy-agent/opa-wasm";
import type { Policy } from "../src/rego/plan/ir.js";
import { walkStmts } from "../src/rego/plan/ir.js";
import { compileToWasm, loadRuntime } from "../src/wasm/backend/index.js";
import { REQUIRED_OWNER, emptyResultPolicy, evalRulesJS, gatekeeperRules, minimalReview, podReview, requiredOwnerJS, triggeringReview, violationPolicy } from "./gatekeeper-ir.js";
import {
  type LaneResult,
  Report,
  benchArgs,
  consume,
  fmtBytes,
  fmtInt,
  fmtMs,
  fmtRatio,
  fmtSignedBytes,
  fmtUs,
  median,
  memoryDelta,
  memorySnapshot,
  msSince,
  nowNs,
  pairedRatio,
  runLanes,
  sampleAsync,
  sampleSync,
  summarize,
} from "./lib.js";

const GOAL_COMPILE_MS_10 = 5;
const GOAL_MODULE_BYTES = 32 * 1024;
const GOAL_EVAL_RATIO = 1.5;
const GOAL_HEAP_GROWTH = 1 << 20;
const EVALUATIONS = 100_000;

const args = benchArgs();
const report = new Report("backend", args);
const quick = args.quick;

function compile(p: Policy): Uint8Array<ArrayBuffer> {
  const r = compileToWasm(p);
  if (!r.wasm) throw new Error(`bench: compile failed: ${r.diagnostics.map((d) => d.message).join("; ")}`);
  return r.wasm;
}

function countStmts(p: Policy): number {
  let n = 0;
  for (const pl of p.plans?.plans ?? []) walkStmts(pl.blocks, () => n++);
  for (const f of p.funcs?.funcs ?? []) walkStmts(f.blocks, () => n++);
  return n;
}

const canonical = (xs: unknown[]): string[] => xs.map((x) => JSON.stringify(x)).sort();

/** Fails the bench (not a goal miss) when the module computes a wrong answer. */
function check(what: string, got: unknown, want: unknown): void {
  const g = JSON.stringify(got);
  const w = JSON.stringify(want);
  if (g !== w) throw new Error(`bench: wrong result for ${what}\n  got:  ${g}\n  want: ${w}`);
}

/** The compiled template must agree with the JS reference before it is timed. */
async function verifyTemplate(n: number, wasm: Uint8Array<ArrayBuffer>): Promise<void> {
  if (!WebAssembly.validate(wasm)) throw new Error(`bench: ${n}-rule module does not validate`);
  const specs = gatekeeperRules(n);
  const pol = await loadPolicy(wasm);
  const inputs: [string, unknown][] = [
    ["pod review", podReview()],
    ["triggering review", triggeringReview(specs)],
    ["review without labels", podReview({})],
    ["empty object", {}],
  ];
  for (const [name, input] of inputs) {
    const rs = pol.evaluate(input) as { result: unknown[] }[];
    if (rs.length !== 1 || !Array.isArray(rs[0]?.result)) check(`${n} rules, ${name}`, rs, "[{result: [...]}]");
    check(`${n} rules, ${name}`, canonical(rs[0]!.result), canonical(evalRulesJS(specs, input)));
  }
}

// ------------------------------------------------------------ 1. compile

const SIZES = [
  { rules: 10, warmup: 60, runs: quick ? 30 : 200, maxMs: quick ? 1500 : 6000 },
  { rules: 50, warmup: 10, runs: quick ? 10 : 60, maxMs: quick ? 1500 : 6000 },
  { rules: 200, warmup: 3, runs: quick ? 5 : 25, maxMs: quick ? 1500 : 8000 },
];
const policies = new Map(SIZES.map((s) => [s.rules, violationPolicy(gatekeeperRules(s.rules))]));

// The first compile of the process: what a CLI that compiles one template pays.
const cold0 = nowNs();
const wasm10 = compile(policies.get(10)!);
const coldMs = msSince(cold0);

const modules = new Map<number, Uint8Array<ArrayBuffer>>();
for (const s of SIZES) {
  const wasm = s.rules === 10 ? wasm10 : compile(policies.get(s.rules)!);
  modules.set(s.rules, wasm);
  await verifyTemplate(s.rules, wasm);
}
const again = compile(policies.get(10)!);
if (Buffer.compare(again, wasm10) !== 0) throw new Error("bench: compiling the same plan twice gave different bytes");

const compileRows: string[][] = [["rules", "IR stmts", "runs", "median ms", "p90 ms", "min ms", "cpu median ms", "module"]];
const compileResults = [];
for (const s of SIZES) {
  const p = policies.get(s.rules)!;
  const samples = sampleSync(() => compile(p), { warmup: s.warmup, runs: s.runs, maxMs: s.maxMs });
  const st = summarize(samples.wallMs);
  const cpu = summarize(samples.cpuMs);
  const bytes = modules.get(s.rules)!.length;
  const stmts = countStmts(p);
  compileRows.push([String(s.rules), fmtInt(stmts), String(st.n), fmtMs(st.median), fmtMs(st.p90), fmtMs(st.min), fmtMs(cpu.median), fmtBytes(bytes)]);
  compileResults.push({ rules: s.rules, stmts, runs: st.n, medianMs: st.median, p90Ms: st.p90, minMs: st.min, maxMs: st.max, cpuMedianMs: cpu.median, cpuP90Ms: cpu.p90, moduleBytes: bytes });
}
const load = summarize((await sampleAsync(() => loadPolicy(wasm10), { warmup: 3, runs: quick ? 10 : 40, maxMs: quick ? 1000 : 3000 })).wallMs);
report.table("IR -> wasm compile (compileToWasm, warm; includes decoding the runtime module)", compileRows);
const cFirst = compileResults[0]!;
const cLast = compileResults[compileResults.length - 1]!;
const marginalUs = ((cLast.medianMs - cFirst.medianMs) * 1000) / (cLast.rules - cFirst.rules);
report.log(`  marginal cost ${fmtUs(marginalUs)} us per rule (median, ${cFirst.rules} -> ${cLast.rules} rules)`);
report.log(`  first compile in this process (cold JIT): ${fmtMs(coldMs)} ms; loadPolicy of the 10-rule module (SDK instantiate): median ${fmtMs(load.median)} ms, p90 ${fmtMs(load.p90)} ms`);
report.result("compile", { sizes: compileResults, marginalUsPerRule: marginalUs, coldMs, loadPolicyMs: { median: load.median, p90: load.p90, runs: load.n } });
const c10 = compileResults.find((r) => r.rules === 10)!;
report.goal(
  { name: "compile-10-rules-median", value: c10.medianMs, unit: "ms", target: GOAL_COMPILE_MS_10, note: `p90 ${fmtMs(c10.p90Ms)} ms, min ${fmtMs(c10.minMs)} ms, cpu median ${fmtMs(c10.cpuMedianMs)} ms` },
  (v) => `${fmtMs(v)} ms`,
);

// --------------------------------------------------------------- 2. size

const SECTION_NAMES = ["custom", "type", "import", "function", "table", "memory", "global", "export", "start", "element", "code", "data", "datacount"];

/** Bytes per top-level section (custom sections by name). */
function sectionSizes(wasm: Uint8Array): Map<string, number> {
  const out = new Map<string, number>();
  let pos = 8;
  const u32 = (): number => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = wasm[pos++]!;
      result |= (b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result >>> 0;
      shift += 7;
    }
  };
  while (pos < wasm.length) {
    const start = pos;
    const id = wasm[pos++]!;
    const size = u32();
    let name = SECTION_NAMES[id] ?? `#${id}`;
    if (id === 0) {
      const at = pos;
      const len = u32();
      name = `custom:${new TextDecoder().decode(wasm.subarray(pos, pos + len))}`;
      pos = at;
    }
    pos += size;
    out.set(name, (out.get(name) ?? 0) + (pos - start));
  }
  return out;
}

const runtime = loadRuntime();
const rtSections = sectionSizes(runtime);
const modSections = sectionSizes(wasm10);
const sizeRows: string[][] = [["section", "runtime", "10-rule module", "added"]];
for (const name of new Set([...rtSections.keys(), ...modSections.keys()])) {
  const r = rtSections.get(name) ?? 0;
  const m = modSections.get(name) ?? 0;
  sizeRows.push([name, fmtInt(r), fmtInt(m), fmtInt(m - r)]);
}
sizeRows.push(["total bytes", fmtInt(runtime.length), fmtInt(wasm10.length), fmtInt(wasm10.length - runtime.length)]);
sizeRows.push(["gzip -9", fmtInt(gzipSync(runtime, { level: 9 }).length), fmtInt(gzipSync(wasm10, { level: 9 }).length), ""]);
report.table("Module size: a typical template (10 rules) vs the runtime it is appended to", sizeRows);
report.result("size", {
  runtimeBytes: runtime.length,
  moduleBytes: wasm10.length,
  addedBytes: wasm10.length - runtime.length,
  runtimeGzipBytes: gzipSync(runtime, { level: 9 }).length,
  moduleGzipBytes: gzipSync(wasm10, { level: 9 }).length,
  sections: Object.fromEntries([...modSections]),
  runtimeSections: Object.fromEntries([...rtSections]),
});
report.goal(
  { name: "module-size-10-rules", value: wasm10.length, unit: "B", target: GOAL_MODULE_BYTES, note: `runtime alone ${fmtInt(runtime.length)} B, policy adds ${fmtInt(wasm10.length - runtime.length)} B` },
  (v) => `${fmtInt(v)} B`,
);

// ----------------------------------------------------------- 3. evaluate

const input = podReview(); // a Pod without the `owner` label: one violation
const minimal = minimalReview(); // the same case with only the fields the rule reads
const floorPol = await loadPolicy(compile(emptyResultPolicy()));
const ruleWasm = compile(violationPolicy([REQUIRED_OWNER], "k8srequiredowner"));
const rulePol = await loadPolicy(ruleWasm);
const tmplPol = await loadPolicy(wasm10);
const wantRule = requiredOwnerJS(input);
if (wantRule.length !== 1 || requiredOwnerJS(minimal).length !== 1) throw new Error("bench: the evaluate() inputs must give exactly one violation");
check("SDK floor (empty result set)", floorPol.evaluate(input), []);
check("required-owner rule", rulePol.evaluate(input), [{ result: wantRule }]);
check("required-owner rule, minimal input", rulePol.evaluate(minimal), [{ result: requiredOwnerJS(minimal) }]);
check("required-owner rule with the label", rulePol.evaluate(podReview({ owner: "me" })), [{ result: requiredOwnerJS(podReview({ owner: "me" })) }]);
check("10-rule template", canonical((tmplPol.evaluate(input) as { result: unknown[] }[])[0]!.result), canonical(evalRulesJS(gatekeeperRules(10), input)));

/** Lanes; `floor` names the lane each is divided by in the "vs floor" column. */
const LANES = [
  { name: "sdk-floor", floor: "sdk-floor", fn: () => floorPol.evaluate(input), what: "SDK evaluate(), plan with no blocks -> []" },
  { name: "rule", floor: "sdk-floor", fn: () => rulePol.evaluate(input), what: "SDK evaluate(), required label missing -> 1 violation" },
  { name: "js-predicate", floor: "sdk-floor", fn: () => requiredOwnerJS(input), what: "hand-written JS doing the same check" },
  { name: "template-10", floor: "sdk-floor", fn: () => tmplPol.evaluate(input), what: "10-rule template, same input (info)" },
  { name: "sdk-floor-min", floor: "sdk-floor-min", fn: () => floorPol.evaluate(minimal), what: "floor, minimal input (info)" },
  { name: "rule-min", floor: "sdk-floor-min", fn: () => rulePol.evaluate(minimal), what: "rule, minimal input (info)" },
];
const lanes = runLanes(LANES, quick ? { rounds: 7, roundMs: 15, warmupMs: 100 } : { rounds: 21, roundMs: 40, warmupMs: 300 });
const lane = (name: string): LaneResult => lanes.get(name)!;
const evalRows: string[][] = [["lane", "us/op", "p90 us", "best us", "cpu us", "ops/s", "vs floor", "cpu vs floor", "vs js", "what"]];
const laneResults: Record<string, unknown> = {};
for (const d of LANES) {
  const l = lane(d.name);
  const vsFloor = pairedRatio(l, lane(d.floor));
  const cpuVsFloor = pairedRatio(l, lane(d.floor), true);
  const vsJs = pairedRatio(l, lane("js-predicate"));
  const cpuUsPerOp = median(l.cpuNsPerOp) / 1e3;
  evalRows.push([l.name, fmtUs(l.usPerOp), fmtUs(l.stats.p90 / 1e3), fmtUs(l.stats.min / 1e3), fmtUs(cpuUsPerOp), fmtInt(l.opsPerSec), fmtRatio(vsFloor), fmtRatio(cpuVsFloor), fmtRatio(vsJs), d.what]);
  laneResults[l.name] = { usPerOp: l.usPerOp, p90UsPerOp: l.stats.p90 / 1e3, bestUsPerOp: l.stats.min / 1e3, cpuUsPerOp, opsPerSec: l.opsPerSec, batch: l.batch, rounds: l.stats.n, floor: d.floor, vsFloor, cpuVsFloor, vsJs };
}
const inputBytes = Buffer.byteLength(JSON.stringify(input));
const minimalBytes = Buffer.byteLength(JSON.stringify(minimal));
const rounds = lane("sdk-floor").stats.n;
report.table(`evaluate() latency: interleaved lanes, ${rounds} rounds, median round; ratios = median of per-round ratios; input ${fmtInt(inputBytes)} B of JSON (minimal: ${minimalBytes} B)`, evalRows);
const ruleVsFloor = pairedRatio(lane("rule"), lane("sdk-floor"));
const ruleVsJs = pairedRatio(lane("rule"), lane("js-predicate"));
const ruleVsFloorCpu = pairedRatio(lane("rule"), lane("sdk-floor"), true);
const minVsFloor = pairedRatio(lane("rule-min"), lane("sdk-floor-min"));
report.log(`  rule / js-predicate: ${fmtRatio(ruleVsJs)} (no goal); rule - floor: ${fmtUs(lane("rule").usPerOp - lane("sdk-floor").usPerOp)} us; rule-min / floor-min: ${fmtRatio(minVsFloor)} (info)`);
report.result("evaluate", { inputBytes, minimalBytes, lanes: laneResults, ruleVsFloor, ruleVsFloorCpu, ruleVsJs, minimalRuleVsFloor: minVsFloor });
report.goal(
  { name: "evaluate-vs-sdk-floor", value: ruleVsFloor, unit: "x", target: GOAL_EVAL_RATIO, note: `${fmtUs(lane("rule").usPerOp)} us vs ${fmtUs(lane("sdk-floor").usPerOp)} us, ${fmtInt(inputBytes)} B input; cpu-time ratio ${fmtRatio(ruleVsFloorCpu)}` },
  fmtRatio,
);

// ------------------------------------------------------------- 4. memory

const evaluations = quick ? EVALUATIONS / 10 : EVALUATIONS;
const memPol: LoadedPolicy = await loadPolicy(ruleWasm);
for (let i = 0; i < 1000; i++) consume(memPol.evaluate(input));
const wasmBefore = memPol.mem.buffer.byteLength;
const before = memorySnapshot();
const t0 = nowNs();
for (let i = 0; i < evaluations; i++) consume(memPol.evaluate(input));
const loopMs = msSince(t0);
const after = memorySnapshot();
const wasmAfter = memPol.mem.buffer.byteLength;
check("required-owner rule after the loop", memPol.evaluate(input), [{ result: wantRule }]);
const delta = memoryDelta(before, after);
const memRows: string[][] = [["memory", "before", "after", "delta"]];
memRows.push(["wasm linear memory", fmtBytes(wasmBefore), fmtBytes(wasmAfter), fmtSignedBytes(wasmAfter - wasmBefore)]);
for (const k of ["rss", "heapUsed", "heapTotal", "external", "arrayBuffers"] as const) memRows.push([`process ${k}`, fmtBytes(before[k]), fmtBytes(after[k]), fmtSignedBytes(delta[k])]);
report.table(`Memory across ${fmtInt(evaluations)} evaluations of the rule (after full GC; ${fmtUs((loopMs * 1000) / evaluations)} us/op in the loop)`, memRows);
report.result("memory", { evaluations, wasmBefore, wasmAfter, before, after, delta, usPerOp: (loopMs * 1000) / evaluations });
report.goal({ name: "wasm-memory-growth", value: wasmAfter - wasmBefore, unit: "B", target: 0, note: `${fmtInt(evaluations)} evaluations` }, fmtSignedBytes);
report.goal({ name: "js-heap-growth", value: delta.heapUsed, unit: "B", target: GOAL_HEAP_GROWTH, note: `heapUsed after GC; rss ${fmtSignedBytes(delta.rss)} (info)` }, fmtSignedBytes);

process.exitCode = report.finish();
