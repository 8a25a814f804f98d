/**
 * policy.wasm and bundle.tar.gz: the Rego of every ConstraintTemplate in the
 * bundle compiled by gwpc's own Rego -> Wasm compiler (one entrypoint per
 * template, `gwpc/<snake>/violation`, in template order), and an OPA bundle
 * holding that module, the Rego at its package path, an empty data.json and a
 * .manifest naming the Wasm entrypoints.
 *
 * The Rego is our own, so a compile error is a gwpc bug: a GwpcError (exit
 * 70) with the compiler's diagnostics, before anything is written.
 */
import { createHash } from "node:crypto";
import * as zlib from "node:zlib";
import { Header, PackSync, ReadEntry } from "tar";
import { GwpcError, error, type Diagnostic } from "../diag/index.js";
import type { TemplateId } from "../policy/index.js";
import { compileModules } from "../rego/compile.js";
import { compileToWasm } from "../wasm/backend/index.js";

export const WASM_FILE = "policy.wasm";
export const OPA_BUNDLE_FILE = "bundle.tar.gz";
/** The bundle's only root: every package is `gwpc.<snake>`. */
export const OPA_ROOTS = ["gwpc"] as const;

export interface TemplateRego {
  id: TemplateId;
  /** Text of policies/<id>/<id>.rego (Rego v1 syntax). */
  rego: string;
}

/** `route-binding` -> `route_binding`: the last segment of the template's Rego package. */
export const regoPackageSegment = (id: TemplateId): string => id.replaceAll("-", "_");
/** The template's package, `gwpc.<snake>`. */
export const regoPackage = (id: TemplateId): string => `gwpc.${regoPackageSegment(id)}`;
/** The Wasm entrypoint of a template's `violation` set: `gwpc/<snake>/violation`. */
export const wasmEntrypoint = (id: TemplateId): string => `gwpc/${regoPackageSegment(id)}/violation`;
/** Where the template's Rego sits in the OPA bundle: under its package path. */
export const bundleRegoPath = (id: TemplateId): string => `/gwpc/${regoPackageSegment(id)}/${id}.rego`;
/** The file diagnostics name: the Rego's place in the gwpc package. */
const sourceFile = (id: TemplateId): string => `policies/${id}/${id}.rego`;

export interface OpaManifest {
  revision: string;
  roots: string[];
  wasm: { entrypoint: string; module: string }[];
  rego_version: 1;
}

export interface WasmBundle {
  wasm: Uint8Array;
  tarGz: Uint8Array;
  manifest: OpaManifest;
  entrypoints: string[];
}

const internal = (diagnostics: Diagnostic[], what: string): GwpcError =>
  new GwpcError(
    [
      error("gwpc_internal", `${what}; this is a bug in gwpc (the bundled policies are its own), please report it`),
      ...diagnostics,
    ],
    70,
  );

/** The declared package of a Rego module (first `package` line), or undefined. */
function declaredPackage(rego: string): string | undefined {
  return /^package[ \t]+([A-Za-z0-9_.]+)[ \t]*(?:#.*)?$/m.exec(rego)?.[1];
}

/**
 * Every template's Rego -> one Wasm module with an entrypoint per template.
 * Throws GwpcError (exit 70) when the compiler reports anything.
 */
export function compilePolicyWasm(templates: readonly TemplateRego[]): Uint8Array {
  if (templates.length === 0) throw new Error("internal: compilePolicyWasm needs at least one template");
  for (const t of templates) {
    const pkg = declaredPackage(t.rego);
    if (pkg !== regoPackage(t.id)) {
      throw internal(
        [error("gwpc_internal", `package is ${pkg === undefined ? "missing" : `"${pkg}"`}, expected "${regoPackage(t.id)}"`, { file: sourceFile(t.id), line: 1, col: 1 })],
        `the Rego of policy ${t.id} is not in its package`,
      );
    }
  }
  const sources = templates.map((t) => ({ file: sourceFile(t.id), text: t.rego, regoVersion: "v1" as const }));
  const entrypoints = templates.map((t) => wasmEntrypoint(t.id));
  const front = compileModules(sources, entrypoints, { regoVersion: "v1" });
  if (!front.policy || front.diagnostics.some((d) => d.severity === "error")) {
    throw internal(front.diagnostics, `the Rego of ${templates.map((t) => t.id).join(", ")} does not compile to Wasm`);
  }
  const back = compileToWasm(front.policy);
  if (!back.wasm || back.diagnostics.some((d) => d.severity === "error")) {
    throw internal(back.diagnostics, `the Wasm backend rejects the plan of ${templates.map((t) => t.id).join(", ")}`);
  }
  return back.wasm;
}

const sha256 = (bytes: Uint8Array | string): string => createHash("sha256").update(bytes).digest("hex");
const utf8 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, "utf8"));

