import { parseAllDocuments } from "yaml";
import type { BundleFiles } from "../../src/bundle/index.js";

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; annotations?: Record<string, string>; labels?: Record<string, string> };
  spec?: Record<string, unknown>;
  [k: string]: unknown;
}

/** Every YAML file of a bundle (kustomization.yaml aside) as parsed objects, strictly (YAML errors and warnings fail). */
export function bundleObjects(files: BundleFiles): { file: string; object: K8sObject }[] {
  const out: { file: string; object: K8sObject }[] = [];
  for (const [file, content] of files) {
    if (!file.endsWith(".yaml") || file === "kustomization.yaml") continue;
    const docs = parseAllDocuments(String(content), { strict: true, prettyErrors: true });
    if (!Array.isArray(docs) || docs.length !== 1) throw new Error(`${file}: expected exactly one YAML document`);
    const doc = docs[0]!;
    if (doc.errors.length > 0 || doc.warnings.length > 0) throw new Error(`${file}: ${[...doc.errors, ...doc.warnings].join("; ")}`);
    out.push({ file, object: doc.toJS() as K8sObject });
  }
  return out;
}
