import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { error } from "../../src/diag/index.js";
import { closingLine, countResults, formatHuman, formatJson, formatJunit, type SuiteResult, type VerifyReport } from "../../src/suite/index.js";

const suites: SuiteResult[] = [
  {
    path: "lib/labels/suite.yaml",
    file: "/abs/lib/labels/suite.yaml",
    name: "labels",
    outcome: "fail",
    durationMs: 3,
    tests: [
      {
        name: "must-have-owner",
        outcome: "fail",
        durationMs: 2,
        cases: [
          { name: "allowed", outcome: "pass", durationMs: 0.5 },
          { name: "disallowed", outcome: "fail", durationMs: 0.7, message: 'assertion 1 (violations: "yes"): got 0 violations but want at least 1: got messages []' },
          { name: "skipped", outcome: "skip", durationMs: 0 },
        ],
      },
      { name: "broken-template", outcome: "error", durationMs: 1, message: "lib/labels/t.yaml:3:1: unexpected <token> & \"quote\" [rego_parse_error]", cases: [] },
    ],
  },
];
const report: VerifyReport = {
  suites,
  diagnostics: [error("gwpc_yaml", "malformed YAML in document 1: bad", { file: "lib/x/suite.yaml", line: 2, col: 3 })],
  durationMs: 12,
  counts: countResults(suites, 1),
};

describe("counts and the closing line", () => {
  it("counts cases, a test that failed before its cases once, and diagnostics as errors", () => {
    expect(report.counts).toEqual({ passed: 1, failed: 1, errors: 2, skipped: 1 });
    expect(closingLine(report.counts)).toBe("1 passed, 3 failed, 1 skipped");
  });
});

describe("human reporter", () => {
  it("prints go-test-like lines, the failing assertion, PASS/FAIL and the closing line", () => {
    expect(formatHuman(report, { color: false, durations: false })).toBe(
      [
        "--- ERROR: lib/x/suite.yaml",
        "    lib/x/suite.yaml:2:3: malformed YAML in document 1: bad [gwpc_yaml]",
        "ok   lib/labels/suite.yaml/must-have-owner/allowed",
        "--- FAIL: lib/labels/suite.yaml/must-have-owner/disallowed",
        '    assertion 1 (violations: "yes"): got 0 violations but want at least 1: got messages []',
        "--- ERROR: lib/labels/suite.yaml/broken-template",
        '    lib/labels/t.yaml:3:1: unexpected <token> & "quote" [rego_parse_error]',
        "FAIL  1 suite, 2 errors in the input",
        "1 passed, 3 failed, 1 skipped",
        "",
      ].join("\n"),
    );
  });
  it("lists skips when verbose, and colours only when asked", () => {
    expect(formatHuman(report, { color: false, verbose: true, durations: false })).toContain("--- SKIP: lib/labels/suite.yaml/must-have-owner/skipped");
    const plain = formatHuman(report, { color: false });
    expect(plain).not.toMatch(/\u001b\[/);
    expect(plain).toMatch(/ok {3}lib\/labels\/suite.yaml\/must-have-owner\/allowed \(0.5\dms\)/);
    expect(formatHuman(report, { color: true })).toContain("\u001b[31m--- FAIL:\u001b[0m");
  });
});

describe("JSON reporter", () => {
  it("serialises the results model", () => {
    const j = JSON.parse(formatJson(report));
    expect(j.counts).toEqual(report.counts);
    expect(j.suites[0].tests[0].cases[1]).toMatchObject({ name: "disallowed", outcome: "fail" });
    expect(j.diagnostics[0]).toMatchObject({ code: "gwpc_yaml", location: { file: "lib/x/suite.yaml" } });
  });
});

describe("JUnit reporter", () => {
  const xml = formatJunit(report);
  const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", isArray: (name) => ["testsuite", "testcase"].includes(name) }).parse(xml);
  it("is valid XML", () => expect(XMLValidator.validate(xml)).toBe(true));
  it("has testsuites -> testsuite per suite file -> testcase per case", () => {
    const root = parsed.testsuites;
    expect(root).toMatchObject({ "@name": "gwpc verify", "@tests": "5", "@failures": "1", "@errors": "2", "@skipped": "1" });
    const [labels, gwpc] = root.testsuite;
    expect(labels).toMatchObject({ "@name": "lib/labels/suite.yaml", "@tests": "4", "@failures": "1", "@errors": "1", "@skipped": "1" });
    expect(labels.testcase.map((c: any) => [c["@classname"], c["@name"]])).toEqual([
      ["lib/labels/suite.yaml/must-have-owner", "allowed"],
      ["lib/labels/suite.yaml/must-have-owner", "disallowed"],
      ["lib/labels/suite.yaml/must-have-owner", "skipped"],
      ["lib/labels/suite.yaml", "broken-template"],
    ]);
    expect(labels.testcase[1].failure).toMatchObject({ "@type": "assertion", "#text": expect.stringContaining("want at least 1") });
    expect(labels.testcase[2]).toHaveProperty("skipped");
    expect(labels.testcase[3].error["@message"]).toBe('lib/labels/t.yaml:3:1: unexpected <token> & "quote" [rego_parse_error]');
    expect(gwpc).toMatchObject({ "@name": "gwpc", "@errors": "1" });
  });
  it("survives characters XML cannot carry", () => {
    const weird: VerifyReport = { ...report, suites: [{ ...suites[0]!, tests: [{ name: "t\u0001<x>", outcome: "error", durationMs: 0, message: "bad\u0000 ]]> line\nnext", cases: [] }] }] };
    expect(XMLValidator.validate(formatJunit(weird))).toBe(true);
  });
});
