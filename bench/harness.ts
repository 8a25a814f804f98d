/**
 * Gatekeeper harness bench (issue 5's acceptance), in one run:
 *
 *  1. Suites: time per 1,000 gator Suite cases, on three workloads (a
 *     suite generated from the audit's objects, gatekeeper-library's
 *     library/general suites when ../shared is there, and gwpc's
 *     policies/*\/suite.yaml; each run again and again until 1,000 cases) for `gwpc` (verify through the Wasm
 *     engine, each template compiled once per run) against a null runner
 *     (verify --loadOnly: reads and parses the same fixtures, evaluates
 *     nothing) and against a `gator` lane that compiles the template afresh
 *     for every case, as gator's fresh client per case does.
 *  2. Audit: a generated 10,000-object cluster dump (Namespaces, Gateways,
 *     HTTPRoutes, a few ReferenceGrants; multi-document YAML in a temporary
 *     file) against gwpc's bundle for examples/policy.yaml: YAML read+parse
 *     time apart from evaluation, objects/s, and memory across repeated audits.
 *
 *   npx vite-node bench/harness.ts [--json] [--quick] [--strict]
 *
 * Every result is checked before it is timed: the suites must pass (and the
 * gator lane must agree case by case), the audit must report exactly the
 * violations the generator planted. A wrong answer fails the bench (exit 1).
 * See docs/bench.md.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { renderBundle } from "../src/bundle/index.js";
import { loadPolicyFile } from "../src/config/index.js";
import { formatDiagnostic, type Diagnostic } from "../src/diag/index.js";
import {
  auditObjects,
  buildInventory,
  policyFromObjects,
  readClusterDump,
  readObjectsText,
  TemplateCache,
  type AuditReport,
  type CompiledTemplate,
  type PolicyEngine,
  type PolicySet,
  type SourcedObject,
} from "../src/gatekeeper/index.js";
import { FixtureLoader, verify, type SuiteResult, type VerifyReport } from "../src/suite/index.js";
import { generateClusterDump, objectKey, type ClusterDump } from "./fixtures-cluster.js";
import { writeGeneratedSuite } from "./fixtures-suite.js";
import { loadBenchEngine, type BenchEngine } from "./fixtures-engine.js";
import { LIBRARY_GENERAL, POLICIES_DIR, REPO_ROOT, libraryPresent } from "./fixtures-library.js";
import { Report, benchArgs, consume, cpuUs, fmtBytes, fmtInt, fmtMs, fmtRatio, fmtSignedBytes, fmtUs, median, memoryDelta, memorySnapshot, msSince, nowNs, summarize } from "./lib.js";

const GOAL_VS_NULL = 2;
/** gwpc / gator time <= 0.1, i.e. >= 10x faster. */
const GOAL_VS_GATOR = 0.1;
/** 20,000 objects/s = 50 us per object. */
const GOAL_AUDIT_US_PER_OBJECT = 50;
const GOAL_AUDIT_RSS_GROWTH = 16 << 20;
const CASES_WANTED = 1000;
/** --quick audits 2,000 objects (a smoke run); the goal is defined on 10,000. */
const AUDIT_OBJECTS_FULL = 10_000;

const args = benchArgs();
const report = new Report("harness", args);
const quick = args.quick;
const AUDIT_OBJECTS = quick ? 2_000 : AUDIT_OBJECTS_FULL;

const fmtRatioU = (v: number): string => (Number.isFinite(v) ? fmtRatio(v) : "n/a");
const fmtUsU = (v: number): string => (Number.isFinite(v) ? `${fmtUs(v)} us` : "n/a");
const fmtBytesU = (v: number): string => (Number.isFinite(v) ? fmtSignedBytes(v) : "n/a");

/** Fails the bench (not a goal miss): a wrong answer. */
class WrongAnswer extends Error {}

// ------------------------------------------------------------- 1. suites

type LaneName = "null" | "gwpc" | "gwpc-cached" | "gator";

interface Pass {
  ms: number;
  cpuMs: number;
  report: VerifyReport;
  compiles: number;
}

