/** Constraints, the sync Config, RBAC objects and the kustomization: model specs -> YAML text. */
import type { ConstraintSpec, RbacObject, SyncKind } from "../policy/index.js";
import { renderMustache } from "./mustache-render.js";
import type { PackageFiles } from "./package-files.js";
import { yamlBlock } from "./yaml-emit.js";

export function renderConstraint(policyName: string, c: ConstraintSpec, files: PackageFiles): string {
  const hasParameters = Object.keys(c.parameters).length > 0;
  const view = {
    policy: policyName,
    section: c.section,
    kind: c.kind,
    name: c.name,
    enforcementAction: c.enforcementAction,
    hasExcludedNamespaces: c.match.excludedNamespaces.length > 0,
    excludedNamespaces: c.match.excludedNamespaces,
    kinds: yamlBlock(
      c.match.kinds.map((k) => ({ apiGroups: k.apiGroups, kinds: k.kinds })),
      6,
    ),
    parameters: hasParameters ? yamlBlock(c.parameters, 4) : "",
  };
  return renderMustache(files.template("constraint.yaml.mustache"), view, "yaml");
}

export function renderSyncConfig(policyName: string, syncOnly: readonly SyncKind[], files: PackageFiles): string {
  return renderMustache(files.template("config.yaml.mustache"), { policy: policyName, syncOnly }, "yaml");
}

export function renderRbacObject(policyName: string, o: RbacObject, files: PackageFiles): string {
  const template = { ClusterRole: "clusterrole", ClusterRoleBinding: "clusterrolebinding", RoleBinding: "rolebinding" }[o.kind];
  return renderMustache(files.template(`${template}.yaml.mustache`), { policy: policyName, ...o }, "yaml");
}

export function renderKustomization(policyName: string, resources: readonly string[], files: PackageFiles): string {
  return renderMustache(files.template("kustomization.yaml.mustache"), { policy: policyName, resources }, "yaml");
}
