import { SourceFile, sortDiagnostics, type Diagnostic } from "../diag/index.js";
import { parseModule } from "../rego/syntax/index.js";
import { compileRego } from "./compile.js";
import type { RegoSource, RegoVersion } from "./frontend.js";
import { EvalError, evaluateEntrypoint, jsonBuffer, loadWasm } from "./load.js";

/** OPA's prefixes: `test_` rules are tests, `todo_test_` rules are reported as skipped. */
export const TEST_PREFIX = "test_";
export const SKIP_PREFIX = "todo_test_";

export interface RegoTest {
  /** `data.a.b` */
  package: string;
  name: string;
  /** `a/b/test_x` */
  entrypoint: string;
  file: string;
  row: number;
  col: number;
  skip: boolean;
}

export interface RegoTestResult extends RegoTest {
  outcome: "pass" | "fail" | "error" | "skip";
  durationMs: number;
  /** Why it errored (the evaluation error). */
  message?: string;
}

export interface RegoTestReport {
  results: RegoTestResult[];
  /** Parse or compile errors: nothing ran. */
  diagnostics: Diagnostic[];
}

/**
 * The tests of some modules, as `opa test` finds them: every rule (not a
 * function) named `test_*` or `todo_test_*`, once per package and name,
 * at its first definition.
 */
export function discoverTests(sources: RegoSource[], regoVersion: RegoVersion): { tests: RegoTest[]; diagnostics: Diagnostic[] } {
  const tests: RegoTest[] = [];
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const s of sources) {
    const r = parseModule(s.file, s.text, { regoVersion: s.regoVersion ?? regoVersion });
    diagnostics.push(...r.diagnostics);
    if (!r.module) continue;
    const src = new SourceFile(s.file, s.text);
    const pkg = r.module.package.path;
    for (const rule of r.module.rules) {
      if (rule.head.kind === "function" || rule.head.ref.path.length > 0) continue;
      const name = rule.head.ref.head.name;
      const skip = name.startsWith(SKIP_PREFIX);
      if (!skip && !name.startsWith(TEST_PREFIX)) continue;
      const entrypoint = [...pkg, name].join("/");
      if (seen.has(entrypoint)) continue;
      seen.add(entrypoint);
      const at = src.position(rule.loc.start);
      tests.push({ package: ["data", ...pkg].join("."), name, entrypoint, file: s.file, row: at.line, col: at.col, skip });
    }
  }
  return { tests, diagnostics: sortDiagnostics(diagnostics) };
}

/**
 * Compile all modules together with every test as an entrypoint and
 * evaluate each with no input and no data: a test passes when its value
 * is defined and `true`; an evaluation error is an error.
 */
export async function runRegoTests(sources: RegoSource[], opts: { regoVersion: RegoVersion; run?: RegExp }): Promise<RegoTestReport> {
  const found = discoverTests(sources, opts.regoVersion);
  if (found.diagnostics.length > 0) return { results: [], diagnostics: found.diagnostics };
  const selected = found.tests.filter((t) => !opts.run || opts.run.test(`${t.package}.${t.name}`));
  const active = selected.filter((t) => !t.skip);
  const results: RegoTestResult[] = [];
  if (active.length === 0) return { results: selected.map(skipped), diagnostics: [] };
  const r = compileRego(sources, active.map((t) => t.entrypoint), { regoVersion: opts.regoVersion });
  if (!r.wasm) return { results: [], diagnostics: sortDiagnostics(r.diagnostics.filter((d) => d.severity === "error")) };
  const policy = await loadWasm(r.wasm);
  policy.setData(jsonBuffer({}));
  for (const t of selected) {
    if (t.skip) {
      results.push(skipped(t));
      continue;
    }
    const start = performance.now();
    try {
      const rs = evaluateEntrypoint(policy, t.entrypoint);
      results.push({ ...t, outcome: rs.length > 0 && rs[0] === true ? "pass" : "fail", durationMs: performance.now() - start });
    } catch (e) {
      if (!(e instanceof EvalError)) throw e;
      results.push({ ...t, outcome: "error", durationMs: performance.now() - start, message: e.message });
    }
  }
  return { results, diagnostics: [] };
}

function skipped(t: RegoTest): RegoTestResult {
  return { ...t, outcome: "skip", durationMs: 0 };
}
