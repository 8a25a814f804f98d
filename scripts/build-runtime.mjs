#!/usr/bin/env node
// Compiles runtime/ (AssemblyScript) to runtime/build/runtime.wasm, renames
// builtin exports (builtin$object$get -> builtin:object.get) and writes
// runtime.wasm.sha256 and builtins.json ([{name, arity}]). Deterministic:
// the same sources give the same bytes.
//
// Usage: node scripts/build-runtime.mjs [--out <file.wasm>]

import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import asc from "assemblyscript/asc";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

export const ASC_FLAGS = [
  "runtime/index.ts",
  "--runtime", "stub",
  "--importMemory",
  "--noExportMemory",
  "--noAssert",
  "--use", "abort=",
  "--optimizeLevel", "3",
  "--shrinkLevel", "2",
  "--converge",
  "--disable", "simd,reference-types,multi-value,gc,threads,exception-handling,tail-calls,memory64,relaxed-simd,extended-const,stringref",
];

/** Compiles the runtime and returns the final module bytes. */
export async function compileRuntime() {
  let wasm = null;
  const errors = [];
  const { error, stderr } = await asc.main([...ASC_FLAGS, "-o", "runtime.wasm"], {
    baseDir: root,
    writeFile(name, contents) {
      if (name.endsWith(".wasm")) wasm = contents;
    },
    stderr: { write: (s) => errors.push(String(s)) },
  });
  if (error || !wasm) {
    throw new Error(`asc failed: ${error?.message ?? "no output"}\n${errors.join("")}${stderr ?? ""}`);
  }
  return renameBuiltinExports(Uint8Array.from(wasm));
}

// ---- minimal wasm section codec (exports only)

function readU32(buf, pos) {
  let result = 0, shift = 0, b;
  do {
    b = buf[pos++];
    result |= (b & 0x7f) << shift;
    shift += 7;
  } while (b & 0x80);
  return [result >>> 0, pos];
}

function writeU32(out, n) {
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
}

function sections(bytes) {
  const list = [];
  let pos = 8;
  while (pos < bytes.length) {
    const id = bytes[pos++];
    let size;
    [size, pos] = readU32(bytes, pos);
    list.push({ id, body: bytes.subarray(pos, pos + size) });
    pos += size;
  }
  return list;
}

export function exportName(ascName) {
  return ascName.startsWith("builtin$") ? "builtin:" + ascName.slice(8).replaceAll("$", ".") : ascName;
}

function renameBuiltinExports(bytes) {
  const out = [...bytes.subarray(0, 8)];
  for (const { id, body } of sections(bytes)) {
    let payload = body;
    if (id === 7) {
      const enc = [];
      let [count, pos] = readU32(body, 0);
      writeU32(enc, count);
      for (let i = 0; i < count; i++) {
        let len;
        [len, pos] = readU32(body, pos);
        const name = exportName(new TextDecoder().decode(body.subarray(pos, pos + len)));
        pos += len;
        const nameBytes = new TextEncoder().encode(name);
        writeU32(enc, nameBytes.length);
        enc.push(...nameBytes);
        enc.push(body[pos++]); // kind
        let idx;
        [idx, pos] = readU32(body, pos);
        writeU32(enc, idx);
      }
      payload = Uint8Array.from(enc);
    }
    out.push(id);
    writeU32(out, payload.length);
    out.push(...payload);
  }
  return Uint8Array.from(out);
}

/** [{name, arity}] for every builtin:* export, sorted by name. */
export function builtinTable(bytes) {
  const types = [];
  const funcTypes = [];
  const exports = [];
  for (const { id, body } of sections(bytes)) {
    if (id === 1) {
      let [n, pos] = readU32(body, 0);
      for (let i = 0; i < n; i++) {
        pos++; // 0x60
        let np, nr;
        [np, pos] = readU32(body, pos);
        pos += np;
        [nr, pos] = readU32(body, pos);
        pos += nr;
        types.push(np);
      }
    } else if (id === 2) {
      let [n, pos] = readU32(body, 0);
      for (let i = 0; i < n; i++) {
        let len;
        [len, pos] = readU32(body, pos);
        pos += len;
        [len, pos] = readU32(body, pos);
        pos += len;
        const kind = body[pos++];
        if (kind === 0) {
          let t;
          [t, pos] = readU32(body, pos);
          funcTypes.push(t);
        } else if (kind === 2) {
          const flags = body[pos++];
          [, pos] = readU32(body, pos);
          if (flags & 1) [, pos] = readU32(body, pos);
        } else if (kind === 3) {
          pos += 2;
        } else throw new Error("unexpected import kind " + kind);
      }
    } else if (id === 3) {
      let [n, pos] = readU32(body, 0);
      for (let i = 0; i < n; i++) {
        let t;
        [t, pos] = readU32(body, pos);
        funcTypes.push(t);
      }
    } else if (id === 7) {
      let [n, pos] = readU32(body, 0);
      for (let i = 0; i < n; i++) {
        let len;
        [len, pos] = readU32(body, pos);
        const name = new TextDecoder().decode(body.subarray(pos, pos + len));
        pos += len;
        const kind = body[pos++];
        let idx;
        [idx, pos] = readU32(body, pos);
        if (kind === 0 && name.startsWith("builtin:")) exports.push({ name: name.slice(8), fn: idx });
      }
    }
  }
  return exports
    .map(({ name, fn }) => ({ name, arity: types[funcTypes[fn]] }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export function sha256(bytes) {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Rewrites the builtin table at the end of runtime/API.md (after its marker line). */
async function writeApiTable(table) {
  const path = join(root, "runtime/API.md");
  // The table sits between the two markers; the text after the end marker is kept.
  const marker = "<!-- BUILTINS-TABLE -->";
  const endMarker = "<!-- /BUILTINS-TABLE -->";
  const text = await readFile(path, "utf8");
  const at = text.indexOf(marker);
  const endAt = text.indexOf(endMarker, at);
  if (at < 0 || endAt < 0) throw new Error(`${path}: missing ${marker} ... ${endMarker}`);
  const rows = table.map(({ name, arity }) => `| \`${name}\` | ${arity} |`);
  const body = ["", "| builtin (export `builtin:<name>`) | arity |", "|---|---|", ...rows, ""].join("\n");
  await writeFile(path, text.slice(0, at + marker.length) + "\n" + body + text.slice(endAt));
}

async function main() {
  const outIdx = process.argv.indexOf("--out");
  const out = outIdx > 0 ? resolve(process.argv[outIdx + 1]) : join(root, "runtime/build/runtime.wasm");
  const bytes = await compileRuntime();
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, bytes);
  await writeFile(out + ".sha256", `${sha256(bytes)}  runtime.wasm\n`);
  const table = builtinTable(bytes);
  await writeFile(join(dirname(out), "builtins.json"), JSON.stringify(table, null, 2) + "\n");
  if (outIdx < 0) await writeApiTable(table);
  process.stdout.write(`${out}: ${bytes.length} bytes, sha256 ${sha256(bytes)}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    process.stderr.write(String(e?.stack ?? e) + "\n");
    process.exit(1);
  });
}
