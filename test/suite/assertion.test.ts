import { describe, expect, it } from "vitest";
import type { Violation } from "../../src/gatekeeper/index.js";
import { AssertionFailure, checkAssertion, compileRe2, parseFilter, type SuiteTest } from "../../src/suite/index.js";

const v = (message: string): Violation => ({ constraint: { kind: "K", name: "c" }, enforcementAction: "deny", enforcementActions: ["deny"], message });
const results = [v("missing label owner"), v("missing label team"), v("Image is latest")];

describe("checkAssertion (gator's Assertion.Run)", () => {
  it.each([
    { note: "yes with violations", a: { violations: "yes" }, vs: results, ok: true },
    { note: "yes without", a: { violations: "yes" }, vs: [], ok: false },
    { note: "no without", a: { violations: "no" }, vs: [], ok: true },
    { note: "no with", a: { violations: "no" }, vs: results, ok: false },
    { note: "exact count", a: { violations: 3 }, vs: results, ok: true },
    { note: "wrong count", a: { violations: 2 }, vs: results, ok: false },
    { note: "zero", a: { violations: 0 }, vs: [], ok: true },
    { note: "message counts only matching results", a: { violations: 2, message: "missing label" }, vs: results, ok: true },
    { note: "message is unanchored", a: { violations: 1, message: "owner" }, vs: results, ok: true },
    { note: "message is case-sensitive", a: { violations: "no", message: "image" }, vs: results, ok: true },
    { note: "message regex", a: { violations: 1, message: "^Image is (latest|old)$" }, vs: results, ok: true },
    { note: "message with no match, yes", a: { violations: "yes", message: "nothing" }, vs: results, ok: false },
    { note: "message with no match, no", a: { violations: "no", message: "nothing" }, vs: results, ok: true },
  ])("$note", ({ a, vs, ok }) => {
    if (ok) expect(() => checkAssertion(a, vs)).not.toThrow();
    else expect(() => checkAssertion(a, vs)).toThrow(AssertionFailure);
  });
  it("explains the failure like gator", () => {
    expect(() => checkAssertion({ violations: 1, message: "owner" }, [])).toThrow('got 0 violations containing "owner" but want exactly 1: got messages []');
    expect(() => checkAssertion({ violations: "no" }, [v("a b")])).toThrow('got 1 violations but want none: got messages ["a b"]');
  });
  it.each([
    { note: "negative", a: { violations: -1 } },
    { note: "other string", a: { violations: "maybe" } },
    { note: "boolean (YAML 1.2 true)", a: { violations: true } },
    { note: "fraction", a: { violations: 1.5 } },
  ])("rejects violations: $note as invalid input", ({ a }) => {
    expect(() => checkAssertion(a, results)).toThrow(/must be a nonnegative integer, "yes", or "no"/);
    expect(() => checkAssertion(a, results)).not.toThrow(AssertionFailure);
  });
  it("refuses what RE2 refuses instead of matching differently", () => {
    expect(() => checkAssertion({ message: "(?=x)" , violations: "yes"}, results)).toThrow(/lookaround/);
    expect(() => checkAssertion({ message: "(a)\\1", violations: "yes" }, results)).toThrow(/backreferences/);
    expect(compileRe2("(?i)IMAGE").test("image")).toBe(true);
    expect(compileRe2("system\\:anonymous").test("system:anonymous")).toBe(true);
  });
});

describe("parseFilter (--run)", () => {
  const t = (name: string, ...cases: string[]): SuiteTest => ({ name, template: "", constraint: "", invalid: false, skip: false, cases: cases.map((c) => ({ name: c, object: "", inventory: [], assertions: [], skip: false })) });
  it.each([
    { run: "", test: t("a", "x"), c: "x", wantTest: true, wantCase: true },
    { run: "require-foo-label//missing-label", test: t("require-foo-label", "missing-label"), c: "missing-label", wantTest: true, wantCase: true },
    { run: "require-foo-label//missing-label", test: t("not-require-foo-label", "not-missing-label"), c: "not-missing-label", wantTest: true, wantCase: true },
    { run: "require-foo-label//missing-label", test: t("other", "missing-label"), c: "missing-label", wantTest: false, wantCase: false },
    { run: "missing-label", test: t("forbid-missing-label", "with-foo"), c: "with-foo", wantTest: true, wantCase: true },
    { run: "missing-label", test: t("required-labels", "missing-label", "other"), c: "other", wantTest: true, wantCase: false },
    { run: "^require-foo-label$//", test: t("require-foo-label", "anything"), c: "anything", wantTest: true, wantCase: true },
    { run: "^require-foo-label$//", test: t("require-foo-label-2", "anything"), c: "anything", wantTest: false, wantCase: false },
    { run: "//empty-object", test: t("forbid", "another-empty-object"), c: "another-empty-object", wantTest: true, wantCase: true },
  ])("$run: test $test.name case $c", ({ run, test, c, wantTest, wantCase }) => {
    const f = parseFilter(run);
    expect(f.matchesTest(test)).toBe(wantTest);
    expect(f.matchesCase(test.name, c)).toBe(wantCase);
  });
  it("allows at most one //", () => expect(() => parseFilter("a//b//c")).toThrow(/at most one "\/\/"/));
  it("reports a bad regex", () => expect(() => parseFilter("(")).toThrow(/invalid --run filter/));
});
