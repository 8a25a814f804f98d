import * as fs from "node:fs";
import * as path from "node:path";
import { listFiles, toSlash } from "../fs-walk.js";
import { error, type Diagnostic } from "../diag/index.js";
import { InputError, parseYamlDocuments } from "../gatekeeper/index.js";
import type { Suite } from "./model.js";
import { parseSuite } from "./parse.js";

const SUITE_GROUP = "test.gatekeeper.sh";
const YAML_FILE = /\.ya?ml$/;

/**
 * gator's Suite discovery. A target is a file, a directory (its own YAML
 * files only) or `dir/...` (every YAML file below). Files that are not a
 * Suite (kind Suite in test.gatekeeper.sh) are skipped; suites are sorted by
 * file within each target. A bad target or a malformed suite file is a
 * diagnostic; the other suites are still returned.
 */
export function discoverSuites(targets: string[], opts: { cwd?: string } = {}): { suites: Suite[]; diagnostics: Diagnostic[] } {
  const cwd = opts.cwd ?? process.cwd();
  const suites: Suite[] = [];
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const target of targets.length ? targets : ["."]) {
    const recursive = target === "..." || target.endsWith("/...");
    const shown = recursive ? target.slice(0, -3).replace(/\/$/, "") || "." : target;
    const abs = path.resolve(cwd, shown);
    const where = { file: target, line: 0, col: 0 };
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch {
      diagnostics.push(error("gwpc_missing_file", "no such file or directory", where));
      continue;
    }
    let files: string[];
    if (!st.isDirectory()) {
      if (recursive) {
        diagnostics.push(error("gwpc_suite_path", "can only recursively traverse directories (`dir/...`), not a file", where));
        continue;
      }
      if (!YAML_FILE.test(abs)) {
        diagnostics.push(error("gwpc_suite_path", `unsupported extension "${path.extname(abs)}": a suite is a .yaml or .yml file`, where));
        continue;
      }
      files = [abs];
    } else {
      files = recursive ? listFiles(abs, YAML_FILE) : fs.readdirSync(abs, { withFileTypes: true }).filter((e) => e.isFile() && YAML_FILE.test(e.name)).map((e) => path.join(abs, e.name));
      files.sort();
    }
    for (const f of files) {
      if (seen.has(f)) continue;
      seen.add(f);
      const display = st.isDirectory() ? toSlash(path.join(shown, path.relative(abs, f))) : target;
      const r = readSuiteFile(f, display);
      if (r.suite) suites.push(r.suite);
      diagnostics.push(...r.diagnostics);
    }
  }
  return { suites, diagnostics };
}

/**
 * One file: a Suite, or nothing when it is not one. Only files that mention
 * test.gatekeeper.sh are parsed, so a malformed sample elsewhere in a tree
 * is not mistaken for a broken suite.
 */
export function readSuiteFile(file: string, display: string): { suite?: Suite; diagnostics: Diagnostic[] } {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    return { diagnostics: [error("gwpc_read_error", `cannot read: ${(e as Error).message}`, { file: display, line: 0, col: 0 })] };
  }
  if (!text.includes(SUITE_GROUP)) return { diagnostics: [] };
  const { docs, diagnostics } = parseYamlDocuments(text, display);
  const first = docs[0];
  if (diagnostics.length > 0 && (!first || diagnostics[0]!.location!.line <= first.line)) return { diagnostics: diagnostics.slice(0, 1) };
  if (!first || typeof first.value !== "object" || first.value === null || Array.isArray(first.value)) return { diagnostics: [] };
  const v = first.value as Record<string, unknown>;
  const apiVersion = typeof v["apiVersion"] === "string" ? v["apiVersion"] : "";
  if (v["kind"] !== "Suite" || apiVersion.split("/")[0] !== SUITE_GROUP) return { diagnostics: [] };
  try {
    return { suite: parseSuite(v, file, display), diagnostics: [] };
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return { diagnostics: [error(e.code, `invalid Suite: ${e.message}`, { file: display, line: first.line, col: 1 })] };
  }
}


