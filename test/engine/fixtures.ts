/** Small Gatekeeper fixtures for the CLI tests. */

export const template = (rego: string, kind = "K8sDemo") => `apiVersion: templates.gatekeeper.sh/v1
kind: ConstraintTemplate
metadata:
  name: ${kind.toLowerCase()}
spec:
  crd:
    spec:
      names:
        kind: ${kind}
  targets:
    - target: admission.k8s.gatekeeper.sh
      rego: |
${rego
  .split("\n")
  .map((l) => (l === "" ? "" : `        ${l}`))
  .join("\n")}
`;

export const DEMO_REGO = `package k8sdemo

violation[{"msg": msg}] {
  not input.review.object.metadata.labels.owner
  msg := sprintf("%v has no owner label", [input.review.object.metadata.name])
}
`;

/** The same with a syntax error on Rego line 4 (file line 16). */
export const BROKEN_REGO = `package k8sdemo

violation[{"msg": msg}] {
  msg := := 1
}
`;

export const CONSTRAINT = `apiVersion: constraints.gatekeeper.sh/v1beta1
kind: K8sDemo
metadata:
  name: must-have-owner
spec:
  match:
    kinds:
      - apiGroups: [""]
        kinds: ["ConfigMap"]
`;

export const cm = (name: string, labels: Record<string, string> = {}) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
  namespace: default
  labels: ${JSON.stringify(labels)}
`;

export const SUITE = `apiVersion: test.gatekeeper.sh/v1alpha1
kind: Suite
metadata:
  name: demo
tests:
  - name: owner
    template: template.yaml
    constraint: constraint.yaml
    cases:
      - name: missing
        object: bad.yaml
        assertions:
          - violations: yes
            message: has no owner
      - name: present
        object: good.yaml
        assertions:
          - violations: no
`;
