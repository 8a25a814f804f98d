import { describe, expect, it } from "vitest";
import { parseModule, type RegoVersion } from "../../../src/rego/syntax/index.js";
import { sxRule } from "./sexpr.js";

function rules(src: string, regoVersion: RegoVersion): string[] {
  const r = parseModule("t.rego", `package t\n${src}`, { regoVersion });
  expect(r.diagnostics).toEqual([]);
  return r.module!.rules.map(sxRule);
}

describe("rules (v1)", () => {
  it.each([
    { note: "complete, no body", input: "p := 1", want: ["single p := 1"] },
    { note: "complete with =", input: "p = 1", want: ["single p = 1"] },
    { note: "boolean rule", input: "p if { x }", want: ["single p { x }"] },
    { note: "value and body", input: "p := x if { x := 1 }", want: ["single p := x { (:= x 1) }"] },
    { note: "if with one literal", input: "p if input.x > 1", want: ["single p { (gt input.x 1) }"] },
    { note: "if with a lone set literal is a braced body", input: "p if { true }", want: ["single p { true }"] },
    { note: "default", input: "default p := false", want: ["default single p := false"] },
    { note: "default with composite value", input: 'default p := {"a": [1]}', want: ['default single p := {"a": [1]}'] },
    { note: "default function", input: "default f(_) := 0", want: ["default function f(_) := 0"] },
    { note: "partial set", input: "p contains x if { some x in input }", want: ["multi p contains x { (some-in x input!) }"] },
    { note: "partial set, no body", input: 'p contains "a"', want: ['multi p contains "a"'] },
    { note: "partial set with ref head", input: "a.b contains x if { x := 1 }", want: ["multi p.a.b contains x { (:= x 1) }".replace("p.", "")] },
    { note: "partial object", input: "p[k] := v if { some k, v in input }", want: ["single p[k] := v { (some-in k v input!) }"] },
    { note: "ref head, no value", input: "p[x] if { x := 1 }", want: ["single p[x] { (:= x 1) }"] },
    { note: "deep ref head", input: "p.q[r].s := 1 if { r := 2 }", want: ["single p.q[r].s := 1 { (:= r 2) }"] },
    { note: "function", input: "f(x) := y if { y := x }", want: ["function f(x) := y { (:= y x) }"] },
    { note: "function with constant args", input: 'f(x, "c") := 1', want: ['function f(x, "c") := 1'] },
    { note: "function, no value", input: "f(x) if { x }", want: ["function f(x) { x }"] },
    { note: "function with dotted name", input: 'a.b(x) := 1 if { x }', want: ["function a.b(x) := 1 { x }"] },
    { note: "function with bracket name", input: 'foo["bar"](x) := x + 1', want: ['function foo.bar(x) := (plus x 1)'] },
    { note: "several function bodies", input: "f(1) := 1\nf(2) := 2", want: ["function f(1) := 1", "function f(2) := 2"] },
    {
      note: "else chain",
      input: "p := 1 if { a } else := 2 if { b } else := 3",
      want: ["single p := 1 { a } else := 2 { b } else := 3"],
    },
    { note: "else with literal body", input: "f(x) := 1 if x > 0 else := 2", want: ["function f(x) := 1 { (gt x 0) } else := 2"] },
    { note: "else without value", input: "p if { a } else if { b }", want: ["single p { a } else { b }"] },
    { note: "rule on several lines", input: "p := y if {\n  x := 1\n  y := x\n}", want: ["single p := y { (:= x 1); (:= y x) }"] },
    { note: "keyword in ref head", input: "p.in := 1", want: ["single p.in := 1"] },
    { note: "contains callable in bodies", input: 'p if contains("ab", "a")', want: ['single p { (contains "ab" "a") }'] },
  ])("$note", ({ input, want }) => {
    expect(rules(input, "v1")).toEqual(want);
  });
});

