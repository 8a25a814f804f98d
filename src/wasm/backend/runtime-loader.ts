import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Finds and reads the committed runtime (`runtime/build/runtime.wasm`) from
 * the package, whether running from sources (src/wasm/backend) or from the
 * build (dist/src/wasm/backend). Read once per process.
 */
let cached: Uint8Array | undefined;

export const RUNTIME_RELATIVE_PATH = join("runtime", "build", "runtime.wasm");

export function runtimePath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, RUNTIME_RELATIVE_PATH);
    if (existsSync(candidate)) return candidate;
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  throw new Error(`gwpc: cannot find ${RUNTIME_RELATIVE_PATH} above ${dirname(fileURLToPath(import.meta.url))}`);
}

export function loadRuntime(): Uint8Array {
  cached ??= new Uint8Array(readFileSync(runtimePath()));
  return cached;
}
