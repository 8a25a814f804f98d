import * as fs from "node:fs";
import * as path from "node:path";

/**
 * Every regular file below `dir` whose name matches `pattern`, depth first,
 * each directory's entries in name order, so that output never depends on
 * the file system's order.
 */
export function listFiles(dir: string, pattern: RegExp): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    const entries = fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.isFile() && pattern.test(e.name)) out.push(full);
    }
  };
  walk(dir);
  return out;
}

/** A path with `/` separators, as gwpc shows paths in messages and reports. */
export function toSlash(p: string): string {
  return p.split(path.sep).join("/");
}
