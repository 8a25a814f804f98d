/**
 * A package may span several files (policy.rego beside policy_test.rego):
 * each file sees every rule of the package by its short name, as in OPA.
 */
import { describe, expect, it } from "vitest";
import { compileRego, evaluateEntrypoint, loadWasmSync } from "../../src/index.js";

const policy = `package lib.x

violation[{"msg": m}] {
  input.bad
  m := "bad"
}
`;
const tests = `package lib.x

test_bad {
  count(violation) == 1 with input as {"bad": true}
}

test_good {
  count(violation) == 0 with input as {"bad": false}
}
`;

describe("a package split across files", () => {
  it("resolves rules defined in the sibling file", () => {
    const r = compileRego(
      [
        { file: "x.rego", text: policy, regoVersion: "v0" },
        { file: "x_test.rego", text: tests, regoVersion: "v0" },
      ],
      ["lib/x/test_bad", "lib/x/test_good"],
      { regoVersion: "v0" },
    );
    expect(r.diagnostics).toEqual([]);
    const loaded = loadWasmSync(r.wasm!);
    expect(evaluateEntrypoint(loaded, "lib/x/test_bad")).toEqual([true]);
    expect(evaluateEntrypoint(loaded, "lib/x/test_good")).toEqual([true]);
  });
});

describe("zero-argument functions", () => {
  it("are complete rules read as values, as in OPA", () => {
    const text = `package z

base() = {"a": 1}

p = x { x := base.a }
`;
    const r = compileRego([{ file: "z.rego", text, regoVersion: "v0" }], ["z/p", "z/base"], { regoVersion: "v0" });
    expect(r.diagnostics).toEqual([]);
    const loaded = loadWasmSync(r.wasm!);
    expect(evaluateEntrypoint(loaded, "z/p")).toEqual([1]);
    expect(evaluateEntrypoint(loaded, "z/base")).toEqual([{ a: 1 }]);
  });
});