/** One outcome string per case, to compare lanes. */
function outcomes(suites: SuiteResult[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const s of suites)
    for (const t of s.tests) {
      if (t.cases.length === 0) m.set(`${s.path} ${t.name}`, t.outcome);
      for (const c of t.cases) m.set(`${s.path} ${t.name}//${c.name}`, `${c.outcome}${c.violations ? ` ${c.violations.length}` : ""}`);
    }
  return m;
}

function caseCount(r: VerifyReport): number {
  const c = r.counts;
  return c.passed + c.failed + c.errors + c.skipped;
}

function failures(r: VerifyReport, limit = 8): string[] {
  const out: string[] = r.diagnostics.map((d) => formatDiagnostic(d));
  for (const s of r.suites)
    for (const t of s.tests) {
      if (t.outcome === "error" || (t.outcome === "fail" && t.cases.length === 0)) out.push(`${s.path} ${t.name}: ${t.outcome}: ${t.message ?? ""}`);
      for (const c of t.cases) if (c.outcome === "fail" || c.outcome === "error") out.push(`${s.path} ${t.name}//${c.name}: ${c.outcome}: ${c.message ?? ""}`);
    }
  return out.slice(0, limit).map((l) => l.slice(0, 300));
}

interface Workload {
  /** Suffix of the goal names: suite-vs-null-runner:<key>. */
  key: string;
  label: string;
  targets: string[];
  /** Rounds with the gator lane (default 3): it compiles once per case. */
  gatorRounds?: number;
  /** Removes what the workload wrote. */
  remove?: () => void;
}

/**
 * The suite workloads: a generated suite (~185 cases per template),
 * gatekeeper-library's library/general (when ../shared is there; ~4.3) and
 * gwpc's own policies (~16). The gator ratio is bounded by cases per
 * template (gator compiles once per case, gwpc once per template), and with
 * the null-runner goal it needs >= 19 (docs/bench.md), so it is measured on
 * all three.
 */
function workloads(): Workload[] {
  const out: Workload[] = [];
  // A suite generated from the audit's cluster dump: ~925 cases on 5 templates.
  const g = writeGeneratedSuite(path.join(REPO_ROOT, "examples/policy.yaml"), quick ? 120 : 400);
  out.push({ key: "generated", label: `a generated suite (bench/fixtures-suite.ts: ${g.cases} cases on ${g.templates} templates, examples/policy.yaml's bundle, objects from the audit's generator)`, targets: [path.join(g.dir, "...")], gatorRounds: 1, remove: g.remove });
  if (libraryPresent()) out.push({ key: "library", label: `${path.relative(REPO_ROOT, LIBRARY_GENERAL)}/... (gatekeeper-library)`, targets: [path.join(LIBRARY_GENERAL, "...")] });
  else report.log("  ../shared/gatekeeper-library is absent: the library workload is skipped");
  out.push({ key: "policies", label: "policies/... (gwpc's own suites)", targets: [path.join(POLICIES_DIR, "...")] });
  return out;
}

