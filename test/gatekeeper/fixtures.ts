import { templateInfo, type ConstraintTemplateInfo, type K8sObject } from "../../src/gatekeeper/index.js";

/** A minimal ConstraintTemplate object for `kind`; its Rego text is irrelevant to the FunctionEngine. */
export function templateObject(kind: string, rego = "package x"): K8sObject {
  return {
    apiVersion: "templates.gatekeeper.sh/v1",
    kind: "ConstraintTemplate",
    metadata: { name: kind.toLowerCase() },
    spec: { crd: { spec: { names: { kind } } }, targets: [{ target: "admission.k8s.gatekeeper.sh", rego }] },
  };
}

export function template(kind: string): ConstraintTemplateInfo {
  return templateInfo(templateObject(kind), { file: `${kind}.yaml` });
}

export function constraintObject(kind: string, name: string, spec: object = {}): K8sObject {
  return { apiVersion: "constraints.gatekeeper.sh/v1beta1", kind, metadata: { name }, spec };
}
