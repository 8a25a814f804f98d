import { describe, expect, it } from "vitest";
import { GwpcError } from "../../src/diag/index.js";
import { emptyInventory, addToInventory, templateInfo } from "../../src/gatekeeper/index.js";
import { compileIr, compileRego, templateSources, evaluateEntrypoint, EvalError, frontendAvailable, jsonBuffer, loadWasm, loadWasmSync, overrideFrontend, templateModule, WasmEngine } from "../../src/engine/index.js";
import { inventoryReads } from "../../src/engine/wasm-engine.js";
import { conflictPolicy, testsPolicy, violationPolicy } from "./ir-fixtures.js";

function wasmOf(p: Parameters<typeof compileIr>[0]) {
  const r = compileIr(p);
  expect(r.diagnostics).toEqual([]);
  return r.wasm!;
}

describe("engine on hand-written IR", () => {
  it("evaluates violation as a deduplicated list of {msg, details}", () => {
    const t = templateModule(wasmOf(violationPolicy()));
    const inv = emptyInventory();
    expect(t.evaluate({ review: {}, parameters: { m: "bad" } }, { inventory: inv })).toEqual([{ msg: "bad", details: {} }]);
    expect(t.evaluate({ review: {}, parameters: {} }, { inventory: inv })).toEqual([]);
  });

  it("passes data.inventory, reloading it only for a different inventory", () => {
    const t = templateModule(wasmOf(violationPolicy()));
    const inv = emptyInventory();
    addToInventory(inv, { apiVersion: "v1", kind: "Namespace", metadata: { name: "a" } });
    expect(t.evaluate({ parameters: {} }, { inventory: inv })).toEqual([{ msg: "inventory" }]);
    expect(t.evaluate({ parameters: {} }, { inventory: emptyInventory() })).toEqual([]);
    expect(t.evaluate({ parameters: {} }, { inventory: inv })).toEqual([{ msg: "inventory" }]);
  });

  it("turns an abort into an EvalError carrying the module's message", () => {
    const t = templateModule(wasmOf(conflictPolicy()));
    expect(t.evaluate({}, { inventory: emptyInventory() })).toEqual([]);
    expect(() => t.evaluate({ a: 1 }, { inventory: emptyInventory() })).toThrow(EvalError);
    expect(() => t.evaluate({ a: 1 }, { inventory: emptyInventory() })).toThrow(/conflict/);
    // The module is still usable after an abort.
    expect(t.evaluate({}, { inventory: emptyInventory() })).toEqual([]);
  });

  it("loads with the SDK synchronously and asynchronously, entrypoints by name", async () => {
    const wasm = wasmOf(testsPolicy());
    for (const p of [loadWasmSync(wasm), await loadWasm(wasm)]) {
      expect(Object.keys(p.entrypoints).sort()).toEqual(["t/test_bad", "t/test_ok"]);
      expect(evaluateEntrypoint(p, "t/test_ok")).toEqual([true]);
      expect(evaluateEntrypoint(p, "t/test_bad")).toEqual([false]);
    }
  });

  it("sends falsy inputs as written (the SDK would drop them)", () => {
    expect(new TextDecoder().decode(jsonBuffer(false))).toBe("false");
    expect(new TextDecoder().decode(jsonBuffer(0))).toBe("0");
    expect(new TextDecoder().decode(jsonBuffer(undefined))).toBe("null");
  });
});

const template = (rego: string, extra: Record<string, unknown> = {}) =>
  templateInfo(
    {
      apiVersion: "templates.gatekeeper.sh/v1",
      kind: "ConstraintTemplate",
      metadata: { name: "k8sdemo" },
      spec: { crd: { spec: { names: { kind: "K8sDemo" } } }, targets: [{ target: "admission.k8s.gatekeeper.sh", rego, ...extra }] },
    },
    { file: "demo/template.yaml" },
  );

