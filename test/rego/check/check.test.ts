import { describe, expect, it } from "vitest";
import { compileModules, compileQuery } from "../../../src/rego/compile.js";
import { STAGES } from "../../../src/rego/check/stages.js";
import { BUILTINS } from "../../../src/rego/check/builtins.js";

interface CheckCase {
  note: string;
  rego: string;
  regoVersion?: "v0" | "v1";
  /** `code file:line:col message`, in order. */
  want: string[];
}

const CASES: CheckCase[] = [
  { note: "parse errors pass through", rego: "package t\np := ", want: ["rego_parse_error m.rego:2:"] },
  { note: "unsafe var in body", rego: "package t\np if { x > 1 }", want: ["rego_unsafe_var_error m.rego:2:8 var x is unsafe"] },
  { note: "unsafe var in head", rego: "package t\np := x if { input.a }", want: ["rego_unsafe_var_error m.rego:2:6 var x is unsafe"] },
  { note: "unsafe var under not", rego: "package t\np if { not input.a[x] }", want: ["rego_unsafe_var_error m.rego:2:20 var x is unsafe"] },
  { note: "unknown function", rego: "package t\np := foo(1)", want: ["rego_type_error m.rego:2:6 undefined function foo"] },
  { note: "arity mismatch", rego: "package t\np := count(1, 2)", want: ["rego_type_error m.rego:2:6 count: arity mismatch"] },
  { note: "user function arity", rego: "package t\nf(x) := x\np := f(1, 2)", want: ["rego_type_error m.rego:3:6 data.t.f: arity mismatch"] },
  { note: "recursion", rego: "package t\np if q\nq if p", want: ["rego_recursion_error m.rego:2:1 rule data.t.p is recursive: data.t.p -> data.t.q -> data.t.p"] },
  { note: "self recursion", rego: "package t\np contains x if { some x in p }", want: ["rego_recursion_error m.rego:2:1 rule data.t.p is recursive: data.t.p -> data.t.p"] },
  { note: "rule kinds conflict", rego: "package t\np := 1\np contains 2", want: ["rego_compile_error m.rego:3:1 conflicting rules data.t.p found"] },
  { note: "multiple defaults", rego: "package t\ndefault p := 1\ndefault p := 2", want: ["rego_compile_error m.rego:3:1 multiple default rules data.t.p found"] },
  { note: "assigned above", rego: "package t\np if { x := 1; x := 2 }", want: ["rego_compile_error m.rego:2:16 var x assigned above"] },
  { note: "referenced above", rego: "package t\np if { x = 1; x := 2 }", want: ["rego_compile_error m.rego:2:15 var x referenced above"] },
  { note: "v1 duplicate imports", rego: "package t\nimport data.a\nimport data.b.a\np := a", want: ["rego_compile_error m.rego:3:1 import must not shadow import data.a"] },
  { note: "with: partial replacement of a rule's value", rego: 'package t\nq := {"a": 1}\np if { q with data.t.q.a as 2 }', want: ["rego_compile_error m.rego:3:15 with keyword cannot partially replace virtual document(s)"] },
  { note: "with: target neither a document nor a function", rego: "package t\np if { x := 1; true with x as 2 }", want: ["rego_type_error m.rego:2:26 with keyword target must reference existing input, data, or a function"] },
  { note: "with: target in a comprehension body", rego: "package t\np := [1 | true with nothing as 2]", want: ["rego_type_error m.rego:2:21 with keyword target must reference existing input, data, or a function"] },
  { note: "with: function, builtin and document targets are fine", rego: "package t\nf(_) := 1\nq := 1\np if { f(1) with f as 2 with count as 3 with data.t.q as 4 with input.x as 5 }", want: [] },
  { note: "a mock value's vars must be safe", rego: "package t\nf(_) := 1\np if { f(1) with f as y }", want: ["rego_unsafe_var_error m.rego:3:23 var y is unsafe"] },
  { note: "recursion through a rule under an object rule", rego: 'package t\nobj[x] := 1 if x := "a"\nobj.sub[y] := 2 if { some y, _ in obj }', want: ["rego_recursion_error m.rego:2:1 rule data.t.obj is recursive: data.t.obj -> data.t.obj", "rego_recursion_error m.rego:3:1 rule data.t.obj.sub is recursive"] },
  { note: "reordering makes a body safe", rego: "package t\np := y if { y > 1; y = input.v }", want: [] },
];

const fmt = (d: { code: string; message: string; location?: { file: string; line: number; col: number } }): string =>
  `${d.code} ${d.location ? `${d.location.file}:${d.location.line}:${d.location.col}` : "-"} ${d.message}`;

describe("check stages: codes and positions", () => {
  for (const c of CASES) {
    it(c.note, () => {
      const r = compileModules([{ file: "m.rego", text: c.rego }], [], { regoVersion: c.regoVersion ?? "v1" });
      const got = r.diagnostics.map(fmt);
      // Each diagnostic starts with the wanted text (messages may carry details after it).
      expect(got.map((g, i) => (c.want[i] !== undefined && g.startsWith(c.want[i]!) ? c.want[i] : g))).toEqual(c.want);
    });
  }

  it("unplanned constructs are rego_unsupported_error, never a different answer", () => {
    const r = compileModules([{ file: "m.rego", text: "package t\nf(x) := x\np := y if { v := 1; y := f(1) with f as [v, input.x] }" }], ["t/p"]);
    expect(r.diagnostics.map((d) => d.code)).toEqual(["rego_unsupported_error"]);
    const arity = compileModules([{ file: "m.rego", text: "package t\np := y if { y := count([]) with count as concat }" }], ["t/p"]);
    expect(arity.diagnostics.map((d) => d.code)).toEqual(["rego_unsupported_error"]);
  });

  it("the stage table lists every stage once", () => {
    const names = STAGES.map(([n]) => n);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain("checkSafety");
  });

  it("builtins table covers the runtime's natives", () => {
    for (const n of ["sprintf", "count", "regex.match", "object.get", "internal.member_2"]) expect(BUILTINS.get(n)?.native).toBe(true);
    expect(BUILTINS.get("time.now_ns")?.arity).toBe(0);
  });

  it("compileQuery reports bindings in order of appearance", () => {
    const r = compileQuery([{ file: "m.rego", text: "package t\np := 1" }], "y := data.t.p; x := y + 1; _ = x");
    expect(r.diagnostics).toEqual([]);
    expect(r.bindings).toEqual(["y", "x"]);
  });
});
