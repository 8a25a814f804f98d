/**
 * Golden bundles: test/golden/<case>/ holds every file a bundle should have,
 * except its ConstraintTemplates: `templates/<name>.yaml` must equal the
 * committed policies/<id>/template.yaml (itself checked against the Rego by
 * test/bundle/policy-templates.test.ts), so a Rego change means
 * `npm run gen:policies`, not a rewrite of every golden case.
 * Binary files (policy.wasm, bundle.tar.gz) are held as `<file>.sha256`, one
 * `sha256sum` line: of the bytes, or for a .gz of the gunzipped bytes (gzip's
 * output depends on the zlib build, the archive inside does not).
 * `expectGolden` compares a rendered bundle with the folder (file set and
 * bytes); with GWPC_UPDATE_GOLDEN=1 it rewrites the folder (review the diff).
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { expect } from "vitest";
import { type BundleFiles } from "../../src/bundle/index.js";
import { packageRoot } from "../../src/package-root.js";
import { TEMPLATES } from "../../src/policy/index.js";

export const GOLDEN_DIR = path.dirname(fileURLToPath(import.meta.url));
export const UPDATE_GOLDEN = process.env.GWPC_UPDATE_GOLDEN === "1";

function readTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!fs.existsSync(dir)) return out;
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(path.relative(dir, p).split(path.sep).join("/"), fs.readFileSync(p, "latin1"));
    }
  };
  walk(dir);
  return out;
}

const asLatin1 = (content: string | Uint8Array) =>
  typeof content === "string" ? Buffer.from(content, "utf8").toString("latin1") : Buffer.from(content).toString("latin1");

/** templates/<name>.yaml -> the committed policies/<id>/template.yaml it must equal. */
function policyTemplateFile(key: string): string | undefined {
  const entry = TEMPLATES.find((t) => key === `templates/${t.kind.toLowerCase()}.yaml`);
  return entry && path.join(packageRoot(), "policies", entry.id, "template.yaml");
}

/** A binary file's golden entry: `<key>.sha256` holding one sha256sum line. */
function goldenEntry(key: string, content: string | Uint8Array): [string, string | Uint8Array] {
  if (typeof content === "string") return [key, content];
  const gz = key.endsWith(".gz");
  const bytes = gz ? gunzipSync(content) : content;
  const name = path.posix.basename(gz ? key.slice(0, -3) : key);
  return [`${key}.sha256`, `${createHash("sha256").update(bytes).digest("hex")}  ${name}\n`];
}

export function expectGolden(caseName: string, bundle: BundleFiles): void {
  const dir = path.join(GOLDEN_DIR, caseName);
  const files = new Map([...bundle].filter(([key]) => !key.startsWith("templates/")).map(([key, content]) => goldenEntry(key, content)));
  for (const [key, content] of bundle) {
    if (!key.startsWith("templates/")) continue;
    const committed = policyTemplateFile(key);
    expect(committed, `${key}: not a known template`).toBeDefined();
    const have = fs.existsSync(committed!) ? fs.readFileSync(committed!, "utf8") : undefined;
    expect(have, `${key} differs from ${path.relative(packageRoot(), committed!)}: run \`npm run gen:policies\``).toBe(String(content));
  }
  if (UPDATE_GOLDEN) {
    fs.rmSync(dir, { recursive: true, force: true });
    for (const [key, content] of files) {
      const file = path.join(dir, ...key.split("/"));
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
    }
  }
  const have = readTree(dir);
  const hint = `test/golden/${caseName} differs: if the change is intended, run with GWPC_UPDATE_GOLDEN=1 and review the diff`;
  expect([...have.keys()].sort(), hint).toEqual([...files.keys()].sort());
  for (const [key, content] of files) expect(have.get(key), `${hint} (${key})`).toBe(asLatin1(content));
}
