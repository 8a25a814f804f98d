import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

let cached: string | undefined;

/**
 * The gwpc package root (where schema/, examples/, templates/, policies/ and
 * runtime/build ship), found by walking up from this module: it runs from
 * src/ (tests), dist/ (the bin) and node_modules/gwpc at different depths.
 */
export function packageRoot(): string {
  if (cached) return cached;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = path.join(dir, "package.json");
    if (fs.existsSync(pkg) && isGwpc(pkg)) return (cached = dir);
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`internal: cannot find the gwpc package root above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
}

/** A file shipped with the package, by POSIX path relative to its root. */
export function packageFile(relative: string): string {
  return path.join(packageRoot(), ...relative.split("/"));
}

function isGwpc(file: string): boolean {
  try {
    return (JSON.parse(fs.readFileSync(file, "utf8")) as { name?: unknown }).name === "gwpc";
  } catch {
    return false; // an unreadable package.json is not ours; keep walking
  }
}
