import { describe, expect, it } from "vitest";
import { addToInventory, buildInventory, emptyInventory, lookupNamespace } from "../../src/gatekeeper/index.js";

describe("data.inventory layout", () => {
  const ns = { apiVersion: "v1", kind: "Namespace", metadata: { name: "a" } };
  const svc = { apiVersion: "v1", kind: "Service", metadata: { name: "s", namespace: "a" } };
  const ing = { apiVersion: "networking.k8s.io/v1", kind: "Ingress", metadata: { name: "i", namespace: "b" } };
  const sc = { apiVersion: "storage.k8s.io/v1", kind: "StorageClass", metadata: { name: "fast" } };
  it("puts cluster objects under cluster[gv][Kind][name] and namespaced ones under namespace[ns][gv][Kind][name]", () => {
    expect(buildInventory([ns, svc, ing, sc])).toEqual({
      cluster: { v1: { Namespace: { a: ns } }, "storage.k8s.io/v1": { StorageClass: { fast: sc } } },
      namespace: { a: { v1: { Service: { s: svc } } }, b: { "networking.k8s.io/v1": { Ingress: { i: ing } } } },
    });
  });
  it("finds Namespaces by name", () => {
    const inv = buildInventory([ns]);
    expect(lookupNamespace(inv, "a")).toBe(ns);
    expect(lookupNamespace(inv, "b")).toBeNull();
    expect(lookupNamespace(inv, "")).toBeNull();
  });
  it.each([
    { note: "no apiVersion", obj: { kind: "Pod", metadata: { name: "p" } }, want: /has no version/ },
    { note: "no kind", obj: { apiVersion: "v1", metadata: { name: "p" } }, want: /has no kind/ },
  ])("rejects an object with $note", ({ obj, want }) => expect(() => addToInventory(emptyInventory(), obj)).toThrow(want));
});
