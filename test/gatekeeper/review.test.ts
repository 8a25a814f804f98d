import { describe, expect, it } from "vitest";
import {
  buildInput,
  buildInventory,
  buildReview,
  emptyInventory,
  FunctionEngine,
  parseConstraint,
  reviewConstraint,
  reviewWithNamespace,
  templateInfo,
  type K8sObject,
} from "../../src/gatekeeper/index.js";

const pod: K8sObject = { apiVersion: "v1", kind: "Pod", metadata: { name: "p", namespace: "ns1" }, spec: {} };
const oldPod: K8sObject = { apiVersion: "v1", kind: "Pod", metadata: { name: "p", namespace: "ns1", labels: { old: "1" } } };
const ar = (apiVersion: string, request: K8sObject): K8sObject => ({ apiVersion, kind: "AdmissionReview", request });

describe("review of a plain object (gatekeeper's unstructuredToAdmissionRequest)", () => {
  it("sets kind, object, name and namespace; everything else keeps Go's zero value", () => {
    expect(buildReview(pod).request).toEqual({
      uid: "",
      kind: { group: "", version: "v1", kind: "Pod" },
      resource: { group: "", version: "", resource: "" },
      name: "p",
      namespace: "ns1",
      operation: "",
      userInfo: {},
      object: pod,
      oldObject: null,
      options: null,
      namespaceObject: null,
    });
  });
  it("splits the group from apiVersion and omits an empty namespace", () => {
    const r = buildReview({ apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", metadata: { name: "cr" } });
    expect(r.request["kind"]).toEqual({ group: "rbac.authorization.k8s.io", version: "v1", kind: "ClusterRole" });
    expect(r.request).not.toHaveProperty("namespace");
    expect(r.namespace).toBe("");
    expect(r.identity).toEqual({ apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", namespace: "", name: "cr" });
  });
});

describe("review of an AdmissionReview", () => {
  const userInfo = { username: "alice", groups: ["dev"] };
  it.each([
    {
      note: "CREATE (v1)",
      input: ar("admission.k8s.io/v1", { operation: "CREATE", namespace: "ns1", name: "p", userInfo, object: pod }),
      want: { operation: "CREATE", object: pod, oldObject: null, userInfo, namespace: "ns1", name: "p" },
    },
    {
      note: "UPDATE (v1beta1) keeps oldObject",
      input: ar("admission.k8s.io/v1beta1", { operation: "UPDATE", userInfo, object: pod, oldObject: oldPod }),
      want: { operation: "UPDATE", object: pod, oldObject: oldPod, userInfo },
    },
    {
      note: "DELETE: the object is the oldObject",
      input: ar("admission.k8s.io/v1", { operation: "DELETE", oldObject: oldPod }),
      want: { operation: "DELETE", object: oldPod, oldObject: oldPod, userInfo: {} },
    },
  ])("$note", ({ input, want }) => {
    const r = buildReview(input);
    expect(r.request).toMatchObject(want);
    expect(r.request["kind"]).toEqual({ group: "", version: "", kind: "" }); // absent request.kind stays zero, as in Go
    expect(r.object).toEqual(want.object);
  });
  it("passes request.kind, uid and dryRun through", () => {
    const r = buildReview(ar("admission.k8s.io/v1", { uid: "u1", kind: { group: "", version: "v1", kind: "Pod" }, dryRun: true, operation: "CREATE", object: pod }));
    expect(r.request).toMatchObject({ uid: "u1", kind: { group: "", version: "v1", kind: "Pod" }, dryRun: true });
  });
  it.each([
    { note: "no request", input: { apiVersion: "admission.k8s.io/v1", kind: "AdmissionReview" }, want: /has no request/ },
    { note: "unknown request field", input: ar("admission.k8s.io/v1", { operation: "CREATE", object: pod, bogus: 1 }), want: /unknown field "request.bogus"/ },
    { note: "unknown top-level field", input: { ...ar("admission.k8s.io/v1", { object: pod }), spec: {} }, want: /unknown field "spec"/ },
    { note: "neither object nor oldObject", input: ar("admission.k8s.io/v1", { operation: "CREATE" }), want: /neither "object" nor "oldObject"/ },
    { note: "DELETE without oldObject", input: ar("admission.k8s.io/v1", { operation: "DELETE", object: pod }), want: /DELETE request needs oldObject/ },
    { note: "object without kind", input: ar("admission.k8s.io/v1", { operation: "CREATE", object: { metadata: {} } }), want: /request.object has no kind/ },
  ])("rejects $note", ({ input, want }) => expect(() => buildReview(input as K8sObject)).toThrow(want));
  it("an AdmissionReview outside admission.k8s.io is a plain object", () => {
    const r = buildReview({ apiVersion: "example.com/v1", kind: "AdmissionReview", metadata: { name: "x" } });
    expect(r.request["operation"]).toBe("");
  });
});

describe("input", () => {
  it("is {review + namespaceObject, parameters}, parameters defaulting to {}", () => {
    const t = buildReview(pod);
    const ns = { apiVersion: "v1", kind: "Namespace", metadata: { name: "ns1" } };
    expect(buildInput(reviewWithNamespace(t, ns), undefined)).toEqual({ review: { ...t.request, namespaceObject: ns }, parameters: {} });
    expect(t.request["namespaceObject"]).toBe(ns);
    expect(buildInput(reviewWithNamespace(t, null), { a: 1 }).parameters).toEqual({ a: 1 });
  });
  it("reaches the template with namespaceObject from the inventory and data.inventory", () => {
    const seen: unknown[] = [];
    const engine = new FunctionEngine().register("K8sX", (input, data) => (seen.push(input, data), []));
    const tmpl = templateInfo({
      apiVersion: "templates.gatekeeper.sh/v1",
      kind: "ConstraintTemplate",
      metadata: { name: "k8sx" },
      spec: { crd: { spec: { names: { kind: "K8sX" } } }, targets: [{ target: "admission.k8s.gatekeeper.sh", rego: "package x" }] },
    });
    const c = parseConstraint({ apiVersion: "constraints.gatekeeper.sh/v1beta1", kind: "K8sX", metadata: { name: "c" }, spec: { parameters: { p: 1 } } });
    const nsObj = { apiVersion: "v1", kind: "Namespace", metadata: { name: "ns1" } };
    const inventory = buildInventory([nsObj]);
    reviewConstraint(buildReview(pod), c, engine.compileTemplate(tmpl), { inventory, enforcementPoint: "gator.gatekeeper.sh" });
    expect(seen[0]).toMatchObject({ review: { namespaceObject: nsObj, object: pod }, parameters: { p: 1 } });
    expect(seen[1]).toEqual({ inventory });
    reviewConstraint(buildReview(pod), c, engine.compileTemplate(tmpl), { inventory: emptyInventory(), enforcementPoint: "gator.gatekeeper.sh" });
    expect((seen[2] as { review: K8sObject }).review["namespaceObject"]).toBeNull();
  });
});
