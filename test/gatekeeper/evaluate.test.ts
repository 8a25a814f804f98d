import { describe, expect, it } from "vitest";
import { buildReview, emptyInventory, FunctionEngine, parseConstraint, reviewConstraint, TemplateCache } from "../../src/gatekeeper/index.js";
import { constraintObject, template } from "./fixtures.js";

const pod = { apiVersion: "v1", kind: "Pod", metadata: { name: "p", namespace: "a" } };
const ctx = { inventory: emptyInventory(), enforcementPoint: "gator.gatekeeper.sh" };

describe("reviewConstraint", () => {
  const engine = new FunctionEngine()
    .register("K8sDup", () => [{ msg: "same" }, { msg: "same" }, { msg: "other", details: { a: 1 } }, { details: { a: 1 }, msg: "other" }])
    .register("K8sThrow", () => {
      throw new Error("conflicting rules");
    })
    .register("K8sNoMsg", () => [{ msg: 42 }]);
  const run = (kind: string, spec: object = {}) => reviewConstraint(buildReview(pod), parseConstraint(constraintObject(kind, "c", spec)), engine.compileTemplate(template(kind)), ctx);

  it("counts equal results once (violation is a set)", () => {
    expect(run("K8sDup").map((v) => v.message)).toEqual(["same", "other"]);
    expect(run("K8sDup")[1]).toEqual({ constraint: { kind: "K8sDup", name: "c" }, enforcementAction: "deny", enforcementActions: ["deny"], message: "other", details: { a: 1 } });
  });
  it("turns an evaluation error into a violation carrying its text", () => {
    expect(run("K8sThrow")).toEqual([
      { constraint: { kind: "K8sThrow", name: "c" }, enforcementAction: "deny", enforcementActions: ["deny"], message: "evaluation error: conflicting rules", error: "evaluation" },
    ]);
  });
  it("reports a result without a string msg", () => {
    expect(run("K8sNoMsg")[0]).toMatchObject({ error: "evaluation", message: expect.stringContaining("without a string msg") });
  });
  it("does not evaluate when the match fails", () => {
    expect(run("K8sDup", { match: { namespaces: ["other"] } })).toEqual([]);
  });
  it("autorejects when namespaceSelector needs a missing Namespace", () => {
    expect(run("K8sDup", { match: { namespaceSelector: { matchLabels: { a: "b" } } }, enforcementAction: "warn" })).toEqual([
      {
        constraint: { kind: "K8sDup", name: "c" },
        enforcementAction: "warn",
        enforcementActions: ["warn"],
        message: "error matching the requested object: failed to run Match criteria: namespace selector for namespace-scoped object but missing Namespace",
        error: "match",
      },
    ]);
  });
  it("skips a scoped constraint not enforced at this point", () => {
    expect(run("K8sDup", { enforcementAction: "scoped", scopedEnforcementActions: [{ action: "deny", enforcementPoints: [{ name: "validation.gatekeeper.sh" }] }] })).toEqual([]);
  });
});

describe("TemplateCache", () => {
  it("compiles each template once, failures included", () => {
    const engine = new FunctionEngine().register("K8sA", () => []).failCompile("K8sB", "unexpected token", 2);
    const cache = new TemplateCache(engine);
    const a = template("K8sA");
    expect(cache.get(a)).toBe(cache.get(a));
    const b = { ...template("K8sB"), regoLine: 10 };
    expect(() => cache.get(b)).toThrow(/K8sB.yaml:11:1: unexpected token \[rego_parse_error\]/);
    expect(() => cache.get(b)).toThrow(/unexpected token/);
    expect(engine.compiled).toEqual(["K8sA", "K8sB"]);
    expect(cache.compiles).toBe(2);
    expect(cache.hits).toBe(2);
  });
});
