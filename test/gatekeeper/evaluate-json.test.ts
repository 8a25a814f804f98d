import { describe, expect, it } from "vitest";
import { addToInventory, buildReview, emptyInventory, FunctionEngine, parseConstraint, reviewConstraint, type Inventory } from "../../src/gatekeeper/index.js";
import { inputJson, inputJsonUtf8 } from "../../src/gatekeeper/evaluate.js";
import { inventoryDataUtf8 } from "../../src/gatekeeper/evaluate-json.js";
import { constraintObject, template } from "./fixtures.js";

const text = (b: ArrayBuffer | Uint8Array) => new TextDecoder().decode(b);

function cluster(): Inventory {
  const inv = emptyInventory();
  addToInventory(inv, { apiVersion: "v1", kind: "Namespace", metadata: { name: "a", labels: { "é": "ü \u2028 \"q\"" } } });
  addToInventory(inv, { apiVersion: "v1", kind: "Pod", metadata: { name: "p", namespace: "a" }, spec: { x: [1, null, { y: "😀" }], z: undefined } });
  addToInventory(inv, { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "d", namespace: "a" } });
  return inv;
}

describe("JSON for the Wasm engine", () => {
  it("serialises the inventory data as JSON.stringify does", () => {
    const inv = cluster();
    expect(text(inventoryDataUtf8(inv))).toBe(JSON.stringify({ inventory: inv }));
    expect(inventoryDataUtf8(inv)).toBe(inventoryDataUtf8(inv));
    expect(text(inventoryDataUtf8(emptyInventory()))).toBe(JSON.stringify({ inventory: emptyInventory() }));
    // Shapes addToInventory does not build still come out as JSON.stringify's.
    const odd = { cluster: { v1: { Namespace: { a: { toJSON: () => "x" } } } }, namespace: { b: [1, 2] }, extra: undefined } as unknown as Inventory;
    expect(text(inventoryDataUtf8(odd))).toBe(JSON.stringify({ inventory: odd }));
    const date = { cluster: { v1: { Namespace: { a: { t: new Date(0) } } } }, namespace: {} } as unknown as Inventory;
    expect(text(inventoryDataUtf8(date))).toBe(JSON.stringify({ inventory: date }));
  });

  it("gives the engine each review input's JSON.stringify bytes, the inventory's copy of the object reused", () => {
    const inv = cluster();
    const seen: [string, string][] = [];
    const engine = new FunctionEngine().register("K8sSeen", (input) => {
      seen.push([text(inputJsonUtf8(input).slice()), JSON.stringify(input)]);
      seen.push([inputJson(input), JSON.stringify(input)]);
      return [];
    });
    const compiled = engine.compileTemplate(template("K8sSeen"));
    const pod = inv.namespace["a"]!["v1"]!["Pod"]!["p"]!;
    const ctx = { inventory: inv, enforcementPoint: "audit.gatekeeper.sh" };
    for (const withData of [false, true]) {
      if (withData) inventoryDataUtf8(inv);
      const target = buildReview(pod);
      for (const spec of [{}, { parameters: { a: ["ß", 1] } }, { parameters: { b: true } }]) {
        reviewConstraint(target, parseConstraint(constraintObject("K8sSeen", "c", spec)), compiled, ctx);
      }
      // Another object, then the first again.
      reviewConstraint(buildReview({ apiVersion: "v1", kind: "Pod", metadata: { name: "q", namespace: "zz" } }), parseConstraint(constraintObject("K8sSeen", "c")), compiled, ctx);
      reviewConstraint(target, parseConstraint(constraintObject("K8sSeen", "c")), compiled, { ...ctx, inventory: emptyInventory() });
    }
    expect(seen.length).toBe(20);
    for (const [got, want] of seen) expect(got).toBe(want);
    // Outside a review: plain JSON.stringify.
    expect(inputJson({ a: 1 })).toBe('{"a":1}');
    expect(inputJson(undefined)).toBe("null");
  });
});
