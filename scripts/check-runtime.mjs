#!/usr/bin/env node
// Rebuilds the runtime in memory and fails when its sha256 differs from the
// committed runtime/build/runtime.wasm.sha256 (or the committed .wasm).

import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { compileRuntime, sha256 } from "./build-runtime.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

const bytes = await compileRuntime();
const fresh = sha256(bytes);
const committed = (await readFile(join(root, "runtime/build/runtime.wasm.sha256"), "utf8")).split(/\s+/)[0];
const onDisk = sha256(await readFile(join(root, "runtime/build/runtime.wasm")));
if (fresh !== committed || onDisk !== committed) {
  process.stderr.write(
    `runtime.wasm is stale: rebuilt ${fresh}, committed sha ${committed}, committed wasm ${onDisk}\n` +
      "run: npm run build:runtime\n",
  );
  process.exit(1);
}
process.stdout.write(`runtime.wasm up to date (${bytes.length} bytes, sha256 ${fresh})\n`);