async function suites(engine: BenchEngine, w: Workload): Promise<void> {
  const { targets, label: workload } = w;

  // The gator lane: every case compiles and loads the template afresh. A
  // case whose constraint does not match evaluates nothing; it still pays
  // one compile (gator builds the client, adding the template, first).
  let evalsInCase = 0;
  let gatorCompiles = 0;
  let gatorLoader = new FixtureLoader();
  const gatorEngine: PolicyEngine = {
    name: "gator-lane",
    compileTemplate: (t): CompiledTemplate => ({
      evaluate(input, data) {
        evalsInCase++;
        gatorCompiles++;
        return engine.compileUncached(t).evaluate(input, data);
      },
    }),
  };
  const sharedEngine = engine.newEngine();

  const runPass = (lane: LaneName): Pass => {
    const c0 = cpuUs();
    const t0 = nowNs();
    let r: VerifyReport;
    let compiles = 0;
    if (lane === "null") r = verify(targets, { engine: engine.newEngine(), loadOnly: true });
    else if (lane === "gwpc") {
      const cache = new TemplateCache(engine.newEngine());
      r = verify(targets, { engine: cache });
      compiles = cache.compiles;
    } else if (lane === "gwpc-cached") r = verify(targets, { engine: sharedEngine });
    else {
      gatorLoader = new FixtureLoader();
      gatorCompiles = 0;
      evalsInCase = 0;
      r = verify(targets, {
        engine: gatorEngine,
        loader: gatorLoader,
        onCase: (s, t, res) => {
          if (res.outcome !== "skip" && evalsInCase === 0 && t.template) {
            const abs = path.resolve(path.dirname(s.file), t.template);
            consume(engine.compileUncached(gatorLoader.template(abs, t.template)));
            gatorCompiles++;
          }
          evalsInCase = 0;
        },
      });
      compiles = gatorCompiles;
    }
    const ms = msSince(t0);
    return { ms, cpuMs: (cpuUs() - c0) / 1e3, report: r, compiles };
  };

  // Correctness first (also the warm-up round): every case passes under
  // gwpc, the null runner reads every case, the gator lane agrees case by case.
  const lanes: LaneName[] = ["null", "gwpc", "gwpc-cached", "gator"];
  const warm = new Map<LaneName, Pass>(lanes.map((l) => [l, runPass(l)]));
  const ref = warm.get("gwpc")!.report;
  const cases = caseCount(ref);
  if (ref.counts.failed > 0 || ref.counts.errors > 0 || ref.counts.passed === 0) {
    throw new WrongAnswer(`bench: the suites do not pass under the Wasm engine (${JSON.stringify(ref.counts)}):\n  ${failures(ref).join("\n  ")}`);
  }
  const want = outcomes(ref.suites);
  for (const lane of ["gwpc-cached", "gator"] as const) {
    const got = outcomes(warm.get(lane)!.report.suites);
    for (const [k, v] of want) if (got.get(k) !== v) throw new WrongAnswer(`bench: lane ${lane} disagrees with gwpc on ${k}: ${got.get(k)} vs ${v}`);
    if (got.size !== want.size) throw new WrongAnswer(`bench: lane ${lane} ran ${got.size} cases, gwpc ${want.size}`);
  }
  const nullReport = warm.get("null")!.report;
  if (caseCount(nullReport) !== cases || nullReport.counts.skipped !== cases) {
    throw new WrongAnswer(`bench: the null runner read ${caseCount(nullReport)} cases (${JSON.stringify(nullReport.counts)}), gwpc ran ${cases}`);
  }
  if (warm.get("gator")!.compiles < cases) throw new WrongAnswer(`bench: the gator lane compiled ${warm.get("gator")!.compiles} times for ${cases} cases`);

  // Rounds: one pass of every lane per round, rotating the starting lane.
  // The gator lane, the slowest by far, runs in the first rounds only;
  // its ratio pairs it with gwpc's passes of the same rounds.
  const rounds = quick ? 2 : Math.max(3, Math.ceil(CASES_WANTED / cases));
  const gatorRounds = quick ? 1 : Math.min(rounds, w.gatorRounds ?? 3);
  const passes = new Map<LaneName, Pass[]>(lanes.map((l) => [l, []]));
  for (let r = 0; r < rounds; r++) {
    const inRound = r < gatorRounds ? lanes : lanes.filter((l) => l !== "gator");
    for (let k = 0; k < inRound.length; k++) {
      const lane = inRound[(r + k) % inRound.length]!;
      const p = runPass(lane);
      const c = p.report.counts;
      if (lane !== "null" && (c.failed > 0 || c.errors > 0)) throw new WrongAnswer(`bench: lane ${lane} failed cases in round ${r + 1}: ${failures(p.report).join("; ")}`);
      passes.get(lane)!.push(p);
    }
  }

  const per1000 = (ps: Pass[], cpu = false): number => (ps.reduce((n, p) => n + (cpu ? p.cpuMs : p.ms), 0) / (ps.length * cases)) * 1000;
  /** Median over rounds of a's pass time / b's pass time in the same round. */
  const paired = (a: LaneName, b: LaneName, cpu = false): number => {
    const xs = passes.get(a)!;
    const ys = passes.get(b)!;
    const n = Math.min(xs.length, ys.length);
    return median(Array.from({ length: n }, (_, i) => (cpu ? xs[i]!.cpuMs / ys[i]!.cpuMs : xs[i]!.ms / ys[i]!.ms)));
  };
  const laneInfo: Record<LaneName, string> = {
    null: "verify --loadOnly: discover, read and parse every fixture, build reviews; no engine",
    gwpc: "verify, fresh engine per pass: each template compiled once per run",
    "gwpc-cached": "verify, one engine for all passes: templates already compiled (info)",
    gator: "verify, template compiled + loaded afresh for every case (gator's client per case)",
  };
  const rows: string[][] = [["lane", "passes", "ms / 1,000 cases", "cpu ms / 1,000", "pass median ms", "pass min ms", "compiles / pass", "vs null", "what"]];
  const results: Record<string, unknown> = {};
  for (const lane of lanes) {
    const ps = passes.get(lane)!;
    const st = summarize(ps.map((p) => p.ms));
    const vsNull = lane === "null" ? 1 : paired(lane, "null");
    rows.push([lane, String(ps.length), fmtMs(per1000(ps)), fmtMs(per1000(ps, true)), fmtMs(st.median), fmtMs(st.min), String(ps[0]!.compiles), fmtRatio(vsNull), laneInfo[lane]]);
    results[lane] = { msPer1000: per1000(ps), cpuMsPer1000: per1000(ps, true), passMs: ps.map((p) => p.ms), passCpuMs: ps.map((p) => p.cpuMs), compilesPerPass: ps[0]!.compiles, vsNull };
  }
  const vsNull = paired("gwpc", "null");
  const vsNullCpu = paired("gwpc", "null", true);
  const vsGator = paired("gwpc", "gator");
  const vsGatorCpu = paired("gwpc", "gator", true);
  report.table(
    `Suites: ${workload}: ${ref.suites.length} suites, ${cases} cases per pass, ${rounds} timed rounds after a checked warm-up round (${fmtInt(rounds * cases)} cases per lane, gator lane ${fmtInt(gatorRounds * cases)}; per 1,000 = total / cases); one thread; ratios = median of per-round ratios`,
    rows,
  );
  const templatesPerPass = passes.get("gwpc")![0]!.compiles;
  report.log(`  gwpc / null: ${fmtRatio(vsNull)} (cpu ${fmtRatio(vsNullCpu)}); gator / gwpc: ${fmtRatio(1 / vsGator)} (cpu ${fmtRatio(1 / vsGatorCpu)}); gwpc-cached / null: ${fmtRatio(paired("gwpc-cached", "null"))}`);
  report.log(`  ${cases} cases on ${templatesPerPass} templates (${(cases / templatesPerPass).toFixed(1)} cases per template): when compiling dominates, gator / gwpc cannot exceed ~${(cases / templatesPerPass).toFixed(1)}x on this workload`);
  report.result(`suites:${w.key}`, { workload, targets, suites: ref.suites.length, casesPerPass: cases, templatesPerPass, rounds, gatorRounds, counts: ref.counts, lanes: results, gwpcVsNull: vsNull, gwpcVsNullCpu: vsNullCpu, gwpcVsGator: vsGator, gwpcVsGatorCpu: vsGatorCpu });
  report.goal({ name: `suite-vs-null-runner:${w.key}`, value: vsNull, unit: "x", target: GOAL_VS_NULL, note: `${fmtMs(per1000(passes.get("gwpc")!))} vs ${fmtMs(per1000(passes.get("null")!))} ms per 1,000 cases; cpu ratio ${fmtRatio(vsNullCpu)}` }, fmtRatioU);
  report.goal(
    { name: `suite-vs-gator-lane:${w.key}`, value: vsGator, unit: "x", target: GOAL_VS_GATOR, note: `gwpc time / gator-lane time, i.e. ${fmtRatio(1 / vsGator)} faster (goal >= 10x); ${fmtMs(per1000(passes.get("gator")!))} ms per 1,000 cases in the gator lane` },
    fmtRatioU,
  );
}

