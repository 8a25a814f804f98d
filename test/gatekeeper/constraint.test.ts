import { describe, expect, it } from "vitest";
import { actionsAt, parseConstraint } from "../../src/gatekeeper/index.js";

const constraint = (spec: object) => parseConstraint({ apiVersion: "constraints.gatekeeper.sh/v1beta1", kind: "K8sX", metadata: { name: "c" }, spec });

describe("enforcement actions", () => {
  it.each([
    { note: "absent is deny", spec: {}, point: "gator.gatekeeper.sh", want: ["deny"] },
    { note: "empty is deny", spec: { enforcementAction: "" }, point: "gator.gatekeeper.sh", want: ["deny"] },
    { note: "dryrun", spec: { enforcementAction: "dryrun" }, point: "gator.gatekeeper.sh", want: ["dryrun"] },
    { note: "warn", spec: { enforcementAction: "warn" }, point: "audit.gatekeeper.sh", want: ["warn"] },
    {
      note: "scoped, this point",
      spec: { enforcementAction: "scoped", scopedEnforcementActions: [{ action: "warn", enforcementPoints: [{ name: "gator.gatekeeper.sh" }] }] },
      point: "gator.gatekeeper.sh",
      want: ["warn"],
    },
    {
      note: "scoped, another point only: not enforced",
      spec: { enforcementAction: "scoped", scopedEnforcementActions: [{ action: "deny", enforcementPoints: [{ name: "validation.gatekeeper.sh" }] }] },
      point: "gator.gatekeeper.sh",
      want: [],
    },
    {
      note: "scoped, * and several actions, strongest first",
      spec: {
        enforcementAction: "scoped",
        scopedEnforcementActions: [
          { action: "warn", enforcementPoints: [{ name: "*" }] },
          { action: "deny", enforcementPoints: [{ name: "audit.gatekeeper.sh" }] },
        ],
      },
      point: "audit.gatekeeper.sh",
      want: ["deny", "warn"],
    },
  ])("$note", ({ spec, point, want }) => expect(actionsAt(constraint(spec), point)).toEqual(want));
  it.each([
    { note: "unknown action", spec: { enforcementAction: "block" }, want: /"block" is not one of deny, dryrun, warn, scoped/ },
    { note: "scoped without actions", spec: { enforcementAction: "scoped" }, want: /scopedEnforcementActions: required/ },
    { note: "bad scoped action", spec: { enforcementAction: "scoped", scopedEnforcementActions: [{ action: "x", enforcementPoints: [] }] }, want: /action: must be one of/ },
  ])("rejects $note", ({ spec, want }) => expect(() => constraint(spec)).toThrow(want));
});

describe("parseConstraint", () => {
  it("reads kind, name, parameters (default {}) and match", () => {
    const c = constraint({ match: { kinds: [{ apiGroups: [""], kinds: ["Pod"] }], namespaces: ["a"] } });
    expect(c).toMatchObject({ kind: "K8sX", name: "c", parameters: {}, enforcementAction: "deny", match: { kinds: [{ apiGroups: [""], kinds: ["Pod"] }], namespaces: ["a"] } });
  });
  it.each([
    { note: "wrong group", obj: { apiVersion: "v1", kind: "K8sX", metadata: { name: "c" } }, want: /not a constraint/ },
    { note: "no name", obj: { apiVersion: "constraints.gatekeeper.sh/v1beta1", kind: "K8sX" }, want: /metadata.name: missing/ },
    { note: "namespaces not a list", obj: { apiVersion: "constraints.gatekeeper.sh/v1beta1", kind: "K8sX", metadata: { name: "c" }, spec: { match: { namespaces: "a" } } }, want: /namespaces: must be a list of strings/ },
  ])("rejects $note", ({ obj, want }) => expect(() => parseConstraint(obj)).toThrow(want));
});
