import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

let cached: string | undefined;

/**
 * The gwpc package root (holding templates/ and policies/), found from this
 * module's location: src/bundle/ when run from source, dist/bundle/ when
 * built, and the same from node_modules/gwpc.
 */
export function packageRoot(): string {
  if (cached) return cached;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = path.join(dir, "package.json");
    if (fs.existsSync(pkg) && isGwpc(pkg)) return (cached = dir);
    const up = path.dirname(dir);
    if (up === dir) throw new Error("internal: cannot find the gwpc package root above " + fileURLToPath(import.meta.url));
    dir = up;
  }
}

function isGwpc(file: string): boolean {
  try {
    return (JSON.parse(fs.readFileSync(file, "utf8")) as { name?: unknown }).name === "gwpc";
  } catch {
    return false;
  }
}