// -------------------------------------------------------------- 2. audit

/** gwpc's bundle for a policy file, in memory, as `gwpc audit policy.yaml` loads it. */
function policySet(file: string): PolicySet {
  const policy = loadPolicyFile(file, { displayName: path.relative(REPO_ROOT, file) });
  const objects: SourcedObject[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const [name, content] of renderBundle(policy, { sourceName: file })) {
    if (typeof content !== "string" || !/\.ya?ml$/.test(name) || name === "kustomization.yaml") continue;
    const r = readObjectsText(content, `${file}:${name}`);
    objects.push(...r.objects);
    diagnostics.push(...r.diagnostics.filter((d) => d.code !== "gwpc_object"));
  }
  const r = policyFromObjects(objects);
  diagnostics.push(...r.diagnostics);
  if (diagnostics.length > 0) throw new WrongAnswer(`bench: the bundle for ${file} does not load: ${diagnostics.map(formatDiagnostic).join("; ")}`);
  return r.policy;
}

/** The audit must report exactly what the generator planted. */
function checkAudit(r: AuditReport, dump: ClusterDump): void {
  if (r.diagnostics.length > 0) throw new WrongAnswer(`bench: audit diagnostics: ${r.diagnostics.slice(0, 3).map(formatDiagnostic).join("; ")}`);
  if (r.objects !== dump.objects) throw new WrongAnswer(`bench: audit reviewed ${r.objects} objects, the dump has ${dump.objects}`);
  const seen = new Set<string>();
  let want = 0;
  for (const v of dump.expected.values()) want += v.length;
  for (const res of r.results) {
    const key = objectKey(res.object.kind, res.object.namespace || undefined, res.object.name);
    seen.add(key);
    const exp = dump.expected.get(key);
    const got = res.violations.map((v) => `${v.constraint.kind}: ${v.message}`);
    const bad = res.violations.find((v) => v.error !== undefined);
    if (bad) throw new WrongAnswer(`bench: ${key}: ${bad.error} error: ${bad.message}`);
    if (!exp) throw new WrongAnswer(`bench: ${key}: unexpected violations:\n  ${got.join("\n  ")}`);
    const left = [...res.violations];
    for (const e of exp) {
      const i = left.findIndex((v) => v.constraint.kind === e.constraintKind && v.message.includes(e.contains));
      if (i < 0) throw new WrongAnswer(`bench: ${key}: no ${e.constraintKind} violation containing ${JSON.stringify(e.contains)}; got:\n  ${got.join("\n  ") || "(none)"}`);
      left.splice(i, 1);
    }
    if (left.length > 0) throw new WrongAnswer(`bench: ${key}: extra violations:\n  ${left.map((v) => `${v.constraint.kind}: ${v.message}`).join("\n  ")}`);
  }
  for (const key of dump.expected.keys()) if (!seen.has(key)) throw new WrongAnswer(`bench: ${key}: expected violations (${dump.expected.get(key)!.map((e) => e.constraintKind).join(", ")}), got none`);
  if (r.violations !== want) throw new WrongAnswer(`bench: audit counted ${r.violations} violations, expected ${want}`);
}