/**
 * A ustar archive of `entries` (sorted by name) through `tar`'s writer with
 * every varying field fixed: mode 0644, uid/gid 0, no user or group names,
 * mtime 0, no atime/ctime, no directory entries, no pax headers (names are
 * short). Entry names keep their leading `/`, as `opa build` writes them.
 */
export function deterministicTar(entries: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const chunks: Buffer[] = [];
  const pack = new PackSync({
    preservePaths: true,
    noDirRecurse: true,
    noPax: true,
    mtime: new Date(0),
    strict: true,
    onwarn: (code: string, message: string) => {
      throw new Error(`internal: tar: ${code}: ${message}`);
    },
  });
  pack.on("data", (c: Buffer) => chunks.push(Buffer.from(c)));
  for (const name of [...entries.keys()].sort()) {
    if (!/^[\x21-\x7e]{1,100}$/.test(name)) throw new Error(`internal: tar entry name ${JSON.stringify(name)} does not fit a plain ustar header`);
    const data = entries.get(name)!;
    const header = new Header({ path: name, type: "File", mode: 0o644, uid: 0, gid: 0, uname: "", gname: "", size: data.length, mtime: new Date(0) });
    const entry = new ReadEntry(header);
    entry.end(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    pack.add(entry);
  }
  pack.end();
  return new Uint8Array(Buffer.concat(chunks));
}

/** gzip with a fixed header: mtime 0, XFL from the fixed level, OS byte 255 ("unknown", as Go's gzip writes it). */
export function deterministicGzip(bytes: Uint8Array): Uint8Array {
  const gz = new Uint8Array(zlib.gzipSync(bytes, { level: 9 }));
  gz[4] = gz[5] = gz[6] = gz[7] = 0;
  gz[9] = 255;
  return gz;
}

/**
 * The OPA bundle's files (names as they appear in the tarball) for the given
 * templates and compiled module. `revision` is a sha256 over every other
 * file's name and content, so it changes exactly when they do.
 */
export function opaBundleEntries(templates: readonly TemplateRego[], wasm: Uint8Array): { entries: Map<string, Uint8Array>; manifest: OpaManifest } {
  const entries = new Map<string, Uint8Array>();
  entries.set("/data.json", utf8("{}"));
  for (const t of templates) entries.set(bundleRegoPath(t.id), utf8(t.rego));
  entries.set(`/${WASM_FILE}`, wasm);
  const digest = createHash("sha256");
  for (const name of [...entries.keys()].sort()) digest.update(`${name}\0${sha256(entries.get(name)!)}\n`);
  const manifest: OpaManifest = {
    revision: `sha256:${digest.digest("hex")}`,
    roots: [...OPA_ROOTS],
    wasm: templates.map((t) => ({ entrypoint: wasmEntrypoint(t.id), module: `/${WASM_FILE}` })),
    rego_version: 1,
  };
  entries.set("/.manifest", utf8(JSON.stringify(manifest, null, 2) + "\n"));
  return { entries, manifest };
}

/** Memo of built bundles by content (at most 2^5 template sets per Rego version, so small). */
const cache = new Map<string, WasmBundle>();
const CACHE_LIMIT = 64;

/** policy.wasm and bundle.tar.gz for `templates` (in template order). Deterministic; throws GwpcError (exit 70) on a compile error. */
export function buildWasmBundle(templates: readonly TemplateRego[]): WasmBundle {
  const key = sha256(JSON.stringify(templates.map((t) => [t.id, t.rego])));
  const hit = cache.get(key);
  if (hit) return copy(hit);
  const wasm = compilePolicyWasm(templates);
  const { entries, manifest } = opaBundleEntries(templates, wasm);
  const built: WasmBundle = { wasm, tarGz: deterministicGzip(deterministicTar(entries)), manifest, entrypoints: templates.map((t) => wasmEntrypoint(t.id)) };
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(key, built);
  return copy(built);
}

/** Callers get their own bytes: a cached bundle must not change under them. */
function copy(b: WasmBundle): WasmBundle {
  return { wasm: b.wasm.slice(), tarGz: b.tarGz.slice(), manifest: structuredClone(b.manifest), entrypoints: [...b.entrypoints] };
}
