import type { Command } from "commander";
import * as fs from "node:fs";
import * as path from "node:path";
import {
  renderBundle,
  loadPolicyFile,
  error,
  formatDiagnostic,
  GwpcError,
  type Diagnostic,
  compileRego,
  formatRegoTestHuman,
  readRegoSources,
  runRegoTests,
  WasmEngine,
  type RegoVersion,
  auditExitCode,
  auditJson,
  auditObjects,
  formatAuditHuman,
  loadBundleDir,
  policyFromObjects,
  readClusterDump,
  readObjectsText,
  type PolicySet,
  type SourcedObject,
  policyToJSON,
  formatHuman,
  formatJson,
  formatJunit,
  verifyExitCode,
  closingLine,
  parseFilter,
  InputError,
  countResults,
  discoverSuites,
  type Counts,
  type VerifyReport,
  type RegoTestReport,
} from "../index.js";
import { regoTestJsonValue, regoTestSuites } from "../engine/rego-test-report.js";
import { runSuitesParallel, verifyParallel, type ParallelOptions } from "../suite/workers.js";
import type { CommandContext } from "./main.js";

/** build, test, verify, audit: the Rego -> Wasm compiler and the Gatekeeper harness. */
export function registerCompilerCommands(program: Command, ctx: CommandContext): void {
  program
    .command("build")
    .description("compile Rego to a Wasm module for the OPA Wasm ABI (as `opa build -t wasm`, writing the .wasm itself)")
    .argument("<paths...>", ".rego files or directories")
    .option("-e, --entrypoint <pkg/rule>", "an entrypoint; repeat for more (in order)", collect, [])
    .option("-o, --output <file>", "where to write the module (default policy.wasm; the plan goes to stdout unless given)")
    .option("-t, --target <target>", "wasm, or plan to print the IR as JSON", "wasm")
    .option("--v0-compatible", "parse the Rego as v0 (the default is v1)")
    .action((paths: string[], o: { entrypoint: string[]; output?: string; target: string; v0Compatible?: boolean }) => build(paths, o, ctx));

  program
    .command("test")
    .description("test policies end to end through the Wasm engine: Rego unit tests (rules named test_*, as `opa test`) and gator Suite files")
    .argument("[paths...]", ".rego files, Suite files, or directories (searched recursively for both)", [])
    .option("--v0-compatible", "parse the Rego as v0 (the default is v1)")
    .option("-o, --output <format>", "human, json or junit", "human")
    .option("-r, --run <regex>", "only Rego tests whose name (data.pkg.test_x) matches, and suite cases matching it as gator's test//case filter")
    .option("-v, --verbose", "list passing Rego tests and skipped cases too")
    .option("--workers <n>", "worker threads for the suites (1 runs them in-process; default min(cores, suites, 4))")
    .action((paths: string[], o: TestOptions) => test(paths, o, ctx));

  program
    .command("verify")
    .description("run gator Suite files (test.gatekeeper.sh/v1alpha1) through the Wasm engine")
    .argument("[paths...]", "suite files, directories, or dir/... for everything below")
    .option("--run <regex>", "gator's filter: test//case regular expressions")
    .option("-o, --output <format>", "human, json or junit", "human")
    .option("-v, --verbose", "also list skipped cases")
    .option("--workers <n>", "worker threads (1 runs the suites in-process; default min(cores, suites, 4))")
    .action((paths: string[], o: { run?: string; output: string; verbose?: boolean; workers?: string }) => runVerify(paths, o, ctx));

  program
    .command("audit")
    .description("evaluate a cluster dump against a policy file or a compiled bundle directory")
    .argument("<policy>", "policy.yaml, or a bundle directory (out/)")
    .requiredOption("-f, --filename <objects...>", "object files or directories (multi-document YAML, kind: List); - for stdin")
    .option("-o, --output <format>", "human or json", "human")
    .action((policy: string, o: { filename: string[]; output: string }) => audit(policy, o, ctx));
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function choice(option: string, value: string, allowed: readonly string[]): void {
  if (!allowed.includes(value)) throw new GwpcError([error("gwpc_usage", `${option} must be one of ${allowed.join(", ")}; got "${value}"`)]);
}

/** `data.a.b` and `a.b` are accepted for `a/b`, as opa build accepts refs. */
function entrypointPath(e: string): string {
  if (e.includes("/")) return e.replace(/^\/+|\/+$/g, "");
  return e.replace(/^data\./, "").split(".").join("/");
}

/** User errors as GwpcError; exit 70 when the cause is a gwpc bug. */
function fail(ds: Diagnostic[]): never {
  throw new GwpcError(ds, ds.some((d) => d.code === "gwpc_internal") ? 70 : 2);
}

function readSources(paths: string[], v0: boolean | undefined, ctx: CommandContext) {
  const regoVersion: RegoVersion = v0 ? "v0" : "v1";
  const r = readRegoSources(paths, ctx.io.cwd);
  if (r.diagnostics.length > 0) fail(r.diagnostics);
  if (r.files.length === 0) fail([error("gwpc_no_input", `no .rego files in ${paths.join(", ")}`)]);
  return { regoVersion, sources: r.files.map((f) => ({ ...f, regoVersion })) };
}

function build(paths: string[], o: { entrypoint: string[]; output?: string; target: string; v0Compatible?: boolean }, ctx: CommandContext): void {
  choice("-t/--target", o.target, ["wasm", "plan"]);
  if (o.entrypoint.length === 0) fail([error("gwpc_usage", "at least one entrypoint is required (-e pkg/rule)")]);
  const { regoVersion, sources } = readSources(paths, o.v0Compatible, ctx);
  const entrypoints = o.entrypoint.map(entrypointPath);
  const r = compileRego(sources, entrypoints, { regoVersion });
  const errors = r.diagnostics.filter((d) => d.severity === "error");
  for (const d of r.diagnostics) if (d.severity === "warning") ctx.io.stderr(`gwpc: warning: ${formatDiagnostic(d)}\n`);
  if (o.target === "plan") {
    if (!r.policy) fail(errors);
    const text = policyToJSON(r.policy, "  ") + "\n";
    if (o.output === undefined) ctx.io.stdout(text);
    else writeOutput(o.output, text, ctx);
    // The plan is still printed when the backend refused it: it is what one would look at.
    if (errors.length > 0) fail(errors);
    return;
  }
  if (!r.wasm || errors.length > 0) fail(errors);
  const out = o.output ?? "policy.wasm";
  writeOutput(out, r.wasm, ctx);
  ctx.io.stdout(`wrote ${out} (${r.wasm.length} bytes; entrypoints: ${entrypoints.join(", ")})\n`);
}

function writeOutput(file: string, data: string | Uint8Array, ctx: CommandContext): void {
  try {
    fs.writeFileSync(ctx.resolve(file), data);
  } catch (e) {
    fail([error("gwpc_io", `cannot write: ${(e as Error).message}`, { file, line: 0, col: 0 })]);
  }
}

interface TestOptions {
  v0Compatible?: boolean;
  output: string;
  run?: string;
  verbose?: boolean;
  workers?: string;
}

/** The default `gwpc test` target: the project's own policies. */
const DEFAULT_TEST_PATHS = ["policies"];

/**
 * `gwpc test`: Rego unit tests and gator Suites under the same paths. A
 * directory (or dir/...) is searched recursively for both, a .rego file is
 * a Rego test file, a .yaml/.yml file a Suite. A Rego parse or compile
 * error is reported (exit 2) and the suites still run.
 */
async function test(paths: string[], o: TestOptions, ctx: CommandContext): Promise<void> {
  choice("-o/--output", o.output, ["human", "json", "junit"]);
  const workers = workersOption(o.workers);
  const run = o.run === undefined ? undefined : regex(o.run, "--run");
  try {
    parseFilter(o.run);
  } catch (e) {
    if (e instanceof InputError) fail([error(e.code, `--run: ${e.message}`)]);
    throw e;
  }
  const targets = paths.length > 0 ? paths : DEFAULT_TEST_PATHS;
  const regoPaths: string[] = [];
  const suiteTargets: string[] = [];
  for (const t of targets) {
    const base = t === "..." ? "." : t.endsWith("/...") ? t.slice(0, -4) || "/" : t;
    let st: fs.Stats;
    try {
      st = fs.statSync(ctx.resolve(base));
    } catch {
      return fail([error("gwpc_missing_file", "no such file or directory", { file: t, line: 0, col: 0 })]);
    }
    if (st.isDirectory()) {
      regoPaths.push(base);
      suiteTargets.push(base === "." ? "..." : `${base.replace(/\/+$/, "")}/...`);
    } else if (/\.rego$/.test(base)) regoPaths.push(base);
    else if (/\.ya?ml$/.test(base)) suiteTargets.push(base);
    else fail([error("gwpc_usage", `not a .rego file, a Suite (.yaml) or a directory`, { file: t, line: 0, col: 0 })]);
  }

  // Rego unit tests.
  let rego: RegoTestReport | undefined;
  if (regoPaths.length > 0) {
    const regoVersion: RegoVersion = o.v0Compatible ? "v0" : "v1";
    const r = readRegoSources(regoPaths, ctx.io.cwd);
    if (r.diagnostics.length > 0) fail(r.diagnostics);
    if (r.files.length > 0) {
      const report = await runRegoTests(r.files.map((f) => ({ ...f, regoVersion })), run ? { regoVersion, run } : { regoVersion });
      if (report.diagnostics.length > 0 || report.results.length > 0) rego = report;
    }
  }

  // Suites.
  const start = performance.now();
  const found = suiteTargets.length > 0 ? discoverSuites(suiteTargets, { cwd: ctx.io.cwd }) : { suites: [], diagnostics: [] };
  let suites: VerifyReport | undefined;
  if (found.suites.length > 0 || found.diagnostics.length > 0) {
    const progress = suiteProgress(o.output, ctx);
    const results = await runSuitesParallel(found.suites, { ...(o.run !== undefined ? { run: o.run } : {}), ...(workers !== undefined ? { workers } : {}), ...progress.options });
    progress.end();
    suites = { suites: results, diagnostics: found.diagnostics, durationMs: performance.now() - start, counts: countResults(results, found.diagnostics.length) };
  }

  if (!rego && !suites) fail([error("gwpc_no_tests", `no tests (rules named test_*) and no Suite (test.gatekeeper.sh/v1alpha1) in ${targets.join(", ")}`)]);
  // Rego that does not parse or compile: nothing of it ran; always on stderr, as before.
  if (rego && rego.diagnostics.length > 0) {
    ctx.io.stderr(rego.diagnostics.map((d) => `gwpc: ${formatDiagnostic(d)}\n`).join(""));
    ctx.setExit(2);
  }
  const regoRan = rego && rego.diagnostics.length === 0 ? rego : undefined;

  if (o.output === "json") {
    ctx.io.stdout(JSON.stringify({ rego: rego ? regoTestJsonValue(rego) : null, suites: suites ? JSON.parse(formatJson(suites)) : null }, null, 2) + "\n");
  } else if (o.output === "junit") {
    const regoSuites = regoRan ? regoTestSuites(regoRan) : [];
    const all = [...regoSuites, ...(suites?.suites ?? [])];
    const diagnostics = [...(rego?.diagnostics ?? []), ...(suites?.diagnostics ?? [])];
    const combined: VerifyReport = { suites: all, diagnostics, durationMs: (suites?.durationMs ?? 0) + regoSuites.reduce((n, s) => n + s.durationMs, 0), counts: countResults(all, diagnostics.length) };
    ctx.io.stdout(formatJunit(combined).replace('<testsuites name="gwpc verify"', '<testsuites name="gwpc test"'));
  } else {
    const color = ctx.io.isTTY;
    const parts: string[] = [];
    if (regoRan) parts.push(formatRegoTestHuman(regoRan, { verbose: o.verbose === true, color }));
    if (suites) parts.push(formatHuman(suites, { color, verbose: o.verbose === true }));
    let text = parts.join("\n");
    if (regoRan && suites) text += `\ntotal: ${closingLine(addCounts(regoCounts(regoRan), suites.counts))}\n`;
    ctx.io.stdout(text);
  }
  if (regoRan && regoRan.results.some((r) => r.outcome === "fail" || r.outcome === "error")) ctx.setExit(1);
  if (suites) ctx.setExit(verifyExitCode(suites));
}

function regoCounts(r: RegoTestReport): Counts {
  const n = (o: string) => r.results.filter((t) => t.outcome === o).length;
  return { passed: n("pass"), failed: n("fail"), errors: n("error"), skipped: n("skip") };
}

function addCounts(a: Counts, b: Counts): Counts {
  return { passed: a.passed + b.passed, failed: a.failed + b.failed, errors: a.errors + b.errors, skipped: a.skipped + b.skipped };
}

/** `--workers N`: a positive integer. */
function workersOption(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^[1-9][0-9]*$/.test(v.trim())) fail([error("gwpc_usage", `--workers must be a positive integer; got "${v}"`)]);
  return Number(v);
}

