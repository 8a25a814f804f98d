import * as path from "node:path";
import { error, formatDiagnostic, GwpcError } from "../diag/index.js";
import {
  addToInventory,
  buildReview,
  emptyInventory,
  ENFORCEMENT_POINTS,
  InputError,
  reviewConstraint,
  TemplateCache,
  type CompiledTemplate,
  type Constraint,
  type PolicyEngine,
} from "../gatekeeper/index.js";
import { AssertionFailure, checkAssertion } from "./assertion.js";
import { discoverSuites } from "./discover.js";
import { FixtureLoader } from "./fixtures.js";
import { parseFilter, type Filter } from "./filter.js";
import type { CaseResult, Counts, Outcome, Suite, SuiteCase, SuiteResult, SuiteTest, TestResult, VerifyReport } from "./model.js";
import { parameterProblems } from "./schema.js";

export interface RunOptions {
  engine: PolicyEngine | TemplateCache;
  /** gator's `--run` filter: `test//case` regexes. */
  run?: string;
  /** Where scoped enforcement actions are resolved; default gator.gatekeeper.sh. */
  enforcementPoint?: string;
  /** Share parsed fixtures across calls (one per run by default). */
  loader?: FixtureLoader;
  /** After each case: drives a progress line. */
  onCase?: (suite: Suite, test: SuiteTest, result: CaseResult) => void;
  /** Read and parse every fixture but evaluate nothing (cases report `skip`): the bench's null runner. */
  loadOnly?: boolean;
}

interface RunContext {
  cache: TemplateCache;
  filter: Filter;
  loader: FixtureLoader;
  point: string;
  opts: RunOptions;
}

/** Discover suites under `targets` and run them: the library form of `gwpc verify`. */
export function verify(targets: string[], opts: RunOptions & { cwd?: string }): VerifyReport {
  const start = performance.now();
  let filter: Filter;
  try {
    filter = parseFilter(opts.run);
  } catch (e) {
    if (e instanceof InputError) throw new GwpcError([error(e.code, e.message)]);
    throw e;
  }
  const { suites, diagnostics } = discoverSuites(targets, opts.cwd === undefined ? {} : { cwd: opts.cwd });
  if (suites.length === 0 && diagnostics.length === 0) {
    diagnostics.push(error("gwpc_no_suites", `no Suite (test.gatekeeper.sh/v1alpha1) found in ${targets.join(", ") || "."}`));
  }
  const results = runSuitesWith(suites, filter, opts);
  return { suites: results, diagnostics, durationMs: performance.now() - start, counts: countResults(results, diagnostics.length) };
}

export function runSuites(suites: Suite[], opts: RunOptions): SuiteResult[] {
  return runSuitesWith(suites, parseFilter(opts.run), opts);
}

function runSuitesWith(suites: Suite[], filter: Filter, opts: RunOptions): SuiteResult[] {
  const ctx: RunContext = {
    cache: opts.engine instanceof TemplateCache ? opts.engine : new TemplateCache(opts.engine),
    filter,
    loader: opts.loader ?? new FixtureLoader(),
    point: opts.enforcementPoint ?? ENFORCEMENT_POINTS.gator,
    opts,
  };
  return suites.map((s) => runSuite(s, ctx));
}

function runSuite(s: Suite, ctx: RunContext): SuiteResult {
  const start = performance.now();
  const tests = s.tests.map((t) => (s.skip ? skippedTest(t) : runTest(s, t, ctx)));
  return { path: s.path, file: s.file, name: s.name, outcome: s.skip ? "skip" : aggregate(tests.map((t) => t.outcome)), durationMs: performance.now() - start, tests };
}

function skippedTest(t: SuiteTest): TestResult {
  return { name: t.name, outcome: "skip", durationMs: 0, cases: t.cases.map((c) => ({ name: c.name, outcome: "skip", durationMs: 0 })) };
}

/** Resolve a path written in the suite: absolute path and the path shown in messages. */
function fixturePath(s: Suite, p: string): [string, string] {
  return [path.resolve(path.dirname(s.file), p), path.posix.join(path.posix.dirname(s.path), p)];
}

