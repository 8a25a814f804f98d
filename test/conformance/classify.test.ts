import { describe, expect, it } from "vitest";
import { error } from "../../src/diag/index.js";
import type { ConformanceCase } from "../../scripts/conformance-cases.js";
import { classify, sameResults, type Outcome, type Status } from "../../scripts/conformance-classify.js";
import { caseResult, exitCode, failedLine, countsLine, summarize, topicTable } from "../../scripts/conformance-report.js";

const base: ConformanceCase = { file: "v1/t/a.yaml", topic: "v1/t", regoVersion: "v1", note: "t/a", modules: [], query: "data.p = x", sortBindings: false, strictError: false };
const wantResult = (wantResult: Record<string, unknown>[], extra: Partial<ConformanceCase> = {}): ConformanceCase => ({ ...base, wantResult, ...extra });
const wantError = (code: string, extra: Partial<ConformanceCase> = {}): ConformanceCase => ({ ...base, wantErrorCode: code, wantError: "some text", ...extra });
const result = (...results: unknown[]): Outcome => ({ kind: "result", results });
const compileError = (code: string, message = "m"): Outcome => ({ kind: "compile-error", diagnostics: [error(code, message, { file: "test-0.rego", line: 3, col: 1 })] });

const table: { note: string; c: ConformanceCase; o: Outcome; want: Status }[] = [
  { note: "same result", c: wantResult([{ x: 7 }]), o: result({ x: 7 }), want: "pass" },
  { note: "a different result is wrong", c: wantResult([{ x: 7 }]), o: result({ x: 8 }), want: "wrong" },
  { note: "a result where OPA's is undefined is wrong", c: wantResult([]), o: result({ x: 1 }), want: "wrong" },
  { note: "undefined where OPA answers is wrong", c: wantResult([{ x: 1 }]), o: result(), want: "wrong" },
  { note: "undefined as wanted", c: wantResult([]), o: result(), want: "pass" },
  { note: "1 and 1.0 are the same number", c: wantResult([{ x: 1.0 }]), o: result({ x: 1 }), want: "pass" },
  { note: "array order inside values matters", c: wantResult([{ x: [1, 2] }]), o: result({ x: [2, 1] }), want: "wrong" },
  { note: "solutions compare as a set (the ABI's result set)", c: wantResult([{ x: 2 }, { x: 1 }, { x: 1 }]), o: result({ x: 1 }, { x: 2 }), want: "pass" },
  { note: "a result where an error is wanted is wrong", c: wantError("eval_conflict_error"), o: result({ x: 1 }), want: "wrong" },
  { note: "undefined where a conflict is wanted is wrong", c: wantError("eval_conflict_error"), o: result(), want: "wrong" },
  { note: "strict builtin error answered undefined: unsupported", c: wantError("eval_type_error", { strictError: true }), o: result(), want: "unsupported" },
  { note: "strict builtin error, no non-strict answer given: unsupported", c: wantError("eval_type_error", { strictError: true }), o: result({ x: 1 }), want: "unsupported" },
  { note: "strict error with the non-strict answer: that answer", c: wantError("eval_builtin_error", { strictError: true, wantResult: [{ x: { b: 1 } }] }), o: result({ x: { b: 1 } }), want: "pass" },
  { note: "strict error with the non-strict answer: another answer is wrong", c: wantError("eval_builtin_error", { strictError: true, wantResult: [{ x: { b: 1 } }] }), o: result({ x: {} }), want: "wrong" },
  { note: "sort_bindings: array bindings compare sorted, in JSON order", c: wantResult([{ x: [null, 0, "", [], [], {}] }], { sortBindings: true }), o: result({ x: [null, 0, "", [], {}, []] }), want: "pass" },
  { note: "without sort_bindings array order counts", c: wantResult([{ x: [null, 0, "", [], [], {}] }]), o: result({ x: [null, 0, "", [], {}, []] }), want: "wrong" },
  { note: "the wanted conflict", c: wantError("eval_conflict_error"), o: { kind: "eval-error", message: "test-0.rego:4:2: var assignment conflict" }, want: "pass" },
  { note: "another error code", c: wantError("eval_type_error"), o: { kind: "eval-error", message: "object insert conflict" }, want: "wrong-error" },
  { note: "an error where a result is wanted", c: wantResult([{ x: 1 }]), o: { kind: "eval-error", message: "wasm trap: unreachable" }, want: "wrong-error" },
  { note: "a compile error where a result is wanted", c: wantResult([{ x: 1 }]), o: compileError("rego_type_error"), want: "wrong-error" },
  { note: "the wanted compile error", c: wantError("rego_type_error"), o: compileError("rego_type_error"), want: "pass" },
  { note: "rego_unsupported_error is unsupported", c: wantResult([{ x: 1 }]), o: compileError("rego_unsupported_error", "with on a builtin"), want: "unsupported" },
  { note: "unsupported even when an error is wanted", c: wantError("eval_conflict_error"), o: compileError("rego_unsupported_error"), want: "unsupported" },
  { note: "a builtin the SDK does not implement", c: wantResult([{ x: 1 }]), o: { kind: "eval-error", message: "not implemented: built-in function 3: time.now_ns", builtin: true }, want: "unsupported" },
  { note: "a regex RE2 would run differently", c: wantResult([{ x: 1 }]), o: { kind: "eval-error", message: "regex.match: unsupported pattern: (?=x)" }, want: "unsupported" },
  { note: "an input the runner cannot pass", c: wantResult([{ x: 1 }]), o: { kind: "unposable", reason: "a set cannot be passed as JSON input" }, want: "unsupported" },
  { note: "an error wanted by message only", c: { ...base, wantError: "conflict" }, o: { kind: "eval-error", message: "object insert conflict" }, want: "pass" },
];

