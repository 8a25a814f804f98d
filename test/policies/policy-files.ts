/**
 * Reads the policies/ folders for the policy tests: the README contract
 * table, each folder's files, suites and samples, and the official Gateway
 * API CRDs from ../shared/crds as JSON Schemas.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv, type ValidateFunction } from "ajv";
import { parseAllDocuments } from "yaml";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const policiesDir = path.join(repoRoot, "policies");
export const crdDir = path.resolve(repoRoot, "../shared/crds");

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type Obj = { [k: string]: Json };

export function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** One row of the policies/README.md table. */
export interface ContractRow {
  folder: string;
  kind: string;
}

/** The folder -> Constraint kind table of policies/README.md. */
export function readContract(): ContractRow[] {
  const text = fs.readFileSync(path.join(policiesDir, "README.md"), "utf8");
  const rows: ContractRow[] = [];
  for (const line of text.split("\n")) {
    const m = /^\|\s*`([a-z-]+)`\s*\|\s*`(Gwpc[A-Za-z]+)`/.exec(line);
    if (m) rows.push({ folder: m[1]!, kind: m[2]! });
  }
  return rows;
}

export function policyFolders(): string[] {
  return fs
    .readdirSync(policiesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

export const snake = (folder: string): string => folder.replace(/-/g, "_");

/** Every YAML document of a file, as plain values. */
export function readYamlDocs(file: string): unknown[] {
  return parseAllDocuments(fs.readFileSync(file, "utf8")).map((d) => {
    if (d.errors.length > 0) throw new Error(`${file}: ${d.errors[0]!.message}`);
    return d.toJS() as unknown;
  });
}

/** The single YAML document of a sample file. */
export function readYaml(file: string): unknown {
  const docs = readYamlDocs(file);
  if (docs.length !== 1) throw new Error(`${file}: expected exactly one YAML document, found ${docs.length}`);
  return docs[0];
}

export interface SuiteCase {
  name?: unknown;
  object?: unknown;
  inventory?: unknown;
  assertions?: unknown;
}

export interface SuiteTest {
  name?: unknown;
  template?: unknown;
  constraint?: unknown;
  cases?: unknown;
}

/** Sample files (relative to the policy folder), sorted. */
export function sampleFiles(folder: string): string[] {
  const dir = path.join(policiesDir, folder, "samples");
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".yaml") || f.endsWith(".yml"))
    .sort()
    .map((f) => `samples/${f}`);
}

export const isConstraintFile = (rel: string): boolean => /^samples\/constraint[^/]*\.ya?ml$/.test(rel);

/**
 * Rego source with comments and string literals blanked out (same length),
 * so token scans do not trip over `(` or keywords inside messages.
 */
export function regoCode(src: string): string {
  let out = "";
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === "#") {
      while (i < src.length && src[i] !== "\n") {
        out += " ";
        i++;
      }
      continue;
    }
    if (c === '"' || c === "`") {
      const close = c;
      out += " ";
      i++;
      while (i < src.length && src[i] !== close) {
        if (close === '"' && src[i] === "\\") {
          out += " ";
          i++;
        }
        out += src[i] === "\n" ? "\n" : " ";
        i++;
      }
      out += " ";
      i++;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

/** Names called as functions (`name(` / `a.b(`) in Rego code. */
export function calledNames(code: string): Set<string> {
  const out = new Set<string>();
  for (const m of code.matchAll(/(?<![\w.])([a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)*)\s*\(/g)) out.add(m[1]!);
  return out;
}

/** Top-level rule and function names defined in a module. */
export function definedNames(code: string): Set<string> {
  const out = new Set<string>();
  for (const m of code.matchAll(/^([a-z_][a-z0-9_]*)\b/gm)) out.add(m[1]!);
  return out;
}

/** The objects a sample file holds: the object itself, or an AdmissionReview's object and oldObject. */
export function objectsOf(doc: unknown): { where: string; obj: Obj }[] {
  if (!isObj(doc)) return [];
  if (doc.kind === "AdmissionReview") {
    const req = doc.request;
    if (!isObj(req)) return [];
    const out: { where: string; obj: Obj }[] = [];
    if (isObj(req.object)) out.push({ where: "request.object", obj: req.object });
    if (isObj(req.oldObject)) out.push({ where: "request.oldObject", obj: req.oldObject });
    return out;
  }
  return [{ where: "", obj: doc }];
}

type Schema = { [k: string]: unknown };

/**
 * A CRD openAPIV3Schema as JSON Schema for ajv: drops `x-kubernetes-*`
 * extensions and formats (int32, int64, date-time are not JSON Schema's),
 * maps `nullable`, and makes objects with `properties` reject unknown keys
 * (the API server would prune them, which in a sample is always a typo).
 */
export function crdToJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(crdToJsonSchema);
  if (!isObj(node)) return node;
  const src = node as Schema;
  const out: Schema = {};
  for (const [k, v] of Object.entries(src)) {
    if (k.startsWith("x-kubernetes-") || k === "format" || k === "description" || k === "nullable") continue;
    if (k === "properties" && isObj(v)) {
      out[k] = Object.fromEntries(Object.entries(v).map(([pk, pv]) => [pk, crdToJsonSchema(pv)]));
    } else {
      out[k] = crdToJsonSchema(v);
    }
  }
  if (src.nullable === true && typeof out.type === "string") out.type = [out.type, "null"];
  if (src.properties !== undefined && src.additionalProperties === undefined && src["x-kubernetes-preserve-unknown-fields"] !== true) {
    out.additionalProperties = false;
  }
  return out;
}

export interface CrdVersion {
  served: boolean;
  validate: ValidateFunction;
}

/** Every version of every CRD in the folder, keyed `group/version/Kind`. */
export function loadCrds(dir: string): Map<string, CrdVersion> {
  const out = new Map<string, CrdVersion>();
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith(".yaml")).sort()) {
    for (const doc of readYamlDocs(path.join(dir, f))) {
      if (!isObj(doc) || doc.kind !== "CustomResourceDefinition" || !isObj(doc.spec)) continue;
      const spec = doc.spec;
      const names = spec.names;
      if (typeof spec.group !== "string" || !isObj(names) || typeof names.kind !== "string" || !Array.isArray(spec.versions)) continue;
      for (const v of spec.versions) {
        if (!isObj(v) || typeof v.name !== "string" || !isObj(v.schema)) continue;
        out.set(`${spec.group}/${v.name}/${names.kind}`, {
          served: v.served === true,
          validate: ajv.compile(crdToJsonSchema(v.schema.openAPIV3Schema) as object),
        });
      }
    }
  }
  return out;
}