/** The `N cases...` line on a terminal (human output only), cleared at the end. */
function suiteProgress(output: string, ctx: CommandContext): { options: Pick<ParallelOptions, "onCase">; end: () => void } {
  const tty = ctx.io.isTTY && output === "human";
  let progress = 0;
  return {
    options: tty ? { onCase: () => void (++progress % 50 === 0 && ctx.io.stderr(`\r${progress} cases...`)) } : {},
    end: () => void (tty && progress >= 50 && ctx.io.stderr("\r\u001b[K")),
  };
}

function regex(text: string, option: string): RegExp {
  try {
    return new RegExp(text);
  } catch (e) {
    return fail([error("gwpc_usage", `${option}: invalid regular expression: ${(e as Error).message}`)]);
  }
}

async function runVerify(paths: string[], o: { run?: string; output: string; verbose?: boolean; workers?: string }, ctx: CommandContext): Promise<void> {
  choice("-o/--output", o.output, ["human", "json", "junit"]);
  const workers = workersOption(o.workers);
  const progress = suiteProgress(o.output, ctx);
  const report = await verifyParallel(paths, {
    cwd: ctx.io.cwd,
    ...(o.run !== undefined ? { run: o.run } : {}),
    ...(workers !== undefined ? { workers } : {}),
    ...progress.options,
  });
  progress.end();
  if (o.output === "json") ctx.io.stdout(formatJson(report));
  else if (o.output === "junit") ctx.io.stdout(formatJunit(report));
  else ctx.io.stdout(formatHuman(report, { color: ctx.io.isTTY, verbose: o.verbose === true }));
  ctx.setExit(verifyExitCode(report));
}