describe("conformance case classifier", () => {
  for (const t of table) {
    it(t.note, () => {
      const v = classify(t.c, t.o);
      expect(v.status).toBe(t.want);
      if (t.want !== "pass") expect(v.reason).toMatch(/\S/);
    });
  }

  it("compares results as sets of binding maps with canonical values", () => {
    expect(sameResults([{ a: { y: 1, x: 2 } }], [{ a: { x: 2, y: 1 } }], false)).toBe(true);
    expect(sameResults([{ a: 1 }], [{ a: 1, b: 2 }], false)).toBe(false);
  });
});

describe("conformance summary", () => {
  const exceptions = new Map([["t/known", "with on a builtin is not planned yet"], ["t/fixed", "was broken"], ["t/u", "now unsupported"]]);
  const mk = (note: string, status: Status) => caseResult({ ...base, note }, { status, reason: status === "pass" ? undefined : "why" } as never, exceptions);
  const results = [mk("t/p1", "pass"), mk("t/p2", "pass"), mk("t/fixed", "pass"), mk("t/known", "wrong-error"), mk("t/new", "wrong-error"), mk("t/u", "unsupported")];

  it("counts; F counts wrong results and wrong-errors not in exceptions", () => {
    const s = summarize(results, 3, exceptions);
    expect(countsLine(s)).toBe("conformance: 3 passed, 0 wrong, 2 wrong-error, 1 unsupported");
    expect(failedLine(s)).toBe("conformance: 3 passed, 1 failed");
    expect(s.staleExceptions).toEqual(["t/fixed", "t/u"]);
    expect(exitCode(s)).toBe(0);
  });

  it("fails under the floor, and on any wrong result", () => {
    const under = summarize(results, 5, exceptions);
    expect(under.belowFloor).toBe(true);
    expect(under.failed).toBe(1 + 2);
    expect(exitCode(under)).toBe(1);
    const wrong = summarize([...results, mk("t/w", "wrong")], 0, exceptions);
    expect(wrong.wrong).toBe(1);
    expect(exitCode(wrong)).toBe(1);
  });

  it("prints one row per topic", () => {
    expect(topicTable(results)).toBe("topic  cases  pass  wrong  wrong-error  unsupported\nv1/t       6     3      0            2            1\n");
  });
});
