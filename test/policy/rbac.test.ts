import { describe, expect, it } from "vitest";
import { planRbac, READ_RESOURCES, type RbacObject } from "../../src/policy/index.js";
import { GRANTS_AND_ADMINS, SPEC_EXAMPLE, THREE_TIER, personas, policy } from "../bundle/models.js";

const summary = (os: RbacObject[]) =>
  os.map((o) =>
    o.kind === "ClusterRole"
      ? `ClusterRole ${o.name}: ${o.rules.map((r) => `${r.verbs.join(",")} ${r.resources.join(",")}`).join("; ")}`
      : `${o.kind} ${o.kind === "RoleBinding" ? o.namespace + "/" : ""}${o.name} -> ${o.roleName}: ${o.subjects.map((s) => `${s.kind}:${s.name}`).join(",")}`,
  );

describe("planRbac", () => {
  it("four-tier (SPEC example): cluster-wide ClusterRoleBindings, RoleBindings in specified namespaces, read for everyone", () => {
    expect(summary(planRbac(SPEC_EXAMPLE))).toEqual([
      "ClusterRole acme-gateway-api-reader: get,list,watch gatewayclasses,gateways,listenersets,httproutes,grpcroutes,tlsroutes,tcproutes,udproutes,referencegrants",
      "ClusterRole acme-gatewayclass-writer: create,update,patch,delete,deletecollection gatewayclasses",
      "ClusterRole acme-gateway-writer: create,update,patch,delete,deletecollection gateways,listenersets",
      "ClusterRole acme-route-writer: create,update,patch,delete,deletecollection httproutes,grpcroutes,tlsroutes,tcproutes,udproutes",
      "ClusterRoleBinding acme-infrastructure-provider-reader -> acme-gateway-api-reader: Group:infra",
      "ClusterRoleBinding acme-infrastructure-provider-gatewayclass-writer -> acme-gatewayclass-writer: Group:infra",
      "ClusterRoleBinding acme-infrastructure-provider-gateway-writer -> acme-gateway-writer: Group:infra",
      "ClusterRoleBinding acme-infrastructure-provider-route-writer -> acme-route-writer: Group:infra",
      "ClusterRoleBinding acme-cluster-operator-reader -> acme-gateway-api-reader: Group:ops",
      "ClusterRoleBinding acme-cluster-operator-gateway-writer -> acme-gateway-writer: Group:ops",
      "ClusterRoleBinding acme-cluster-operator-route-writer -> acme-route-writer: Group:ops",
      "ClusterRoleBinding acme-application-admin-reader -> acme-gateway-api-reader: Group:team-a-admins",
      "RoleBinding team-a/acme-application-admin-gateway-writer -> acme-gateway-writer: Group:team-a-admins",
      "RoleBinding team-a/acme-application-admin-route-writer -> acme-route-writer: Group:team-a-admins",
      "ClusterRoleBinding acme-application-developer-reader -> acme-gateway-api-reader: Group:team-a-devs",
      "RoleBinding team-a/acme-application-developer-route-writer -> acme-route-writer: Group:team-a-devs",
    ]);
  });

  it("three-tier: developers cluster-wide and in namespaces at once; Users as subjects; no GatewayClass writer for ops", () => {
    expect(summary(planRbac(THREE_TIER))).toEqual([
      "ClusterRole platform-gateway-api-reader: get,list,watch gatewayclasses,gateways,listenersets,httproutes,grpcroutes,tlsroutes,tcproutes,udproutes,referencegrants",
      "ClusterRole platform-gatewayclass-writer: create,update,patch,delete,deletecollection gatewayclasses",
      "ClusterRole platform-gateway-writer: create,update,patch,delete,deletecollection gateways,listenersets",
      "ClusterRole platform-route-writer: create,update,patch,delete,deletecollection httproutes,grpcroutes,tlsroutes,tcproutes,udproutes",
      "ClusterRoleBinding platform-infrastructure-provider-reader -> platform-gateway-api-reader: Group:platform-infra,User:alice@example.com",
      "ClusterRoleBinding platform-infrastructure-provider-gatewayclass-writer -> platform-gatewayclass-writer: Group:platform-infra,User:alice@example.com",
      "ClusterRoleBinding platform-infrastructure-provider-gateway-writer -> platform-gateway-writer: Group:platform-infra,User:alice@example.com",
      "ClusterRoleBinding platform-infrastructure-provider-route-writer -> platform-route-writer: Group:platform-infra,User:alice@example.com",
      "ClusterRoleBinding platform-cluster-operator-reader -> platform-gateway-api-reader: Group:platform-ops",
      "ClusterRoleBinding platform-cluster-operator-gateway-writer -> platform-gateway-writer: Group:platform-ops",
      "ClusterRoleBinding platform-cluster-operator-route-writer -> platform-route-writer: Group:platform-ops",
      "ClusterRoleBinding platform-application-developer-reader -> platform-gateway-api-reader: Group:contractors,Group:devs,User:bob",
      "ClusterRoleBinding platform-application-developer-route-writer -> platform-route-writer: Group:devs",
      "RoleBinding demo/platform-application-developer-route-writer -> platform-route-writer: Group:contractors,User:bob",
      "RoleBinding sandbox/platform-application-developer-route-writer -> platform-route-writer: Group:contractors,User:bob",
    ]);
  });

  it("merges the subjects of entries sharing a namespace into one RoleBinding", () => {
    const rbs = planRbac(GRANTS_AND_ADMINS).filter((o) => o.kind === "RoleBinding");
    expect(summary(rbs)).toEqual([
      "RoleBinding shared/shared-application-admin-gateway-writer -> shared-gateway-writer: Group:a-admins,Group:b-admins,User:carol",
      "RoleBinding team-a/shared-application-admin-gateway-writer -> shared-gateway-writer: Group:a-admins",
      "RoleBinding team-b/shared-application-admin-gateway-writer -> shared-gateway-writer: Group:b-admins,User:carol",
      "RoleBinding shared/shared-application-admin-route-writer -> shared-route-writer: Group:a-admins,Group:b-admins,User:carol",
      "RoleBinding team-a/shared-application-admin-route-writer -> shared-route-writer: Group:a-admins",
      "RoleBinding team-b/shared-application-admin-route-writer -> shared-route-writer: Group:b-admins,User:carol",
      "RoleBinding team-a/shared-application-developer-route-writer -> shared-route-writer: Group:a-devs",
    ]);
  });

  it("grants GatewayClass writes to operators with gatewayClassWrite", () => {
    const names = planRbac(GRANTS_AND_ADMINS).map((o) => o.name);
    expect(names).toContain("shared-cluster-operator-gatewayclass-writer");
  });

  it("binds the read role to every persona that has subjects", () => {
    const readers = planRbac(SPEC_EXAMPLE).filter((o) => o.kind === "ClusterRoleBinding" && o.roleName.endsWith("-gateway-api-reader"));
    expect(readers).toHaveLength(4);
    expect(READ_RESOURCES).toContain("referencegrants");
  });

  it("writes only the ClusterRoles some binding uses, and nothing without subjects or section", () => {
    const devsOnly = policy("d", { personas: personas({ applicationDevelopers: [{ groups: ["g"], users: [], namespaces: ["n"] }] }) });
    expect(planRbac(devsOnly).filter((o) => o.kind === "ClusterRole").map((o) => o.name)).toEqual(["d-gateway-api-reader", "d-route-writer"]);
    expect(planRbac(policy("e", { personas: personas({}) }))).toEqual([]);
    expect(planRbac(policy("f", {}))).toEqual([]);
  });
});
