import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../../src/diag/index.js";
import { parseModule, parseQuery, parseTerm, type RegoVersion } from "../../../src/rego/syntax/index.js";

function errs(src: string, regoVersion: RegoVersion = "v1"): string[] {
  const r = parseModule("t.rego", src, { regoVersion });
  expect(r.module).toBeUndefined();
  expect(r.diagnostics.every((d) => d.code === "rego_parse_error" && d.severity === "error")).toBe(true);
  return r.diagnostics.map((d) => formatDiagnostic(d).replace(/ \[rego_parse_error\]$/, ""));
}

describe("parse errors: message and place", () => {
  it.each([
    { note: "two terms on a line", input: "package t\np if { x y }", want: ["t.rego:2:10: unexpected ident token: expected \\n or ; or }"] },
    { note: "missing package", input: "p := 1", want: ["t.rego:1:1: package expected"] },
    { note: "empty module", input: "# nothing\n", want: ["t.rego:1:1: empty module"] },
    { note: "second package", input: "package a\npackage b", want: ["t.rego:2:1: unexpected package"] },
    { note: "unterminated string", input: 'package t\np := "abc', want: ["t.rego:2:6: non-terminated string"] },
    { note: "bad escape", input: 'package t\np := "a\\qc"', want: ["t.rego:2:6: illegal escape sequence"] },
    { note: "unterminated raw string", input: "package t\np := `abc", want: ["t.rego:2:6: non-terminated raw string"] },
    { note: "illegal character", input: "package t\np := 1 ~ 2", want: ["t.rego:2:8: illegal token"] },
    { note: "leading zero", input: "package t\np := 007", want: ["t.rego:2:6: unexpected number token: expected number without leading zero"] },
    { note: "bad fraction", input: "package t\np := 1.", want: ["t.rego:2:6: expected fraction"] },
    { note: "unary minus needs a number, as in OPA", input: "package t\np := -x", want: ["t.rego:2:7: unexpected ident token: expected number"] },
    { note: "unclosed array", input: "package t\np := [1, 2", want: ['t.rego:2:11: unexpected eof token: expected "," or "]"'] },
    { note: "unclosed set", input: "package t\np := {1, 2", want: ['t.rego:2:11: unexpected eof token: expected "," or "}"'] },
    { note: "empty body", input: "package t\np := 1 if { x := [y | ] }", want: ["t.rego:2:23: found empty body"] },
    { note: "dot then nothing", input: "package t\np := x.", want: ["t.rego:2:8: unexpected eof token: expected ident"] },
    { note: "space after dot", input: "package t\np := x. y", want: ["t.rego:2:8: unexpected whitespace token: expected ident"] },
    { note: "paren not closed", input: "package t\np := (1 + 2", want: ["t.rego:2:12: non-terminated expression"] },
    { note: "negated some", input: "package t\np if { not some x }", want: ["t.rego:2:12: unexpected some keyword: illegal negation of 'some'"] },
    { note: "every without body", input: "package t\np if { every x in y }", want: ["t.rego:2:21: unexpected } token: missing body"] },
    { note: "every with a non-var value", input: "package t\np if { every k, 1 in y { k } }", want: ["t.rego:2:24: unexpected { token: expected value to be a variable"] },
    { note: "with needs a path", input: "package t\np if { x with 1 as 2 }", want: ["t.rego:2:15: unexpected number token: expected ident"] },
    { note: "with needs as", input: "package t\np if { x with input 2 }", want: ["t.rego:2:21: unexpected number token: expected as keyword"] },
    { note: "keyword as a term", input: "package t\np := if", want: ["t.rego:2:6: unexpected if keyword"] },
    { note: "import root", input: "package t\nimport foo.bar", want: ["t.rego:2:8: unexpected import path, must begin with one of: {data, future, input, rego}, got: foo"] },
    { note: "unknown future keyword", input: "package t\nimport future.keywords.foo", want: ["t.rego:2:8: unexpected keyword, must be one of [contains every if in]"] },
    { note: "rego.v2", input: "package t\nimport rego.v2", want: ["t.rego:2:8: invalid import `rego.v2`, must be `rego.v1`"] },
    { note: "default without value", input: "package t\ndefault p", want: ["t.rego:2:1: illegal default rule (must have a value)"] },
    { note: "default with a var", input: "package t\ndefault p := x", want: ["t.rego:2:1: illegal default rule (value cannot contain var)"] },
    { note: "default with a call", input: "package t\ndefault p := [count(x)]", want: ["t.rego:2:1: illegal default rule (value cannot contain call)"] },
    { note: "else on a partial set", input: "package t\np contains 1 if { true } else := 2", want: ["t.rego:2:26: else keyword cannot be used on multi-value rules"] },
    { note: "else on a rule with vars in its ref", input: "package t\np[x] := 1 if { x := 1 } else := 2", want: ["t.rego:2:25: else keyword cannot be used on rules with variables in head"] },
    { note: "body after else", input: "package t\np := 1 if { a } else := 2 if { b } { c }", want: ["t.rego:2:36: expected else keyword"] },
    { note: "contains on a function", input: "package t\nf(x) contains 1", want: ["t.rego:2:6: unexpected contains keyword: the contains keyword can only be used with multi-value rule definitions (e.g., f contains <VALUE> { ... })"] },
    { note: "a bare name", input: "package t\np", want: ["t.rego:2:1: var cannot be used for rule name"] },
    { note: "a number for a name", input: "package t\n1 = x", want: ["t.rego:2:1: number cannot be used for rule name"] },
    { note: "operator after the rule name", input: "package t\np+1", want: ["t.rego:2:2: unexpected plus token"] },
    { note: "v0: in is not a keyword", input: "package t\np { 1 in [1] }", version: "v0", want: ["t.rego:2:7: unexpected ident token: expected \\n or ; or }"] },
  ])("$note", ({ input, want, version }) => {
    expect(errs(input, (version ?? "v1") as RegoVersion)).toEqual(want);
  });
});

