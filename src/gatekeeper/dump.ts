import * as fs from "node:fs";
import * as path from "node:path";
import { listFiles } from "../fs-walk.js";
import { error, type Diagnostic } from "../diag/index.js";
import { isObject, str } from "./objects.js";
import type { K8sObject } from "./types.js";
import { parseYamlDocuments } from "./yaml-docs.js";

/** An object and where it was read from. */
export interface SourcedObject {
  object: K8sObject;
  file: string;
  /** 1-based document index in the file. */
  index: number;
  line: number;
}

const OBJECT_FILE = /\.(ya?ml|json)$/i;

/**
 * The objects of one file's text: every YAML document, with `kind: List`
 * (or any `*List` with `items`, as the API server returns them) expanded into
 * its items. Each malformed document is a diagnostic naming the file, the
 * document and its line; the other documents are still returned.
 */
export function readObjectsText(text: string, file: string): { objects: SourcedObject[]; diagnostics: Diagnostic[] } {
  const { docs, diagnostics } = parseYamlDocuments(text, file, { keepDocs: false });
  const objects: SourcedObject[] = [];
  for (const d of docs) {
    const where = { file, line: d.line, col: 1 };
    if (!isObject(d.value)) {
      diagnostics.push(error("gwpc_object", `document ${d.index} is not a Kubernetes object (a YAML mapping)`, where));
      continue;
    }
    const items = d.value["items"];
    if (str(d.value["kind"]).endsWith("List") && Array.isArray(items)) {
      items.forEach((it: unknown, i) => {
        const problem = objectProblem(it);
        if (problem) diagnostics.push(error("gwpc_object", `document ${d.index}, items[${i}]: ${problem}`, where));
        else objects.push({ object: it as K8sObject, file, index: d.index, line: d.line });
      });
      continue;
    }
    const problem = objectProblem(d.value);
    if (problem) diagnostics.push(error("gwpc_object", `document ${d.index}: ${problem}`, where));
    else objects.push({ object: d.value, file, index: d.index, line: d.line });
  }
  return { objects, diagnostics };
}

function objectProblem(v: unknown): string | undefined {
  if (!isObject(v)) return "not a Kubernetes object (a YAML mapping)";
  if (str(v["apiVersion"]) === "") return "missing apiVersion";
  if (str(v["kind"]) === "") return "missing kind";
  return undefined;
}

/**
 * Read a cluster dump: files (multi-document YAML or JSON), folders (every
 * .yaml/.yml/.json below, in sorted order) and `-` for stdin, whose text the
 * caller passes. Missing paths and unreadable files are diagnostics.
 */
export function readClusterDump(paths: string[], opts: { cwd?: string; stdinText?: string } = {}): { objects: SourcedObject[]; diagnostics: Diagnostic[] } {
  const objects: SourcedObject[] = [];
  const diagnostics: Diagnostic[] = [];
  const add = (r: { objects: SourcedObject[]; diagnostics: Diagnostic[] }) => {
    objects.push(...r.objects);
    diagnostics.push(...r.diagnostics);
  };
  for (const p of paths) {
    if (p === "-") {
      add(readObjectsText(opts.stdinText ?? "", "<stdin>"));
      continue;
    }
    const abs = path.resolve(opts.cwd ?? process.cwd(), p);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch {
      diagnostics.push(error("gwpc_missing_file", "no such file or directory", { file: p, line: 0, col: 0 }));
      continue;
    }
    const files = st.isDirectory() ? listObjectFiles(abs).map((f) => path.join(p, path.relative(abs, f))) : [p];
    for (const f of files) {
      let text: string;
      try {
        text = fs.readFileSync(path.resolve(opts.cwd ?? process.cwd(), f), "utf8");
      } catch (e) {
        diagnostics.push(error("gwpc_read_error", `cannot read: ${(e as Error).message}`, { file: f, line: 0, col: 0 }));
        continue;
      }
      add(readObjectsText(text, f));
    }
  }
  return { objects, diagnostics };
}

/** Every object file below `dir`, sorted so output never depends on the file system's order. */
export function listObjectFiles(dir: string): string[] {
  return listFiles(dir, OBJECT_FILE);
}
