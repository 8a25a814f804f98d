/**
 * Timing helpers shared by the benches in bench/: statistics, one-shot
 * sampling (compile times), interleaved throughput lanes (evaluate latency
 * against baselines measured in the same run), memory snapshots, and a
 * report that prints a table plus one `goal ...` line per goal, or JSON.
 *
 * Benches print ratios to baselines measured alongside, never absolute
 * thresholds alone: the machine may be loaded, the ratio survives that much
 * better than the raw numbers.
 */
import { cpus, loadavg } from "node:os";
import { parseArgs } from "node:util";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

// ------------------------------------------------------------------ clock

/** Monotonic nanoseconds. */
export const nowNs = (): bigint => process.hrtime.bigint();

/** Milliseconds since `start` (from `nowNs()`). */
export const msSince = (start: bigint): number => Number(nowNs() - start) / 1e6;

/**
 * Keeps results alive so the optimiser cannot drop the work that made them.
 * Benches pass every result through it.
 */
let sink: unknown;
export function consume(x: unknown): void {
  sink = x;
}
export function lastConsumed(): unknown {
  return sink;
}

// ------------------------------------------------------------- statistics

/**
 * The p-th percentile (0..100) of ascending `sorted`, interpolating linearly
 * between the two nearest ranks (R-7 / NumPy's default). NaN when empty.
 */
