import { describe, expect, it } from "vitest";
import { GATEWAY_GROUP, planConstraints, planSync, type ConstraintSpec } from "../../src/policy/index.js";
import { CLASSES_ONLY, EMPTY, GRANTS_AND_ADMINS, SPEC_EXAMPLE, THREE_TIER, policy } from "../bundle/models.js";

const byName = (cs: ConstraintSpec[]) => Object.fromEntries(cs.map((c) => [c.name, c]));

describe("planConstraints", () => {
  it("maps each SPEC section to one Constraint, named <metadata.name>-<section>, in section order", () => {
    const cs = planConstraints(SPEC_EXAMPLE);
    expect(cs.map((c) => [c.kind, c.name, c.templateName])).toEqual([
      ["GwpcGatewayClassNamespaces", "acme-gateway-classes", "gwpcgatewayclassnamespaces"],
      ["GwpcRouteBinding", "acme-route-binding", "gwpcroutebinding"],
      ["GwpcReferenceGrantRules", "acme-reference-grants", "gwpcreferencegrantrules"],
      ["GwpcCrossNamespaceRefs", "acme-cross-namespace-refs", "gwpccrossnamespacerefs"],
      ["GwpcPersonaWrites", "acme-personas", "gwpcpersonawrites"],
    ]);
  });

  it("puts exemptNamespaces into every Constraint's excludedNamespaces and carries the enforcement action", () => {
    for (const c of planConstraints(SPEC_EXAMPLE)) {
      expect(c.match.excludedNamespaces).toEqual(["kube-system", "gatekeeper-system"]);
      expect(c.enforcementAction).toBe("deny");
    }
    const [c] = planConstraints(CLASSES_ONLY);
    expect(c!.enforcementAction).toBe("dryrun");
    expect(c!.match.excludedNamespaces).toEqual(["kube-*"]);
  });

  it("matches the kinds of policies/README.md by group and kind (plus the experimental ListenerSets the Rego handles)", () => {
    const XLS = { apiGroups: ["gateway.networking.x-k8s.io"], kinds: ["ListenerSet", "XListenerSet"] };
    const cs = byName(planConstraints(SPEC_EXAMPLE));
    const table: [string, { apiGroups: string[]; kinds: string[] }[]][] = [
      ["acme-gateway-classes", [{ apiGroups: [GATEWAY_GROUP], kinds: ["Gateway"] }]],
      [
        "acme-route-binding",
        [
          { apiGroups: [GATEWAY_GROUP], kinds: ["Gateway", "ListenerSet"] },
          XLS,
        ],
      ],
      ["acme-reference-grants", [{ apiGroups: [GATEWAY_GROUP], kinds: ["ReferenceGrant"] }]],
      ["acme-cross-namespace-refs", [{ apiGroups: [GATEWAY_GROUP], kinds: ["HTTPRoute", "GRPCRoute", "TLSRoute", "TCPRoute", "UDPRoute", "Gateway", "ListenerSet"] }, XLS]],
      [
        "acme-personas",
        [{ apiGroups: [GATEWAY_GROUP], kinds: ["GatewayClass", "Gateway", "ListenerSet", "HTTPRoute", "GRPCRoute", "TLSRoute", "TCPRoute", "UDPRoute"] }, XLS],
      ],
    ];
    for (const [name, kinds] of table) expect(cs[name]!.match.kinds, name).toEqual(kinds);
  });

  it("passes the policy's values as parameters in the shapes of policies/README.md", () => {
    const cs = byName(planConstraints(SPEC_EXAMPLE));
    expect(cs["acme-gateway-classes"]!.parameters).toEqual({
      unlisted: "deny",
      rules: [
        { className: "public", namespaces: ["edge", "team-*-ingress"], namespaceSelector: { matchLabels: { "gateway.acme.io/public": "true" } } },
        { className: "internal", namespaces: ["*"] },
      ],
    });
    expect(cs["acme-route-binding"]!.parameters).toEqual({
      allowedSelectorLabels: ["kubernetes.io/metadata.name"],
      bannedSelectorLabels: ["env", "team"],
      allowedOperators: ["In"],
      fromAllNamespaces: ["edge"],
    });
    expect(cs["acme-reference-grants"]!.parameters).toEqual({
      unlisted: "deny",
      rules: [
        { from: { kind: "HTTPRoute", namespaces: ["prod"] }, to: { kind: "Service", namespaces: ["backend-*"], requireName: false } },
        { from: { kind: "Gateway", namespaces: ["edge"] }, to: { kind: "Secret", namespaces: ["certs"], requireName: true } },
      ],
    });
    expect(cs["acme-cross-namespace-refs"]!.parameters).toEqual({});
  });

  it("marks referential Constraints with the kinds Gatekeeper must sync", () => {
    const cs = byName(planConstraints(SPEC_EXAMPLE));
    expect(cs["acme-gateway-classes"]!.referential).toEqual([{ group: "", version: "v1", kind: "Namespace" }]);
    expect(cs["acme-cross-namespace-refs"]!.referential).toEqual([{ group: GATEWAY_GROUP, version: "v1beta1", kind: "ReferenceGrant" }]);
    expect(cs["acme-route-binding"]!.referential).toBeUndefined();
    expect(planSync(planConstraints(SPEC_EXAMPLE)).map((k) => k.kind)).toEqual(["Namespace", "ReferenceGrant"]);
  });

  it("is not referential for GatewayClass rules without a namespaceSelector", () => {
    const cs = planConstraints(CLASSES_ONLY);
    expect(cs).toHaveLength(1);
    expect(cs[0]!.referential).toBeUndefined();
    expect(planSync(cs)).toEqual([]);
  });

  it("generates nothing for absent sections", () => {
    expect(planConstraints(EMPTY)).toEqual([]);
  });

  it("skips the ReferenceGrant rules Constraint when it could deny nothing (unlisted: allow, no rules)", () => {
    expect(planConstraints(GRANTS_AND_ADMINS).map((c) => c.name)).toEqual(["shared-cross-namespace-refs", "shared-personas"]);
    const rulesOnly = policy("p", { referenceGrants: { unlisted: "deny", rules: [], requireGrantForCrossNamespaceRefs: false } });
    expect(planConstraints(rulesOnly).map((c) => c.name)).toEqual(["p-reference-grants"]);
  });

  it("generates the persona Constraint only with enforceWithAdmission", () => {
    expect(planConstraints(THREE_TIER)).toEqual([]);
    expect(planConstraints(SPEC_EXAMPLE).some((c) => c.kind === "GwpcPersonaWrites")).toBe(true);
  });

  it("does not share arrays with the model (specs are safe to mutate)", () => {
    const [c] = planConstraints(CLASSES_ONLY);
    (c!.match.excludedNamespaces as string[]).push("x");
    expect(CLASSES_ONLY.spec.exemptNamespaces).toEqual(["kube-*"]);
  });
});

describe("constraint names", () => {
  it("stay DNS-safe for the longest policy name", () => {
    const name = "a".repeat(61) + "-z";
    for (const c of planConstraints({ ...SPEC_EXAMPLE, metadata: { name } })) {
      expect(c.name.startsWith(`${name}-`)).toBe(true);
      expect(c.name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
      expect(c.name.length).toBeLessThanOrEqual(253);
    }
  });
});