function runTest(s: Suite, t: SuiteTest, ctx: RunContext): TestResult {
  if (t.skip || !ctx.filter.matchesTest(t)) return skippedTest(t);
  const start = performance.now();
  let constraint: Constraint;
  let compiled: CompiledTemplate | undefined;
  try {
    if (!t.template) throw new InputError("invalid suite: missing template");
    const template = ctx.loader.template(...fixturePath(s, t.template));
    if (!t.constraint) throw new InputError("invalid suite: missing constraint");
    const [cAbs, cShown] = fixturePath(s, t.constraint);
    constraint = ctx.loader.constraint(cAbs, cShown);
    if (constraint.kind !== template.kind) {
      throw new InputError(`${cShown}: constraint kind ${constraint.kind} does not match the template's kind ${template.kind}`, "gwpc_constraint");
    }
    if (template.celOnly) throw new InputError(`${template.file}: template ${template.name} has only CEL code (K8sNativeValidation); gwpc evaluates Rego`, "gwpc_template");
    if (!ctx.opts.loadOnly) compiled = ctx.cache.get(template);
    const problems = parameterProblems(template, constraint);
    if (t.invalid) {
      const outcome: Outcome = problems.length > 0 ? "pass" : "fail";
      const r: TestResult = { name: t.name, outcome, durationMs: performance.now() - start, cases: [] };
      if (outcome === "fail") r.message = `${cShown}: the constraint should be invalid for its template (invalid: true), but its parameters match the schema`;
      return r;
    }
    if (problems.length > 0) throw new InputError(`${cShown}: spec.parameters do not match the template's schema: ${problems.join("; ")}`, "gwpc_constraint");
  } catch (e) {
    return { name: t.name, outcome: "error", message: errorText(e), durationMs: performance.now() - start, cases: [] };
  }
  const cases = t.cases.map((c) => {
    const r = c.skip || !ctx.filter.matchesCase(t.name, c.name) ? { name: c.name, outcome: "skip" as const, durationMs: 0 } : runCase(s, c, constraint, compiled, ctx);
    ctx.opts.onCase?.(s, t, r);
    return r;
  });
  return { name: t.name, outcome: aggregate(cases.map((c) => c.outcome)), durationMs: performance.now() - start, cases };
}

/** One case on a fresh inventory holding only its own inventory files (gator builds a new client per case). */
function runCase(s: Suite, c: SuiteCase, constraint: Constraint, compiled: CompiledTemplate | undefined, ctx: RunContext): CaseResult {
  const start = performance.now();
  const done = (outcome: Outcome, extra: Partial<CaseResult> = {}): CaseResult => ({ name: c.name, outcome, durationMs: performance.now() - start, ...extra });
  try {
    if (!c.object) throw new InputError("invalid case: must define object");
    if (c.assertions.length === 0) throw new InputError("invalid case: assertions must be non-empty");
    const [oAbs, oShown] = fixturePath(s, c.object);
    const objects = ctx.loader.objects(oAbs, oShown);
    if (objects.length !== 1) {
      throw new InputError(objects.length === 0 ? `${oShown}: defines no YAML objects` : `${oShown}: defines ${objects.length} objects; an object file must hold exactly one object (or one AdmissionReview)`, "gwpc_object");
    }
    const inventory = emptyInventory();
    for (const p of c.inventory) {
      const [iAbs, iShown] = fixturePath(s, p);
      for (const o of ctx.loader.objects(iAbs, iShown)) {
        try {
          addToInventory(inventory, o);
        } catch (e) {
          throw e instanceof InputError ? new InputError(`${iShown}: ${e.message}`, e.code) : e;
        }
      }
    }
    let target;
    try {
      target = buildReview(objects[0]!);
    } catch (e) {
      throw e instanceof InputError ? new InputError(`${oShown}: ${e.message}`, e.code) : e;
    }
    if (!compiled) return done("skip", { message: "loaded only" });
    const violations = reviewConstraint(target, constraint, compiled, { inventory, enforcementPoint: ctx.point });
    c.assertions.forEach((a, i) => {
      try {
        checkAssertion(a, violations);
      } catch (e) {
        const what = `assertion ${i + 1} (violations: ${JSON.stringify(a.violations)}${a.message !== undefined ? `, message: ${JSON.stringify(a.message)}` : ""})`;
        if (e instanceof AssertionFailure) throw new AssertionFailure(`${what}: ${e.message}`);
        if (e instanceof InputError) throw new InputError(`${what}: ${e.message}`, e.code);
        throw e;
      }
    });
    return done("pass", { violations });
  } catch (e) {
    if (e instanceof AssertionFailure) return done("fail", { message: e.message });
    return done("error", { message: errorText(e) });
  }
}

/** InputError and GwpcError (a template that does not compile) are user errors; anything else is a bug and propagates. */
function errorText(e: unknown): string {
  if (e instanceof InputError) return e.message;
  if (e instanceof GwpcError) return e.diagnostics.map(formatDiagnostic).join("\n");
  throw e;
}

function aggregate(outcomes: Outcome[]): Outcome {
  if (outcomes.includes("error")) return "error";
  if (outcomes.includes("fail")) return "fail";
  if (outcomes.length > 0 && outcomes.every((o) => o === "skip")) return "skip";
  return "pass";
}

/** Cases counted; a test or suite that failed before its cases ran counts once. Extra errors (diagnostics) add to errors. */
export function countResults(suites: SuiteResult[], extraErrors = 0): Counts {
  const n: Counts = { passed: 0, failed: 0, errors: extraErrors, skipped: 0 };
  const add = (o: Outcome) => {
    if (o === "pass") n.passed++;
    else if (o === "fail") n.failed++;
    else if (o === "error") n.errors++;
    else n.skipped++;
  };
  for (const s of suites) {
    for (const t of s.tests) {
      if (t.cases.length === 0 || t.message !== undefined) add(t.outcome);
      else t.cases.forEach((c) => add(c.outcome));
    }
  }
  return n;
}

/** 2 when some input was unusable, 1 when an assertion failed, else 0. */
export function verifyExitCode(report: VerifyReport): 0 | 1 | 2 {
  if (report.counts.errors > 0) return 2;
  return report.counts.failed > 0 ? 1 : 0;
}