describe("v1 strictness", () => {
  it.each([
    { note: "if before a body", input: "package t\np { true }", want: ["t.rego:2:1: `if` keyword is required before rule body"] },
    { note: "if before a function body", input: "package t\nf(x) { x }", want: ["t.rego:2:1: `if` keyword is required before function body"] },
    {
      note: "v0 partial set",
      input: "package t\np[x] { x := 1 }",
      want: ["t.rego:2:1: `contains` keyword is required for partial set rules", "t.rego:2:1: `if` keyword is required before rule body"],
    },
    { note: "bare partial set", input: "package t\np[1]", want: ["t.rego:2:1: `contains` keyword is required for partial set rules"] },
    { note: "function without value or body", input: "package t\nf(x)", want: ["t.rego:2:1: function must have value assignment and/or body declaration"] },
    { note: "keyword as a rule name", input: "package t\ncontains := 1", want: ["t.rego:2:1: contains keyword cannot be used for rule name"] },
    { note: "if before an else body", input: "package t\np := 1 if { a } else := 2 { b }\n", want: ["t.rego:2:17: `if` keyword is required before rule body"] },
    { note: "each rule is checked", input: "package t\np { a }\nq { b }", want: ["t.rego:2:1: `if` keyword is required before rule body", "t.rego:3:1: `if` keyword is required before rule body"] },
  ])("$note", ({ input, want }) => {
    expect(errs(input, "v1")).toEqual(want);
  });

  it("applies to v0 modules that import rego.v1", () => {
    expect(errs("package t\nimport rego.v1\np { true }", "v0")).toEqual(["t.rego:3:1: `if` keyword is required before rule body"]);
  });

  it("does not apply to plain v0", () => {
    expect(parseModule("t.rego", "package t\np[x] { x := 1 }\nf(x) { x }", { regoVersion: "v0" }).diagnostics).toEqual([]);
  });

  it("allows future.keywords and rego.v1 imports in v1", () => {
    const src = "package t\nimport future.keywords.in\nimport rego.v1\np if 1 in [1]";
    expect(parseModule("t.rego", src, { regoVersion: "v1" }).diagnostics).toEqual([]);
  });
});

describe("queries and terms", () => {
  it("reports query errors with the query's own name", () => {
    const r = parseQuery("data.x = y z", { regoVersion: "v1" });
    expect(r.diagnostics.map(formatDiagnostic)).toEqual(["query:1:12: unexpected ident token: expected \\n or ; or eof [rego_parse_error]"]);
  });

  it("a term must end where it ends", () => {
    const r = parseTerm("1 2", { regoVersion: "v1" });
    expect(r.diagnostics.map(formatDiagnostic)).toEqual(["term:1:3: unexpected number token: expected end of term [rego_parse_error]"]);
  });

  it("deep nesting is an error, not a crash", () => {
    const r = parseTerm("[".repeat(5000) + "]".repeat(5000), { regoVersion: "v1" });
    expect(r.diagnostics[0]?.message).toBe("max parsing recursion depth exceeded");
  });
});

describe("robustness", () => {
  it("never returns neither a module nor an error", () => {
    const inputs = ["package t\ndefault p contains 1", "package t\n{", "package t\n)", "package t\np := {1:", "package t\np if {", "package t\nimport"];
    for (const input of inputs) {
      const r = parseModule("t.rego", input, { regoVersion: "v1" });
      expect(r.module === undefined ? r.diagnostics.length : 1, input).toBeGreaterThan(0);
    }
  });

  it("handles CRLF line endings and comments anywhere", () => {
    const src = "package t\r\n\r\np if {\r\n  x := 1 # c\r\n  y := [1, # c\r\n    2]\r\n}\r\n";
    const r = parseModule("t.rego", src, { regoVersion: "v1" });
    expect(r.diagnostics).toEqual([]);
    expect(r.module!.rules[0]!.body).toHaveLength(2);
  });
});