function audit(policyPath: string, o: { filename: string[]; output: string }, ctx: CommandContext): void {
  choice("-o/--output", o.output, ["human", "json"]);
  const loaded = loadPolicySet(policyPath, ctx);
  const stdinText = o.filename.includes("-") ? fs.readFileSync(0, "utf8") : undefined;
  const dump = readClusterDump(o.filename, stdinText === undefined ? { cwd: ctx.io.cwd } : { cwd: ctx.io.cwd, stdinText });
  const report = auditObjects(dump.objects, loaded.policy, new WasmEngine());
  report.diagnostics.unshift(...loaded.diagnostics, ...dump.diagnostics);
  if (o.output === "json") {
    for (const d of report.diagnostics) ctx.io.stderr(`gwpc: ${formatDiagnostic(d)}\n`);
    ctx.io.stdout(JSON.stringify(auditJson(report), null, 2) + "\n");
  } else ctx.io.stdout(formatAuditHuman(report, { color: ctx.io.isTTY }));
  ctx.setExit(auditExitCode(report));
}

/** A bundle directory as written by `gwpc compile`, or a policy file rendered in memory. */
function loadPolicySet(p: string, ctx: CommandContext): { policy: PolicySet; diagnostics: Diagnostic[] } {
  const abs = ctx.resolve(p);
  let isDir = false;
  try {
    isDir = fs.statSync(abs).isDirectory();
  } catch {
    fail([error("gwpc_missing_file", "no such file or directory", { file: p, line: 0, col: 0 })]);
  }
  if (isDir) return loadBundleDir(abs, p);
  const policy = loadPolicyFile(abs, { displayName: p, onWarning: (d) => ctx.io.stderr(`gwpc: warning: ${formatDiagnostic(d)}\n`) });
  const objects: SourcedObject[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const [name, content] of renderBundle(policy, { sourceName: p })) {
    if (typeof content !== "string" || !/\.ya?ml$/.test(name) || name === "kustomization.yaml") continue;
    const r = readObjectsText(content, `${p}:${path.posix.normalize(name)}`);
    objects.push(...r.objects);
    diagnostics.push(...r.diagnostics.filter((d) => d.code !== "gwpc_object"));
  }
  const r = policyFromObjects(objects);
  return { policy: r.policy, diagnostics: [...diagnostics, ...r.diagnostics] };
}
