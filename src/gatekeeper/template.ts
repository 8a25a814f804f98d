import type { Document } from "yaml";
import { isBlockScalar, lineOfNode } from "./yaml-docs.js";
import { InputError } from "./errors.js";
import { gvkOf, isObject, nameOf, str } from "./objects.js";
import type { K8sObject } from "./types.js";

export const ADMISSION_TARGET = "admission.k8s.gatekeeper.sh";

/** What an engine needs from a ConstraintTemplate. */
export interface ConstraintTemplateInfo {
  /** metadata.name (the lowercased kind). */
  name: string;
  /** The constraint kind it defines: spec.crd.spec.names.kind. */
  kind: string;
  target: string;
  /** The Rego module (package rewritten by the engine); absent for a CEL-only template. */
  rego?: string;
  /** Library modules, which live under data.libs. */
  libs: string[];
  /** v0 unless a `code[]` Rego source says `version: v1`. */
  regoVersion: "v0" | "v1";
  /** The template also carries CEL (K8sNativeValidation); gwpc evaluates its Rego. */
  hasCel: boolean;
  /** Only CEL: gwpc cannot evaluate it. */
  celOnly: boolean;
  /** spec.crd.spec.validation.openAPIV3Schema, when present. */
  parametersSchema?: unknown;
  /** The file it came from, for diagnostics. */
  file?: string;
  /** 1-based line of the first line of Rego text in `file`, when known. */
  regoLine?: number;
  /** Compile-cache key: file path plus content. */
  cacheKey: string;
}

/**
 * Read a ConstraintTemplate (templates.gatekeeper.sh, any version) the way
 * gatekeeper's frameworks do: one target, kind from the CRD names, metadata
 * name equal to the lowercased kind; Rego from `code[]` (engine Rego) when
 * present, else from `targets[0].rego`. Throws InputError.
 */
export function templateInfo(obj: K8sObject, source: { file?: string; text?: string; doc?: Document } = {}): ConstraintTemplateInfo {
  const gvk = gvkOf(obj);
  const bad = (msg: string) => new InputError(`invalid ConstraintTemplate${nameOf(obj) ? ` ${nameOf(obj)}` : ""}: ${msg}`, "gwpc_template");
  if (gvk.group !== "templates.gatekeeper.sh" || gvk.kind !== "ConstraintTemplate") {
    throw new InputError(`not a ConstraintTemplate: got kind "${gvk.kind}" in "${str(obj["apiVersion"])}"`, "gwpc_template");
  }
  const spec = isObject(obj["spec"]) ? obj["spec"] : {};
  const crd = isObject(spec["crd"]) ? spec["crd"] : {};
  const crdSpec = isObject(crd["spec"]) ? crd["spec"] : {};
  const names = isObject(crdSpec["names"]) ? crdSpec["names"] : {};
  const kind = str(names["kind"]);
  if (kind === "") throw bad("spec.crd.spec.names.kind is missing");
  const name = nameOf(obj);
  if (name !== kind.toLowerCase()) throw bad(`metadata.name "${name}" must be the lowercase of spec.crd.spec.names.kind "${kind}"`);
  const targets = spec["targets"];
  if (!Array.isArray(targets) || targets.length !== 1 || !isObject(targets[0])) throw bad("spec.targets must hold exactly one target");
  const t = targets[0];
  const target = str(t["target"]);
  if (target !== ADMISSION_TARGET) throw bad(`spec.targets[0].target must be ${ADMISSION_TARGET}, got "${target}"`);

  let rego: string | undefined;
  let libs: string[] = [];
  let regoVersion: "v0" | "v1" = "v0";
  let regoPath: (string | number)[] | undefined;
  let hasCel = false;
  const code = t["code"];
  if (code !== undefined && code !== null && !Array.isArray(code)) throw bad("spec.targets[0].code must be a list");
  (Array.isArray(code) ? code : []).forEach((c: unknown, i) => {
    if (!isObject(c)) throw bad(`spec.targets[0].code[${i}] must be an object`);
    const engine = str(c["engine"]);
    const src = isObject(c["source"]) ? c["source"] : {};
    if (engine === "K8sNativeValidation") hasCel = true;
    else if (engine === "Rego" && rego === undefined) {
      if (typeof src["rego"] !== "string") throw bad(`spec.targets[0].code[${i}].source.rego must be a string`);
      rego = src["rego"];
      regoPath = ["spec", "targets", 0, "code", i, "source", "rego"];
      libs = stringList(src["libs"], `spec.targets[0].code[${i}].source.libs`, bad);
      const v = src["version"];
      if (v !== undefined && v !== null && v !== "v0" && v !== "v1") throw bad(`spec.targets[0].code[${i}].source.version must be v0 or v1`);
      if (v === "v1") regoVersion = "v1";
    }
  });
  if (rego === undefined && typeof t["rego"] === "string" && t["rego"] !== "") {
    rego = t["rego"];
    regoPath = ["spec", "targets", 0, "rego"];
    libs = stringList(t["libs"], "spec.targets[0].libs", bad);
  }
  if (rego === undefined && !hasCel) throw bad("it has no Rego source (spec.targets[0].rego or a code entry with engine Rego)");

  const validation = isObject(crdSpec["validation"]) ? crdSpec["validation"] : {};
  const info: ConstraintTemplateInfo = {
    name,
    kind,
    target,
    libs,
    regoVersion,
    hasCel,
    celOnly: rego === undefined,
    cacheKey: `${source.file ?? "<memory>"}\u0000${source.text ?? JSON.stringify(obj)}`,
  };
  if (rego !== undefined) info.rego = rego;
  if (validation["openAPIV3Schema"] !== undefined) info.parametersSchema = validation["openAPIV3Schema"];
  if (source.file !== undefined) info.file = source.file;
  if (source.doc && regoPath && source.text !== undefined) {
    const node = source.doc.getIn(regoPath, true);
    const line = lineOfNode(node, source.text);
    if (line !== undefined) info.regoLine = isBlockScalar(node) ? line + 1 : line;
  }
  return info;
}

function stringList(v: unknown, at: string, bad: (m: string) => Error): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== "string")) throw bad(`${at} must be a list of strings`);
  return v as string[];
}