describe("rules (v0)", () => {
  it.each([
    { note: "boolean rule", input: "p { x }", want: ["single p { x }"] },
    { note: "partial set", input: "p[x] { x := 1 }", want: ["multi p contains x { (:= x 1) }"] },
    { note: "partial set over a message object", input: 'violation[{"msg": msg}] { msg := "m" }', want: ['multi violation contains {"msg": msg} { (:= msg "m") }'] },
    { note: "bare partial set", input: "p[1]", want: ["multi p contains 1"] },
    { note: "dotted partial set", input: "p.q { true }", want: ['multi p contains "q" { true }'] },
    { note: "partial object", input: "p[k] = v { k := 1; v := 2 }", want: ["single p[k] = v { (:= k 1); (:= v 2) }"] },
    { note: "function", input: "f(x) = y { y := x }", want: ["function f(x) = y { (:= y x) }"] },
    { note: "function returning true", input: "f(x) { x }", want: ["function f(x) { x }"] },
    { note: "multiple bodies", input: "p { a } { b }", want: ["single p { a }", "single p { b }"] },
    { note: "multiple bodies on lines", input: "p[x] {\n x := 1\n} {\n x := 2\n}", want: ["multi p contains x { (:= x 1) }", "multi p contains x { (:= x 2) }"] },
    { note: "else chain", input: "f(x) = 1 { x } else = 2 { true } else = 3", want: ["function f(x) = 1 { x } else = 2 { true } else = 3"] },
    { note: "default", input: "default p = false", want: ["default single p = false"] },
    { note: "whitespace before the head's brackets", input: "p [x] { x := 1 }", want: ["multi p contains x { (:= x 1) }"] },
    { note: "if and contains are names", input: "if := 1\ncontains[x] { x := 1 }", want: ["single if := 1", "multi contains contains x { (:= x 1) }"] },
  ])("$note", ({ input, want }) => {
    expect(rules(input, "v0")).toEqual(want);
  });

  it.each([
    { note: "future.keywords", imports: "import future.keywords" },
    { note: "future.keywords.if and .contains", imports: "import future.keywords.if\nimport future.keywords.contains" },
    { note: "rego.v1", imports: "import rego.v1" },
  ])("keywords switched on by $note", ({ imports }) => {
    expect(rules(`${imports}\np contains x if { x := input[_] }`, "v0")).toEqual(["multi p contains x { (:= x input[_]) }"]);
  });

  it("future.keywords.every brings `in`", () => {
    expect(rules("import future.keywords.every\np { every x in input { x } }", "v0")).toEqual(["single p { (every x input! {x}) }"]);
  });

  it("keywords take effect from the import on", () => {
    const r = parseModule("t.rego", "package t\nin := 1\nimport future.keywords.in\np { 1 in [1] }", { regoVersion: "v0" });
    expect(r.diagnostics).toEqual([]);
    expect(r.module!.rules.map(sxRule)).toEqual(["single in := 1", "single p { (internal.member_2 1 [1]) }"]);
  });
});

describe("modules", () => {
  it("package and imports", () => {
    const r = parseModule("t.rego", 'package a.b["c-d"]\nimport data.lib.x as y\nimport input.review\nimport rego.v1\n', { regoVersion: "v1" });
    expect(r.diagnostics).toEqual([]);
    const m = r.module!;
    expect(m.package.path).toEqual(["a", "b", "c-d"]);
    expect(m.imports.map((i) => [i.path, i.alias])).toEqual([
      [["data", "lib", "x"], "y"],
      [["input", "review"], undefined],
      [["rego", "v1"], undefined],
    ]);
    expect(m.rules).toEqual([]);
    expect(m.regoVersion).toBe("v1");
  });

  it("rule locations span the rule text", () => {
    const src = "package t\n\np := 1 if {\n\ttrue\n} else := 2\n\nq contains 1\n";
    const m = parseModule("t.rego", src, { regoVersion: "v1" }).module!;
    expect(m.rules.map((r) => src.slice(r.loc.start, r.loc.end))).toEqual(["p := 1 if {\n\ttrue\n} else := 2", "q contains 1"]);
    expect(src.slice(m.rules[0]!.head.loc.start, m.rules[0]!.head.loc.end)).toBe("p := 1");
    expect(src.slice(m.rules[0]!.else[0]!.loc.start, m.rules[0]!.else[0]!.loc.end)).toBe("else := 2");
  });

  it("big integers and decimals survive as text", () => {
    const m = parseModule("t.rego", "package t\nx := 1152921504606846976000\ny := 0.1e-400\n", { regoVersion: "v1" }).module!;
    expect(m.rules.map(sxRule)).toEqual(["single x := 1152921504606846976000", "single y := 0.1e-400"]);
  });

  it("results are JSON-serialisable", () => {
    const m = parseModule("t.rego", "package t\np contains x if { some x in [1, {2}] }\n", { regoVersion: "v1" }).module!;
    expect(JSON.parse(JSON.stringify(m))).toEqual(m);
  });
});