async function audit(engine: BenchEngine): Promise<void> {
  const policyFile = path.join(REPO_ROOT, "examples/policy.yaml");
  let s = nowNs();
  const policy = policySet(policyFile);
  const renderMs = msSince(s);
  const cache = new TemplateCache(engine.newEngine());
  s = nowNs();
  for (const t of policy.templates) consume(cache.get(t));
  const compileMs = msSince(s);

  s = nowNs();
  const dump = generateClusterDump(AUDIT_OBJECTS);
  const genMs = msSince(s);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gwpc-bench-"));
  const file = path.join(dir, "cluster-dump.yaml");
  try {
    fs.writeFileSync(file, dump.text);
    // Read + YAML parse, as `gwpc audit -f dump.yaml` does: one run (the
    // yaml package takes seconds for ~9 MiB on a loaded machine).
    let objects: SourcedObject[];
    const parseC0 = cpuUs();
    s = nowNs();
    {
      const r = readClusterDump([file]);
      if (r.diagnostics.length > 0) throw new WrongAnswer(`bench: the generated dump does not parse: ${r.diagnostics.slice(0, 3).map(formatDiagnostic).join("; ")}`);
      objects = r.objects;
    }
    const parseMs = msSince(s);
    const parseCpuMs = (cpuUs() - parseC0) / 1e3;
    if (objects.length !== dump.objects) throw new WrongAnswer(`bench: parsed ${objects.length} objects, generated ${dump.objects}`);

    // Warm-up audit, checked against the planted violations; only its
    // numbers are kept, so one report is alive at each memory snapshot.
    s = nowNs();
    const firstStats = ((): { violations: number; results: number } => {
      const first = auditObjects(objects, policy, cache);
      checkAudit(first, dump);
      consume(first);
      return { violations: first.violations, results: first.results.length };
    })();
    const firstMs = msSince(s);

    // Timed audits: each builds its inventory from the objects and loads it
    // into every template's module once, then reviews every object.
    const runs = quick ? 1 : 2;
    const before = memorySnapshot();
    const evalMs: number[] = [];
    const evalCpuMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      const c0 = cpuUs();
      const t0 = nowNs();
      const r = auditObjects(objects, policy, cache);
      evalMs.push(msSince(t0));
      evalCpuMs.push((cpuUs() - c0) / 1e3);
      consume(r);
      if (i === runs - 1) checkAudit(r, dump);
    }
    const after = memorySnapshot();
    const delta = memoryDelta(before, after);

    // Info: what the per-audit inventory costs, apart from reviewing objects.
    s = nowNs();
    const inventory = buildInventory(objects.map((o) => o.object));
    const inventoryBuildMs = msSince(s);
    const probe = { review: { kind: { group: "", version: "v1", kind: "ConfigMap" }, operation: "CREATE", object: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "probe", namespace: "probe" } } }, parameters: {} };
    s = nowNs();
    for (const t of policy.templates) {
      try {
        consume(cache.get(t).evaluate(probe, { inventory }));
      } catch {
        // Only the data load is of interest here.
      }
    }
    const inventoryLoadMs = msSince(s);

    const n = dump.objects;
    const ev = summarize(evalMs);
    const evCpu = median(evalCpuMs);
    const usPerObj = (ev.median * 1000) / n;
    const rate = (ms: number) => (n / ms) * 1000;
    const kinds = Object.entries(dump.kinds).map(([k, c]) => `${fmtInt(c)} ${k}`).join(", ");
    const rows: string[][] = [
      ["step", "runs", "median ms", "min ms", "cpu ms", "objects/s", "cpu objects/s", "us/object"],
      ["read + YAML parse", "1", fmtMs(parseMs), "", fmtMs(parseCpuMs), fmtInt(rate(parseMs)), fmtInt(rate(parseCpuMs)), fmtUs((parseMs * 1000) / n)],
      ["evaluate (auditObjects)", String(ev.n), fmtMs(ev.median), fmtMs(ev.min), fmtMs(evCpu), fmtInt(rate(ev.median)), fmtInt(rate(evCpu)), fmtUs(usPerObj)],
      ["  of which inventory build (info)", "1", fmtMs(inventoryBuildMs), "", "", "", "", ""],
      [`  of which inventory -> ${policy.templates.length} modules (info)`, "1", fmtMs(inventoryLoadMs), "", "", "", "", ""],
      ["first audit (checked; cold)", "1", fmtMs(firstMs), "", "", fmtInt(rate(firstMs)), "", fmtUs((firstMs * 1000) / n)],
    ];
    report.table(
      `Audit: ${fmtInt(n)} objects (${kinds}; ${fmtBytes(Buffer.byteLength(dump.text))} of YAML) against examples/policy.yaml's bundle (${policy.templates.length} templates, ${policy.constraints.length} constraints); ${fmtInt(firstStats.violations)} violations on ${fmtInt(firstStats.results)} objects, as planted`,
      rows,
    );
    report.log(`  setup (not timed above): render bundle ${fmtMs(renderMs)} ms, compile ${policy.templates.length} templates ${fmtMs(compileMs)} ms, generate dump ${fmtMs(genMs)} ms`);
    report.log(`  parse / evaluate: ${fmtRatio(parseMs / ev.median)}; evaluation includes building the inventory and loading the part each template reads into its module (SDK setData) once per audit; without those two: ~${fmtUs(((ev.median - inventoryBuildMs - inventoryLoadMs) * 1000) / n)} us/object`);
    const memRows: string[][] = [["memory (after full GC)", "before", "after", "delta"]];
    for (const k of ["rss", "heapUsed", "external", "arrayBuffers"] as const) memRows.push([k, fmtBytes(before[k]), fmtBytes(after[k]), fmtSignedBytes(delta[k])]);
    report.table(`Memory across ${runs} audits of the same ${fmtInt(n)} objects (after the warm-up audit)`, memRows);

    report.result("audit", {
      objects: n,
      kinds: dump.kinds,
      archetypes: dump.archetypes,
      yamlBytes: Buffer.byteLength(dump.text),
      templates: policy.templates.length,
      constraints: policy.constraints.length,
      violations: firstStats.violations,
      objectsWithViolations: firstStats.results,
      renderMs,
      compileMs,
      generateMs: genMs,
      parse: { runs: 1, ms: parseMs, cpuMs: parseCpuMs, objectsPerSec: rate(parseMs) },
      evaluate: { runs: ev.n, medianMs: ev.median, minMs: ev.min, cpuMedianMs: evCpu, objectsPerSec: rate(ev.median), cpuObjectsPerSec: rate(evCpu), usPerObject: usPerObj, firstMs, inventoryBuildMs, inventoryLoadMs },
      memory: { before, after, delta },
    });
    report.goal(
      { name: "audit-eval-per-object", value: usPerObj, unit: "us", target: GOAL_AUDIT_US_PER_OBJECT, note: `${fmtInt(rate(ev.median))} objects/s wall, ${fmtInt(rate(evCpu))} objects/s cpu; goal >= 20,000 objects/s; YAML parse ${fmtMs(parseMs)} ms apart` },
      fmtUsU,
    );
    report.goal({ name: "audit-rss-growth", value: delta.rss, unit: "B", target: GOAL_AUDIT_RSS_GROWTH, note: `${runs} audits; heapUsed ${fmtSignedBytes(delta.heapUsed)}` }, fmtBytesU);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// ----------------------------------------------------------------- main

const { engine, problem } = await loadBenchEngine();
if (!engine) {
  report.log(`no Wasm engine: ${problem}`);
  report.result("engineProblem", problem);
  const note = `not measured: ${problem}`;
  for (const key of ["generated", "library", "policies"]) {
    report.goal({ name: `suite-vs-null-runner:${key}`, value: NaN, unit: "x", target: GOAL_VS_NULL, note }, fmtRatioU);
    report.goal({ name: `suite-vs-gator-lane:${key}`, value: NaN, unit: "x", target: GOAL_VS_GATOR, note }, fmtRatioU);
  }
  report.goal({ name: "audit-eval-per-object", value: NaN, unit: "us", target: GOAL_AUDIT_US_PER_OBJECT, note }, fmtUsU);
  report.goal({ name: "audit-rss-growth", value: NaN, unit: "B", target: GOAL_AUDIT_RSS_GROWTH, note }, fmtBytesU);
} else {
  report.log(`engine: ${engine.source}`);
  for (const w of workloads()) {
    try {
      await suites(engine, w);
    } finally {
      w.remove?.();
    }
  }
  await audit(engine);
}
process.exitCode = report.finish();
