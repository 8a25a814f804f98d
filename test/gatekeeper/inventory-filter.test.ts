import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addToInventory, emptyInventory, type Inventory } from "../../src/gatekeeper/index.js";
import { inventoryDataUtf8, type InventoryPath } from "../../src/gatekeeper/evaluate-json.js";

const parse = (b: ArrayBuffer): { inventory: unknown } => JSON.parse(new TextDecoder().decode(b));

/** Every path from the root of `v` to each of its values, the root included. */
function paths(v: unknown, at: string[] = [], out: string[][] = []): string[][] {
  out.push(at);
  if (typeof v === "object" && v !== null && !Array.isArray(v)) for (const k of Object.keys(v)) paths((v as Record<string, unknown>)[k], [...at, k], out);
  return out;
}

function get(v: unknown, path: readonly string[]): unknown {
  let cur = v;
  for (const k of path) {
    if (typeof cur !== "object" || cur === null || Array.isArray(cur) || !Object.prototype.hasOwnProperty.call(cur, k)) return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

const under = (p: InventoryPath, q: readonly string[]): boolean => q.length >= p.length && p.every((k, i) => k === null || k === q[i]);

describe("the inventory loaded into a module, cut to the paths it reads", () => {
  it("keeps only what lies under the paths, and the records holding it", () => {
    const inv = emptyInventory();
    addToInventory(inv, { apiVersion: "v1", kind: "Namespace", metadata: { name: "a", labels: { team: "x" } } });
    addToInventory(inv, { apiVersion: "gateway.networking.k8s.io/v1", kind: "Gateway", metadata: { name: "g", namespace: "a" } });
    addToInventory(inv, { apiVersion: "gateway.networking.k8s.io/v1beta1", kind: "ReferenceGrant", metadata: { name: "r", namespace: "b" }, spec: { from: [] } });
    const rg = [["namespace", null, null, "ReferenceGrant"]];
    expect(parse(inventoryDataUtf8(inv, rg))).toEqual({ inventory: { namespace: { b: { "gateway.networking.k8s.io/v1beta1": { ReferenceGrant: { r: inv.namespace["b"]!["gateway.networking.k8s.io/v1beta1"]!["ReferenceGrant"]!["r"] } } } } } });
    expect(parse(inventoryDataUtf8(inv, [["cluster", "v1", "Namespace", null, "metadata", "labels"]]))).toEqual({ inventory: { cluster: { v1: { Namespace: { a: { metadata: { labels: { team: "x" } } } } } } } });
    expect(parse(inventoryDataUtf8(inv, [["cluster", "apps/v1"]]))).toEqual({ inventory: {} });
    // Built once per inventory and set of paths.
    expect(inventoryDataUtf8(inv, rg)).toBe(inventoryDataUtf8(inv, rg));
    // The whole inventory: JSON.stringify's bytes.
    expect(parse(inventoryDataUtf8(inv, [[]]))).toEqual(JSON.parse(JSON.stringify({ inventory: inv })));
  });

  it("gives every read under a path the value the whole inventory gives (property)", () => {
    const key = fc.constantFrom("a", "b", "c");
    const leaf = fc.oneof(fc.integer(), fc.string(), fc.constant(null), fc.array(fc.integer(), { maxLength: 2 }));
    const tree = fc.letrec((tie) => ({ node: fc.oneof({ depthSize: "small", withCrossShrink: true }, leaf, fc.dictionary(key, tie("node"), { maxKeys: 3 })) })).node;
    const pattern = fc.array(fc.oneof(key, fc.constant(null)), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(fc.dictionary(key, tree, { maxKeys: 3 }), fc.array(pattern, { minLength: 1, maxLength: 3 }), (inv, ps) => {
        const full = { inventory: inv };
        const cut = parse(inventoryDataUtf8(inv as unknown as Inventory, ps));
        for (const q of paths(full)) {
          // A read at q (below "inventory") that some pattern covers sees the same value.
          if (q[0] === "inventory" && ps.some((p) => under(p, q.slice(1)))) expect(get(cut, q)).toEqual(get(full, q));
        }
        // Nothing is invented: every path in the cut exists in the whole with the same leaves.
        for (const q of paths(cut)) expect(get(full, q)).toBeDefined();
      }),
      { numRuns: 300 },
    );
  });
});
