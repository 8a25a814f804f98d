import type { Diagnostic } from "../diag/index.js";
import type { Violation } from "../gatekeeper/index.js";

/** A gator Suite (test.gatekeeper.sh/v1alpha1, kind Suite), paths relative to its file. */
export interface Suite {
  /** Absolute path of the suite file. */
  file: string;
  /** The path as the user would write it (their argument joined with the file's place below it). */
  path: string;
  name: string;
  skip: boolean;
  tests: SuiteTest[];
}

export interface SuiteTest {
  name: string;
  template: string;
  constraint: string;
  cases: SuiteCase[];
  /** The constraint is expected to fail the template's parameter schema. */
  invalid: boolean;
  skip: boolean;
}

export interface SuiteCase {
  name: string;
  object: string;
  inventory: string[];
  assertions: Assertion[];
  skip: boolean;
}

export interface Assertion {
  /** As written: `yes` (the default), `no`, or an integer; anything else is reported when the assertion runs. */
  violations: unknown;
  /** Unanchored, case-sensitive regular expression on each violation's message. */
  message?: string;
}

/**
 * pass / fail (an assertion did not hold) / error (unusable input: missing
 * file, bad YAML, template that does not compile) / skip.
 */
export type Outcome = "pass" | "fail" | "error" | "skip";

export interface CaseResult {
  name: string;
  outcome: Outcome;
  /** Why it failed or errored. */
  message?: string;
  durationMs: number;
  /** What the review produced, when it ran. */
  violations?: Violation[];
}

export interface TestResult {
  name: string;
  outcome: Outcome;
  /** A test-level failure (template, constraint): its cases did not run. */
  message?: string;
  durationMs: number;
  cases: CaseResult[];
}

export interface SuiteResult {
  path: string;
  file: string;
  name: string;
  outcome: Outcome;
  message?: string;
  durationMs: number;
  tests: TestResult[];
}

export interface Counts {
  passed: number;
  failed: number;
  errors: number;
  skipped: number;
}

export interface VerifyReport {
  suites: SuiteResult[];
  /** Problems outside any suite (a path that does not exist, a suite file that does not parse). */
  diagnostics: Diagnostic[];
  durationMs: number;
  counts: Counts;
}
