import type { BundleFiles } from "../../src/bundle/index.js";

/**
 * A bundle's entries with binary files (policy.wasm, bundle.tar.gz) as
 * base64 text: vitest's deep equality walks typed arrays element by element,
 * which takes most of a second per bundle; strings compare at once.
 */
export function comparableFiles(files: BundleFiles): [string, string][] {
  return [...files].map(([key, content]) => [key, typeof content === "string" ? content : `base64:${Buffer.from(content).toString("base64")}`]);
}
