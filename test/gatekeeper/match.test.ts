import { describe, expect, it } from "vitest";
import {
  buildInventory,
  buildReview,
  lookupNamespace,
  matchObject,
  matchReview,
  parseConstraint,
  wildcardMatches,
  type K8sObject,
  type Match,
} from "../../src/gatekeeper/index.js";

const pod = (ns: string | undefined, labels: Record<string, string> = {}, name = "p"): K8sObject => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, ...(ns ? { namespace: ns } : {}), labels },
});
const namespace = (name: string, labels: Record<string, string> = {}): K8sObject => ({ apiVersion: "v1", kind: "Namespace", metadata: { name, labels } });
const clusterRole = (name = "cr"): K8sObject => ({ apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", metadata: { name } });
const deploy = (ns: string): K8sObject => ({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "d", namespace: ns } });

/** A Match as a constraint would carry it, through the same parser. */
const match = (m: object): Match => parseConstraint({ apiVersion: "constraints.gatekeeper.sh/v1beta1", kind: "K", metadata: { name: "c" }, spec: { match: m } }).match;

describe("wildcardMatches (gatekeeper util.Wildcard)", () => {
  it.each([
    { note: "exact", p: "kube-system", c: "kube-system", want: true },
    { note: "exact mismatch", p: "kube-system", c: "kube-public", want: false },
    { note: "prefix", p: "kube-*", c: "kube-public", want: true },
    { note: "prefix mismatch", p: "kube-*", c: "default", want: false },
    { note: "suffix", p: "*-system", c: "gatekeeper-system", want: true },
    { note: "suffix mismatch", p: "*-system", c: "system-x", want: false },
    { note: "infix", p: "*prod*", c: "team-prod-1", want: true },
    { note: "infix mismatch", p: "*prod*", c: "team-dev", want: false },
    { note: "star alone", p: "*", c: "anything", want: true },
    { note: "star alone, empty", p: "*", c: "", want: true },
    { note: "star in the middle is literal", p: "a*b", c: "axxb", want: false },
    { note: "star in the middle exact", p: "a*b", c: "a*b", want: true },
  ])("$note: $p ~ $c", ({ p, c, want }) => expect(wildcardMatches(p, c)).toBe(want));
});

describe("kinds", () => {
  it.each([
    { note: "no kinds matches all", m: {}, obj: pod("a"), want: true },
    { note: "empty list matches all", m: { kinds: [] }, obj: pod("a"), want: true },
    { note: "core group", m: { kinds: [{ apiGroups: [""], kinds: ["Pod"] }] }, obj: pod("a"), want: true },
    { note: "wrong group", m: { kinds: [{ apiGroups: ["apps"], kinds: ["Pod"] }] }, obj: pod("a"), want: false },
    { note: "group *", m: { kinds: [{ apiGroups: ["*"], kinds: ["Deployment"] }] }, obj: deploy("a"), want: true },
    { note: "kinds *", m: { kinds: [{ apiGroups: ["apps"], kinds: ["*"] }] }, obj: deploy("a"), want: true },
    { note: "empty kinds in entry", m: { kinds: [{ apiGroups: ["apps"] }] }, obj: deploy("a"), want: true },
    { note: "empty apiGroups in entry", m: { kinds: [{ kinds: ["Deployment"] }] }, obj: deploy("a"), want: true },
    { note: "wrong kind", m: { kinds: [{ apiGroups: ["*"], kinds: ["Service"] }] }, obj: pod("a"), want: false },
    { note: "any entry may match", m: { kinds: [{ apiGroups: ["apps"], kinds: ["Deployment"] }, { apiGroups: [""], kinds: ["Pod"] }] }, obj: pod("a"), want: true },
    { note: "group and kind must match in one entry", m: { kinds: [{ apiGroups: ["apps"], kinds: ["Pod"] }, { apiGroups: [""], kinds: ["Deployment"] }] }, obj: pod("a"), want: false },
  ])("$note", ({ m, obj, want }) => expect(matchObject(match(m), obj, null)).toBe(want));
});

describe("scope", () => {
  it.each([
    { scope: "Cluster", obj: clusterRole(), want: true },
    { scope: "Cluster", obj: namespace("x"), want: true },
    { scope: "Cluster", obj: pod("a"), want: false },
    { scope: "Namespaced", obj: pod("a"), want: true },
    { scope: "Namespaced", obj: clusterRole(), want: false },
    { scope: "Namespaced", obj: namespace("x"), want: false },
    { scope: "*", obj: pod("a"), want: true },
    { scope: "*", obj: clusterRole(), want: true },
    { scope: "cluster", obj: pod("a"), want: true }, // a typo matches everything, as in gatekeeper
  ])("$scope vs $obj.kind", ({ scope, obj, want }) => expect(matchObject(match({ scope }), obj, null)).toBe(want));
  it("a known Namespace makes an object namespaced", () => {
    expect(matchObject(match({ scope: "Namespaced" }), pod(undefined), namespace("a"))).toBe(true);
  });
});

describe("namespaces and excludedNamespaces", () => {
  it.each([
    { note: "listed", m: { namespaces: ["a"] }, obj: pod("a"), want: true },
    { note: "not listed", m: { namespaces: ["a"] }, obj: pod("b"), want: false },
    { note: "prefix glob", m: { namespaces: ["kube-*"] }, obj: pod("kube-system"), want: true },
    { note: "suffix glob", m: { namespaces: ["*-system"] }, obj: pod("gatekeeper-system"), want: true },
    { note: "infix glob", m: { namespaces: ["*team*"] }, obj: pod("a-team-b"), want: true },
    { note: "cluster-scoped object always passes", m: { namespaces: ["a"] }, obj: clusterRole(), want: true },
    { note: "Namespace matched by its own name", m: { namespaces: ["a"] }, obj: namespace("a"), want: true },
    { note: "Namespace not listed", m: { namespaces: ["a"] }, obj: namespace("b"), want: false },
    { note: "excluded", m: { excludedNamespaces: ["kube-*"] }, obj: pod("kube-system"), want: false },
    { note: "not excluded", m: { excludedNamespaces: ["kube-*"] }, obj: pod("default"), want: true },
    { note: "excluded, suffix", m: { excludedNamespaces: ["*-system"] }, obj: pod("gatekeeper-system"), want: false },
    { note: "excluded cluster-scoped passes", m: { excludedNamespaces: ["*"] }, obj: clusterRole(), want: true },
    { note: "excluded Namespace by own name", m: { excludedNamespaces: ["kube-system"] }, obj: namespace("kube-system"), want: false },
    { note: "listed and excluded", m: { namespaces: ["kube-*"], excludedNamespaces: ["kube-system"] }, obj: pod("kube-system"), want: false },
  ])("$note", ({ m, obj, want }) => expect(matchObject(match(m), obj, null)).toBe(want));
  it("the known Namespace wins over the declared one", () => {
    expect(matchObject(match({ namespaces: ["real"] }), pod("declared"), namespace("real"))).toBe(true);
  });
});

describe("labelSelector", () => {
  const sel = (labelSelector: object) => match({ labelSelector });
  it.each([
    { note: "empty selector matches all", s: {}, labels: {}, want: true },
    { note: "matchLabels", s: { matchLabels: { app: "a" } }, labels: { app: "a" }, want: true },
    { note: "matchLabels wrong value", s: { matchLabels: { app: "a" } }, labels: { app: "b" }, want: false },
    { note: "matchLabels missing", s: { matchLabels: { app: "a" } }, labels: {}, want: false },
    { note: "In", s: { matchExpressions: [{ key: "env", operator: "In", values: ["prod", "qa"] }] }, labels: { env: "qa" }, want: true },
    { note: "In absent", s: { matchExpressions: [{ key: "env", operator: "In", values: ["prod"] }] }, labels: {}, want: false },
    { note: "NotIn", s: { matchExpressions: [{ key: "env", operator: "NotIn", values: ["prod"] }] }, labels: { env: "prod" }, want: false },
    { note: "NotIn absent matches", s: { matchExpressions: [{ key: "env", operator: "NotIn", values: ["prod"] }] }, labels: {}, want: true },
    { note: "Exists", s: { matchExpressions: [{ key: "env", operator: "Exists" }] }, labels: { env: "" }, want: true },
    { note: "Exists absent", s: { matchExpressions: [{ key: "env", operator: "Exists" }] }, labels: {}, want: false },
    { note: "DoesNotExist", s: { matchExpressions: [{ key: "env", operator: "DoesNotExist" }] }, labels: {}, want: true },
    { note: "DoesNotExist present", s: { matchExpressions: [{ key: "env", operator: "DoesNotExist" }] }, labels: { env: "x" }, want: false },
    { note: "ANDed", s: { matchLabels: { app: "a" }, matchExpressions: [{ key: "env", operator: "Exists" }] }, labels: { app: "a" }, want: false },
  ])("$note", ({ s, labels, want }) => expect(matchObject(sel(s), pod("a", labels as Record<string, string>), null)).toBe(want));
  it.each([
    { note: "unknown operator", s: { matchExpressions: [{ key: "a", operator: "Contains", values: ["x"] }] }, want: /not a valid label selector operator/ },
    { note: "In without values", s: { matchExpressions: [{ key: "a", operator: "In", values: [] }] }, want: /values set can't be empty/ },
    { note: "Exists with values", s: { matchExpressions: [{ key: "a", operator: "Exists", values: ["x"] }] }, want: /must be empty/ },
    { note: "non-string label value", s: { matchLabels: { a: true } }, want: /must be a string/ },
  ])("invalid: $note", ({ s, want }) => expect(() => sel(s)).toThrow(want));
});

describe("namespaceSelector", () => {
  const m = match({ namespaceSelector: { matchLabels: { team: "a" } } });
  it.each([
    { note: "Namespace object uses its own labels", obj: namespace("x", { team: "a" }), ns: null, want: true },
    { note: "Namespace object, wrong labels", obj: namespace("x", { team: "b" }), ns: null, want: false },
    { note: "cluster-scoped object passes", obj: clusterRole(), ns: null, want: true },
    { note: "namespaced object, Namespace labels match", obj: pod("x"), ns: namespace("x", { team: "a" }), want: true },
    { note: "namespaced object, Namespace labels differ", obj: pod("x"), ns: namespace("x", { team: "b" }), want: false },
  ])("$note", ({ obj, ns, want }) => expect(matchObject(m, obj, ns)).toBe(want));
  it("a namespaced object whose Namespace is missing autorejects with the match error", () => {
    const r = matchReview(m, buildReview(pod("x")), null);
    expect(r).toEqual({
      matched: false,
      error: "error matching the requested object: failed to run Match criteria: namespace selector for namespace-scoped object but missing Namespace",
    });
  });
  it("the Namespace comes from the inventory", () => {
    const inv = buildInventory([namespace("x", { team: "a" })]);
    expect(matchReview(m, buildReview(pod("x")), lookupNamespace(inv, "x"))).toEqual({ matched: true });
  });
});

describe("name", () => {
  it.each([
    { name: "p", obj: "p", want: true },
    { name: "p", obj: "q", want: false },
    { name: "pod-*", obj: "pod-a", want: true },
    { name: "*-pod", obj: "a-pod", want: true },
    { name: "*mid*", obj: "a-mid-b", want: true },
    { name: "", obj: "anything", want: true },
  ])("$name ~ $obj", ({ name, obj, want }) => expect(matchObject(match({ name }), pod("a", {}, obj), null)).toBe(want));
});

describe("object and oldObject", () => {
  const ar = (object: K8sObject | undefined, oldObject: K8sObject | undefined, operation = "UPDATE") =>
    buildReview({ apiVersion: "admission.k8s.io/v1", kind: "AdmissionReview", request: { operation, object, oldObject } });
  const m = match({ labelSelector: { matchLabels: { keep: "yes" } } });
  it.each([
    { note: "object matches", review: ar(pod("a", { keep: "yes" }), pod("a")), want: true },
    { note: "only oldObject matches", review: ar(pod("a"), pod("a", { keep: "yes" })), want: true },
    { note: "neither matches", review: ar(pod("a"), pod("a")), want: false },
  ])("$note", ({ review, want }) => expect(matchReview(m, review, null).matched).toBe(want));
  it("source Generated never matches the objects gator reviews", () => {
    expect(matchObject(match({ source: "Generated" }), pod("a"), null)).toBe(false);
    expect(matchObject(match({ source: "All" }), pod("a"), null)).toBe(true);
  });
});