export function percentile(sorted: readonly number[], p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = ((n - 1) * Math.min(100, Math.max(0, p))) / 100;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

const ascending = (xs: readonly number[]): number[] => [...xs].sort((a, b) => a - b);

export function median(xs: readonly number[]): number {
  return percentile(ascending(xs), 50);
}

export interface Stats {
  n: number;
  min: number;
  median: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

export function summarize(xs: readonly number[]): Stats {
  const s = ascending(xs);
  const mean = s.reduce((a, b) => a + b, 0) / (s.length || 1);
  return { n: s.length, min: s[0] ?? NaN, median: percentile(s, 50), p90: percentile(s, 90), p99: percentile(s, 99), max: s[s.length - 1] ?? NaN, mean };
}

// ------------------------------------------------- one-shot sampling (ms)

/**
 * Process CPU time (user + system, all threads) in microseconds. On a loaded
 * machine wall time includes time spent preempted by other processes; CPU
 * time does not, so benches report it beside wall time as a cross-check.
 */
export function cpuUs(): number {
  const u = process.cpuUsage();
  return u.user + u.system;
}

export interface SampleOptions {
  /** Untimed runs first (JIT warm-up). */
  warmup: number;
  /** Timed runs wanted. */
  runs: number;
  /** Stop early once this much time was spent on timed runs... */
  maxMs?: number;
  /** ...but only after at least this many (default 5). */
  minRuns?: number;
}

/** Per-run wall time (hrtime) and process CPU time, in milliseconds. */
export interface Samples {
  wallMs: number[];
  cpuMs: number[];
}

/**
 * Times `fn` once per run: for operations that take long enough (> ~50 us)
 * to time one at a time, such as compiling a policy.
 */
export function sampleSync(fn: () => unknown, o: SampleOptions): Samples {
  for (let i = 0; i < o.warmup; i++) consume(fn());
  const out: Samples = { wallMs: [], cpuMs: [] };
  const start = nowNs();
  const minRuns = o.minRuns ?? 5;
  while (out.wallMs.length < o.runs) {
    const c0 = cpuUs();
    const t0 = nowNs();
    consume(fn());
    out.wallMs.push(msSince(t0));
    out.cpuMs.push((cpuUs() - c0) / 1e3);
    if (o.maxMs !== undefined && out.wallMs.length >= minRuns && msSince(start) > o.maxMs) break;
  }
  return out;
}

/** `sampleSync` for async operations (loading a module, running a suite). */
export async function sampleAsync(fn: () => Promise<unknown>, o: SampleOptions): Promise<Samples> {
  for (let i = 0; i < o.warmup; i++) consume(await fn());
  const out: Samples = { wallMs: [], cpuMs: [] };
  const start = nowNs();
  const minRuns = o.minRuns ?? 5;
  while (out.wallMs.length < o.runs) {
    const c0 = cpuUs();
    const t0 = nowNs();
    consume(await fn());
    out.wallMs.push(msSince(t0));
    out.cpuMs.push((cpuUs() - c0) / 1e3);
    if (o.maxMs !== undefined && out.wallMs.length >= minRuns && msSince(start) > o.maxMs) break;
  }
  return out;
}

// ------------------------------------------- interleaved throughput lanes

/** One operation per call; its result goes to `consume`. */
export interface Lane {
  name: string;
  fn: () => unknown;
}

export interface LaneOptions {
  /** Measured rounds; each round runs every lane once, in rotated order. */
  rounds: number;
  /** Target duration of one lane's batch within a round. */
  roundMs: number;
  /** Untimed warm-up per lane, also used to size the batches. */
  warmupMs: number;
}

export interface LaneResult {
  name: string;
  /** Operations per batch (same in every round). */
  batch: number;
  /** Wall nanoseconds per operation (hrtime), one sample per round. */
  nsPerOp: number[];
  /** Process CPU nanoseconds per operation, one sample per round. */
  cpuNsPerOp: number[];
  /** Summary of `nsPerOp`. */
  stats: Stats;
  /** From the median round. */
  usPerOp: number;
  opsPerSec: number;
}

/** Wall ns of `n` calls; CPU ns in `cpu[0]` when given. */
function runBatch(fn: () => unknown, n: number, cpu?: number[]): number {
  const c0 = cpu ? cpuUs() : 0;
  const t0 = nowNs();
  for (let i = 0; i < n; i++) consume(fn());
  const ns = Number(nowNs() - t0);
  if (cpu) cpu[0] = (cpuUs() - c0) * 1e3;
  return ns;
}

/**
 * Measures several lanes against each other. Each round runs a fixed batch
 * of every lane back to back, starting with a different lane each round, so
 * drift (load from other processes, thermal, GC pressure) hits all lanes
 * alike; compare lanes with `pairedRatio`, which divides within rounds.
 */
export function runLanes(lanes: readonly Lane[], o: LaneOptions): Map<string, LaneResult> {
  const batches = lanes.map((lane) => {
    // Warm up for warmupMs, doubling the batch, and size the real batch from the rate seen.
    let n = 1;
    let ops = 0;
    let ns = 0;
    while (ns < o.warmupMs * 1e6) {
      ns += runBatch(lane.fn, n);
      ops += n;
      n *= 2;
    }
    return Math.max(1, Math.round((o.roundMs * 1e6) / (ns / ops)));
  });
  const samples = lanes.map(() => [] as number[]);
  const cpuSamples = lanes.map(() => [] as number[]);
  const cpu = [0];
  for (let r = 0; r < o.rounds; r++) {
    for (let k = 0; k < lanes.length; k++) {
      const i = (r + k) % lanes.length;
      samples[i]!.push(runBatch(lanes[i]!.fn, batches[i]!, cpu) / batches[i]!);
      cpuSamples[i]!.push(cpu[0]! / batches[i]!);
    }
  }
  const out = new Map<string, LaneResult>();
  lanes.forEach((lane, i) => {
    const stats = summarize(samples[i]!);
    out.set(lane.name, { name: lane.name, batch: batches[i]!, nsPerOp: samples[i]!, cpuNsPerOp: cpuSamples[i]!, stats, usPerOp: stats.median / 1e3, opsPerSec: 1e9 / stats.median });
  });
  return out;
}

/** Median over rounds of a's time / b's time in the same round (wall, or CPU time with `cpu`). */
export function pairedRatio(a: LaneResult, b: LaneResult, cpu = false): number {
  const xs = cpu ? a.cpuNsPerOp : a.nsPerOp;
  const ys = cpu ? b.cpuNsPerOp : b.nsPerOp;
  const n = Math.min(xs.length, ys.length);
  return median(Array.from({ length: n }, (_, i) => xs[i]! / ys[i]!));
}

// ----------------------------------------------------------------- memory

let gcFn: (() => void) | undefined;

/**
 * Full garbage collection, without needing `node --expose-gc` (the flag is
 * switched on at run time and `gc` fetched from a fresh context).
 */
export function fullGc(): void {
  if (!gcFn) {
    const g = (globalThis as { gc?: () => void }).gc;
    if (g) gcFn = g;
    else {
      setFlagsFromString("--expose-gc");
      gcFn = runInNewContext("gc") as () => void;
    }
  }
  gcFn();
  gcFn();
}

export interface MemorySnapshot {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
}

/** process.memoryUsage() after a full GC. */
export function memorySnapshot(): MemorySnapshot {
  fullGc();
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, arrayBuffers: m.arrayBuffers };
}

export function memoryDelta(before: MemorySnapshot, after: MemorySnapshot): MemorySnapshot {
  return {
    rss: after.rss - before.rss,
    heapUsed: after.heapUsed - before.heapUsed,
    heapTotal: after.heapTotal - before.heapTotal,
    external: after.external - before.external,
    arrayBuffers: after.arrayBuffers - before.arrayBuffers,
  };
}

// ------------------------------------------------------------- formatting

export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return "-";
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}

export function fmtUs(us: number): string {
  if (!Number.isFinite(us)) return "-";
  return us >= 100 ? us.toFixed(0) : us >= 1 ? us.toFixed(2) : us.toFixed(3);
}

