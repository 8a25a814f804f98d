import * as fs from "node:fs";
import * as path from "node:path";
import { listFiles, toSlash } from "../fs-walk.js";
import { error, type Diagnostic } from "../diag/index.js";

export interface RegoFile {
  /** The path as shown in messages (the user's argument joined with the place below it). */
  file: string;
  text: string;
}

const REGO_FILE = /\.rego$/;

/**
 * The .rego files of `paths`: files as given, directories walked (sorted, so
 * the order never depends on the file system). Missing or unreadable paths
 * are diagnostics; the rest is still returned.
 */
export function readRegoSources(paths: string[], cwd: string = process.cwd()): { files: RegoFile[]; diagnostics: Diagnostic[] } {
  const files: RegoFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  const read = (abs: string, shown: string) => {
    if (seen.has(abs)) return;
    seen.add(abs);
    try {
      files.push({ file: shown, text: fs.readFileSync(abs, "utf8") });
    } catch (e) {
      diagnostics.push(error("gwpc_read_error", `cannot read: ${(e as Error).message}`, { file: shown, line: 0, col: 0 }));
    }
  };
  for (const p of paths) {
    const abs = path.resolve(cwd, p);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch {
      diagnostics.push(error("gwpc_missing_file", "no such file or directory", { file: p, line: 0, col: 0 }));
      continue;
    }
    if (!st.isDirectory()) {
      read(abs, p);
      continue;
    }
    for (const f of listFiles(abs, REGO_FILE)) read(f, toSlash(path.join(p, path.relative(abs, f))));
  }
  return { files, diagnostics };
}


