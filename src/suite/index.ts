/** gator Suites: discovery, fixtures, running, reporters. */
export type { Suite, SuiteTest, SuiteCase, Assertion, Outcome, CaseResult, TestResult, SuiteResult, Counts, VerifyReport } from "./model.js";
export { parseSuite } from "./parse.js";
export { discoverSuites, readSuiteFile } from "./discover.js";
export { checkAssertion, AssertionFailure } from "./assertion.js";
export { parseFilter, type Filter } from "./filter.js";
export { compileRe2 } from "./re2.js";
export { FixtureLoader } from "./fixtures.js";
export { parameterProblems } from "./schema.js";
export { verify, runSuites, countResults, verifyExitCode, type RunOptions } from "./runner.js";
export { formatHuman, closingLine, type HumanOptions } from "./report-human.js";
export { formatJson } from "./report-json.js";
export { formatJunit } from "./report-junit.js";