export function fmtInt(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

export function fmtBytes(n: number): string {
  const a = Math.abs(n);
  const body = a >= 1 << 20 ? `${(a / (1 << 20)).toFixed(1)} MiB` : a >= 1024 ? `${(a / 1024).toFixed(1)} KiB` : `${a} B`;
  return n < 0 ? `-${body}` : body;
}

export function fmtSignedBytes(n: number): string {
  return (n > 0 ? "+" : "") + fmtBytes(n);
}

export function fmtRatio(x: number): string {
  if (!Number.isFinite(x)) return "-";
  return `${x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x >= 0.1 ? x.toFixed(2) : x.toPrecision(2)}x`;
}

/** Plain-text table: first row is the header; numbers right-aligned. */
export function formatTable(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  const numeric = (c: string): boolean => /^[-+]?[\d.,]+\s*(x|%|[KMG]?i?B|B|ms|us)?$/.test(c);
  return rows
    .map((r, ri) => r.map((c, i) => (ri > 0 && numeric(c) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  ").trimEnd())
    .join("\n");
}

// ---------------------------------------------------------------- report

export interface Goal {
  name: string;
  value: number;
  unit: string;
  /** Pass when value <= target. */
  target: number;
  pass: boolean;
  /** Extra context printed after the target. */
  note?: string;
}

export interface EnvInfo {
  node: string;
  platform: string;
  cpus: number;
  cpuModel: string;
  loadavgStart: number[];
  loadavgEnd?: number[];
  startedAt: string;
  durationMs?: number;
}

export interface BenchArgs {
  json: boolean;
  quick: boolean;
  strict: boolean;
}

/**
 * --json: print only the JSON report on stdout (progress goes to stderr).
 * --quick: fewer runs, for a smoke test. --strict: exit 1 when a goal misses.
 */
export function benchArgs(argv: string[] = process.argv.slice(2)): BenchArgs {
  let values: { json?: boolean; quick?: boolean; strict?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { json: { type: "boolean", default: false }, quick: { type: "boolean", default: false }, strict: { type: "boolean", default: false } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    process.stderr.write(`bench: ${(e as Error).message}\nusage: vite-node bench/<name>.ts [--json] [--quick] [--strict]\n`);
    process.exit(2);
  }
  return { json: values.json === true, quick: values.quick === true, strict: values.strict === true };
}

/**
 * Collects a bench's tables, results and goals; prints text or JSON at the
 * end. Tables are printed as they come in text mode (progress on stderr in
 * JSON mode), so a long bench shows its progress.
 */
export class Report {
  readonly env: EnvInfo;
  readonly goals: Goal[] = [];
  readonly results: Record<string, unknown> = {};
  private readonly started = nowNs();

  constructor(
    readonly bench: string,
    readonly args: BenchArgs,
  ) {
    const c = cpus();
    this.env = { node: process.version, platform: `${process.platform}-${process.arch}`, cpus: c.length, cpuModel: c[0]?.model ?? "?", loadavgStart: loadavg().map(round2), startedAt: new Date().toISOString() };
    this.log(`bench ${bench}: node ${this.env.node}, ${this.env.cpus} cpus, load average ${this.env.loadavgStart.join(" ")}${args.quick ? " (--quick)" : ""}`);
  }

  /** A progress or text line: stdout in text mode, stderr in JSON mode. */
  log(line = ""): void {
    (this.args.json ? process.stderr : process.stdout).write(line + "\n");
  }

  table(title: string, rows: readonly (readonly string[])[]): void {
    this.log();
    this.log(title);
    this.log(formatTable(rows).replace(/^/gm, "  "));
  }

  result(key: string, value: unknown): void {
    this.results[key] = value;
  }

  goal(g: Omit<Goal, "pass">, format: (v: number) => string = String): Goal {
    const goal = { ...g, pass: g.value <= g.target };
    this.goals.push(goal);
    this.goalLines.push(`goal ${g.name}: ${format(g.value)} (target <= ${format(g.target)}${g.note ? `; ${g.note}` : ""}) ${goal.pass ? "PASS" : "MISS"}`);
    return goal;
  }

  private readonly goalLines: string[] = [];

  /** Prints the goal lines (text) or the whole report (JSON); returns the exit code. */
  finish(): number {
    this.env.loadavgEnd = loadavg().map(round2);
    this.env.durationMs = Math.round(msSince(this.started));
    this.log();
    for (const l of this.goalLines) this.log(l);
    this.log(`done in ${(this.env.durationMs / 1000).toFixed(1)} s; load average at end ${this.env.loadavgEnd.join(" ")}`);
    if (this.args.json) process.stdout.write(JSON.stringify({ bench: this.bench, env: this.env, goals: this.goals, results: this.results }, null, 2) + "\n");
    return this.args.strict && this.goals.some((g) => !g.pass) ? 1 : 0;
  }
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
