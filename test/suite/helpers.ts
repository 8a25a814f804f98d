import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { FunctionEngine, type K8sObject } from "../../src/gatekeeper/index.js";

/** Write `files` (relative path -> text) under a fresh temp dir and return it. */
export function writeTree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gwpc-suite-"));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

export const TEMPLATE = `apiVersion: templates.gatekeeper.sh/v1
kind: ConstraintTemplate
metadata:
  name: k8srequiredlabels
spec:
  crd:
    spec:
      names:
        kind: K8sRequiredLabels
      validation:
        openAPIV3Schema:
          type: object
          properties:
            labels:
              type: array
              items:
                type: string
  targets:
    - target: admission.k8s.gatekeeper.sh
      rego: |
        package k8srequiredlabels
        violation[{"msg": msg}] { false; msg := "stand-in: the FunctionEngine evaluates" }
`;

export const CONSTRAINT = `apiVersion: constraints.gatekeeper.sh/v1beta1
kind: K8sRequiredLabels
metadata:
  name: must-have-owner
spec:
  match:
    kinds: [{apiGroups: [""], kinds: ["Pod"]}]
  parameters:
    labels: ["owner", "team"]
`;

export const pod = (name: string, labels: Record<string, string> = {}, ns = "default") =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: ${ns}\n  labels: ${JSON.stringify(labels)}\n`;

/** Stands in for k8srequiredlabels' Rego; records each input so tests can look at what the template saw. */
export function labelsEngine(): FunctionEngine & { inputs: any[] } {
  const inputs: any[] = [];
  const e = new FunctionEngine().register("K8sRequiredLabels", (input) => {
    inputs.push(input);
    const labels = (input.review.object.metadata?.labels ?? {}) as Record<string, string>;
    return (input.parameters.labels as string[]).filter((l) => !(l in labels)).map((l) => ({ msg: `you must provide label: ${l}`, details: { missing: l } }));
  });
  return Object.assign(e, { inputs });
}

export type { K8sObject };
