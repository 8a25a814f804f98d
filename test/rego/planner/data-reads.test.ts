import { describe, expect, it } from "vitest";
import { compileModules } from "../../../src/rego/compile.js";
import { minimalPaths } from "../../../src/rego/plan/data-reads.js";

/** The base data reads of `package template` (+ libs) planned for template/violation. */
function reads(rego: string, ...libs: string[]): unknown {
  const r = compileModules([{ file: "t.rego", text: rego }, ...libs.map((text, i) => ({ file: `lib${i}.rego`, text }))], ["template/violation"], { regoVersion: "v0" });
  expect(r.diagnostics).toEqual([]);
  return r.dataReads;
}

describe("data reads found by the planner", () => {
  it("none for input-only rules and lib calls", () => {
    expect(reads('package template\nviolation[{"msg": m}] { m := input.parameters.m }')).toEqual([]);
    expect(reads("package template\nimport data.lib.helpers\nviolation[x] { x := helpers.f(input) }", "package lib.helpers\nf(x) = x")).toEqual([]);
  });

  it("each ref into base data as a pattern, variables as null", () => {
    expect(reads("package template\nviolation[{\"msg\": n}] { data.inventory.cluster.v1.Namespace[n] }")).toEqual([["inventory", "cluster", "v1", "Namespace", null]]);
    expect(reads('package template\nviolation[{"msg": g}] { some ns, gv\n g := data.inventory.namespace[ns][gv].ReferenceGrant[_] }')).toEqual([["inventory", "namespace", null, null, "ReferenceGrant", null]]);
    expect(reads('package template\nviolation[{"msg": "x"}] { data["inventory"] }')).toEqual([["inventory"]]);
    expect(reads('package template\nviolation[{"msg": "x"}] { data.inventory[input.k] }')).toEqual([["inventory", null]]);
  });

  it("only rules reachable from the entrypoint count, libs included", () => {
    expect(reads('package template\nviolation[{"msg": "x"}] { true }\nunused { data.inventory.cluster }')).toEqual([]);
    expect(reads('package template\nimport data.lib.a\nviolation[{"msg": "x"}] { a.f }', "package lib.a\nf { data.inventory.namespace.x }")).toEqual([["inventory", "namespace", "x"]]);
  });

  it("a ref passed whole to a builtin; all of data for a `with` on data", () => {
    expect(reads('package template\nviolation[{"msg": "x"}] { count(data.inventory) > 0 }')).toEqual([["inventory"]]);
    expect(reads('package template\nviolation[{"msg": "x"}] { f with data.inventory as {} }\nf { true }')).toEqual([[]]);
  });

  it("keeps the minimal set: nothing covered by a shorter pattern", () => {
    expect(minimalPaths([["a", "b"], ["a"], [null, "c"], ["x", "c", "d"], ["a"]])).toEqual([["a"], [null, "c"]]);
    expect(minimalPaths([["b"], ["a", null], ["a", "z"]])).toEqual([["a", null], ["b"]]);
  });
});
