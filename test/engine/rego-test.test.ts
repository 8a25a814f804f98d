import { describe, expect, it } from "vitest";
import { compileIr, discoverTests, EvalError, evaluateEntrypoint, formatRegoTestHuman, formatRegoTestJson, loadWasm, type RegoTestReport } from "../../src/engine/index.js";
import { testsPolicy } from "./ir-fixtures.js";

describe("Rego unit-test discovery", () => {
  const text = `package a.b_test

test_one if { true }

test_one if { false }

todo_test_later if { false }

test_fn(x) := x

helper if { true }

test_ref.deep := true
`;

  it("finds test_* and todo_test_* rules once each, not functions or ref heads", () => {
    const r = discoverTests([{ file: "x_test.rego", text }], "v1");
    expect(r.diagnostics).toEqual([]);
    expect(r.tests.map((t) => [t.package, t.name, t.entrypoint, t.row, t.skip])).toEqual([
      ["data.a.b_test", "test_one", "a/b_test/test_one", 3, false],
      ["data.a.b_test", "todo_test_later", "a/b_test/todo_test_later", 7, true],
    ]);
  });

  it("v0 syntax when asked", () => {
    const r = discoverTests([{ file: "y_test.rego", text: "package p\n\ntest_x {\n  true\n}\n" }], "v0");
    expect(r.tests.map((t) => t.name)).toEqual(["test_x"]);
  });
});

describe("Rego unit-test entrypoints through the SDK (hand-written IR)", () => {
  it("a test passes when defined and true", async () => {
    const p = await loadWasm(compileIr(testsPolicy()).wasm!);
    expect(evaluateEntrypoint(p, "t/test_ok")).toEqual([true]);
    expect(evaluateEntrypoint(p, "t/test_bad")).toEqual([false]);
    expect(() => evaluateEntrypoint(p, "t/none")).toThrow(EvalError);
  });
});

describe("opa test output", () => {
  const base = { package: "data.t", file: "t_test.rego", col: 1, skip: false, durationMs: 0.5 };
  const report: RegoTestReport = {
    diagnostics: [],
    results: [
      { ...base, name: "test_ok", entrypoint: "t/test_ok", row: 3, outcome: "pass" },
      { ...base, name: "test_bad", entrypoint: "t/test_bad", row: 5, outcome: "fail" },
      { ...base, name: "test_boom", entrypoint: "t/test_boom", row: 7, outcome: "error", message: "t_test.rego:8:3: var assignment conflict" },
      { ...base, name: "todo_test_x", entrypoint: "t/todo_test_x", row: 9, outcome: "skip", skip: true },
    ],
  };

  it("human: failures, summary by file, counts", () => {
    expect(formatRegoTestHuman(report, { durations: false })).toBe(
      [
        "FAILURES",
        "-".repeat(80),
        "data.t.test_bad: FAIL",
        "",
        "data.t.test_boom: ERROR",
        "",
        "  t_test.rego:8:3: var assignment conflict",
        "",
        "SUMMARY",
        "-".repeat(80),
        "t_test.rego:",
        "data.t.test_ok: PASS",
        "data.t.test_bad: FAIL",
        "data.t.test_boom: ERROR",
        "data.t.todo_test_x: SKIPPED",
        "-".repeat(80),
        "PASS: 1/4",
        "FAIL: 1/4",
        "SKIPPED: 1/4",
        "ERROR: 1/4",
        "",
      ].join("\n"),
    );
  });

  it("human: all passing prints only the counts", () => {
    const ok: RegoTestReport = { diagnostics: [], results: [report.results[0]!] };
    expect(formatRegoTestHuman(ok)).toBe(`${"-".repeat(80)}\nPASS: 1/1\n`);
  });

  it("json: opa test's fields", () => {
    const items = JSON.parse(formatRegoTestJson(report)) as Record<string, unknown>[];
    expect(items[0]).toEqual({ location: { file: "t_test.rego", row: 3, col: 1 }, package: "data.t", name: "test_ok", duration: 500000 });
    expect(items[1]!["fail"]).toBe(true);
    expect(items[2]!["error"]).toEqual({ message: "t_test.rego:8:3: var assignment conflict" });
    expect(items[3]!["skip"]).toBe(true);
  });
});