describe("WasmEngine", () => {
  const rego = 'package k8sdemo\n\nviolation[{"msg": msg}] {\n  msg := input.parameters.m\n}\n';

  it("without the front end: a clear rego_unsupported_error naming the template file", () => {
    const engine = new WasmEngine();
    let err: unknown;
    overrideFrontend(null);
    try {
      engine.compileTemplate(template(rego));
    } catch (e) {
      err = e;
    } finally {
      overrideFrontend(undefined);
    }
    expect(err).toBeInstanceOf(GwpcError);
    const d = (err as GwpcError).diagnostics[0]!;
    expect(d.code).toBe("rego_unsupported_error");
    expect(d.message).toMatch(/Rego front end not available/);
    expect(d.location?.file).toBe("demo/template.yaml");
  });

  it.runIf(frontendAvailable())("with the front end: compiles v0 Rego as package template and evaluates it", () => {
    const engine = new WasmEngine();
    const t = engine.compileTemplate(template(rego));
    expect(t.evaluate({ review: {}, parameters: { m: "hi" } }, { inventory: emptyInventory() })).toEqual([{ msg: "hi" }]);
    // Same content: the cache answers.
    engine.compileTemplate(template(rego));
    expect(engine.compiles).toBe(1);
  });

  it("caches failures per content too", () => {
    const engine = new WasmEngine();
    const bad = template("package k8sdemo\n\nviolation[{\"msg\": msg}] {\n  msg := \n}\n");
    expect(() => engine.compileTemplate(bad)).toThrow(GwpcError);
    expect(() => engine.compileTemplate(bad)).toThrow(GwpcError);
    expect(engine.compiles).toBe(1);
  });

  it("loads into a module only the parts of data.inventory its plan reads", () => {
    expect(inventoryReads([])).toEqual([]);
    expect(inventoryReads([["libx"], ["template", "x"]])).toEqual([]);
    expect(inventoryReads([["inventory", "cluster", "v1", "Namespace", null], [null, "namespace"]])).toEqual([["cluster", "v1", "Namespace", null], ["namespace"]]);
    expect(inventoryReads([["inventory", "cluster"], []])).toEqual([[]]);
    expect(inventoryReads([["inventory"]])).toEqual([[]]);
  });

  it.runIf(frontendAvailable())("gives the same violations with the inventory cut to the template's reads as with all of it", () => {
    const engine = new WasmEngine();
    const rego = 'package k8sdemo\n\nviolation[{"msg": msg}] {\n  some gv\n  g := data.inventory.namespace[input.review.object.metadata.namespace][gv].ReferenceGrant[_]\n  msg := sprintf("%v %v", [gv, g.metadata.name])\n}\n';
    const cut = engine.compileTemplate(template(rego));
    const whole = templateModule(compileRego(templateSources(template(rego)).sources!, ["template/violation"], { regoVersion: "v0" }).wasm!);
    const inv = emptyInventory();
    addToInventory(inv, { apiVersion: "gateway.networking.k8s.io/v1beta1", kind: "ReferenceGrant", metadata: { name: "r1", namespace: "a" } });
    addToInventory(inv, { apiVersion: "gateway.networking.k8s.io/v1", kind: "ReferenceGrant", metadata: { name: "r2", namespace: "a" } });
    addToInventory(inv, { apiVersion: "gateway.networking.k8s.io/v1", kind: "Gateway", metadata: { name: "g", namespace: "a" } });
    addToInventory(inv, { apiVersion: "gateway.networking.k8s.io/v1", kind: "ReferenceGrant", metadata: { name: "r3", namespace: "b" } });
    for (const ns of ["a", "b", "c"]) {
      const input = { review: { object: { metadata: { namespace: ns } } }, parameters: {} };
      expect(cut.evaluate(input, { inventory: inv })).toEqual(whole.evaluate(input, { inventory: inv }));
    }
    expect(cut.evaluate({ review: { object: { metadata: { namespace: "a" } } }, parameters: {} }, { inventory: inv })).toHaveLength(2);
  });

  it.runIf(frontendAvailable())("evaluates a template reading data.inventory against each inventory given", () => {
    const engine = new WasmEngine();
    const t = engine.compileTemplate(template('package k8sdemo\n\nviolation[{"msg": msg}] {\n  data.inventory.cluster.v1.Namespace[n]\n  msg := n\n}\n'));
    const inv = emptyInventory();
    addToInventory(inv, { apiVersion: "v1", kind: "Namespace", metadata: { name: "a" } });
    expect(t.evaluate({ review: {}, parameters: {} }, { inventory: inv })).toEqual([{ msg: "a" }]);
    expect(t.evaluate({ review: {}, parameters: {} }, { inventory: emptyInventory() })).toEqual([]);
    expect(t.evaluate({ review: {}, parameters: {} }, { inventory: inv })).toEqual([{ msg: "a" }]);
  });
});
