import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseModule, parseQuery, printExpr, printModule, stripLocs, type Module } from "../../../src/rego/syntax/index.js";
import { moduleArb } from "./arbitrary.js";

function shape(m: Module): unknown {
  return stripLocs({ package: m.package, imports: m.imports, rules: m.rules });
}

function reprint(src: string, regoVersion: "v0" | "v1" = "v1"): string {
  const r = parseModule("t.rego", src, { regoVersion });
  expect(r.diagnostics).toEqual([]);
  return printModule(r.module!);
}

describe("printer", () => {
  it.each([
    { note: "v0 partial set becomes contains", input: "package t\np[x] { x := 1 }", v: "v0", want: "package t\n\np contains x if {\n\tx := 1\n}\n" },
    { note: "v0 boolean rule gets if", input: "package t\np { a; b }", v: "v0", want: "package t\n\np if {\n\ta\n\tb\n}\n" },
    { note: "complete rule", input: "package t\np := 1", v: "v1", want: "package t\n\np := 1\n" },
    { note: "else chain", input: "package t\nf(x) = 1 { x } else = 2", v: "v0", want: "package t\n\nf(x) = 1 if {\n\tx\n} else = 2\n" },
    { note: "imports", input: "package a.b\nimport data.x as y\nimport rego.v1\np := y", v: "v1", want: "package a.b\n\nimport data.x as y\nimport rego.v1\n\np := y\n" },
    { note: "strings are re-escaped", input: 'package t\np := `a\\b"`', v: "v1", want: 'package t\n\np := "a\\\\b\\""\n' },
    { note: "package with a non-identifier part", input: 'package a["b-c"]', v: "v1", want: 'package a["b-c"]\n' },
    { note: "every nests with indentation", input: "package t\np if { every x in y { x; z } }", v: "v1", want: "package t\n\np if {\n\tevery x in y {\n\t\tx\n\t\tz\n\t}\n}\n" },
  ])("$note", ({ input, v, want }) => {
    expect(reprint(input, v as "v0" | "v1")).toBe(want);
  });

  it.each([
    { input: "x := (a + b) * c", want: "x := (a + b) * c" },
    { input: "x := a - (b - c)", want: "x := a - (b - c)" },
    { input: "x := a - b - c", want: "x := a - b - c" },
    { input: "x := [(a | b)]", want: "x := [(a | b)]" },
    { input: "x := [c, a | b]", want: "x := [c, a | b]" },
    { input: "x := {(a | b) == c}", want: "x := {(a | b == c)}" },
    { input: "x := [(a + 1) | true]", want: "x := [(a + 1) | true]" },
    { input: "x := f((k, v in xs))", want: "x := f((k, v in xs))" },
    { input: "k, v in xs", want: "k, v in xs" },
    { input: "(a | b)", want: "(a | b)" },
    { input: "(x in y) in z", want: "x in y in z" },
    { input: "x in (y in z)", want: "x in (y in z)" },
    { input: "x := -1 - -2", want: "x := -1 - -2" },
    { input: "x := f(1).y[0]", want: "x := f(1).y[0]" },
    { input: '{"a": 1}.a', want: '{"a": 1}.a' },
    { input: "(a + b)[0]", want: "(a + b)[0]" },
    { input: 'x["a b"].c', want: 'x["a b"].c' },
  ])("parenthesises where needed: $input", ({ input, want }) => {
    const r = parseQuery(input, { regoVersion: "v1" });
    expect(r.diagnostics).toEqual([]);
    expect(r.body!.map((e) => printExpr(e)).join("; ")).toBe(want);
  });

  it("parse(print(ast)) == ast for generated modules", () => {
    fc.assert(
      fc.property(moduleArb(), (m) => {
        const text = printModule(m);
        const r = parseModule("gen.rego", text, { regoVersion: "v1" });
        if (!r.module) throw new Error(`did not parse:\n${text}\n${JSON.stringify(r.diagnostics)}`);
        expect(shape(r.module)).toEqual(shape(m));
      }),
      { numRuns: 400 },
    );
  });
});
