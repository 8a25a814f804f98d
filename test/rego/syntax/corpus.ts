/**
 * The parse corpora, read from ../shared (never copied into the project):
 * OPA's conformance cases (modules, queries, input terms) and
 * gatekeeper-library's Rego (src/*.rego and the templates' embedded Rego).
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml, parseDocument } from "yaml";
import type { RegoVersion } from "../../../src/rego/syntax/index.js";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const sharedDir = path.resolve(repoRoot, "../shared");

export interface CorpusItem {
  /** file, plus case note and index where the text is embedded */
  name: string;
  kind: "module" | "query" | "term";
  text: string;
  version: RegoVersion;
  /** The case expects rego_parse_error: the text must not parse. */
  wantParseError: boolean;
}

function walk(dir: string, accept: (f: string) => boolean, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir).sort()) {
    const f = path.join(dir, e);
    if (statSync(f).isDirectory()) walk(f, accept, out);
    else if (accept(f)) out.push(f);
  }
  return out;
}

interface ConformanceCase {
  note?: string;
  query?: string;
  modules?: string[];
  input_term?: string;
  want_error_code?: string;
}

export function conformanceItems(): CorpusItem[] {
  const root = path.join(sharedDir, "conformance/opa");
  const items: CorpusItem[] = [];
  for (const f of walk(root, (f) => /\.ya?ml$/.test(f))) {
    const rel = path.relative(root, f);
    const version: RegoVersion = rel.startsWith(`v0${path.sep}`) ? "v0" : "v1";
    const doc = parseYaml(readFileSync(f, "utf8")) as { cases?: ConformanceCase[] };
    (doc.cases ?? []).forEach((c, i) => {
      const base = `${rel}#${i} ${c.note ?? ""}`;
      const wantParseError = c.want_error_code === "rego_parse_error";
      (c.modules ?? []).forEach((text, j) => items.push({ name: `${base} module ${j}`, kind: "module", text, version, wantParseError }));
      if (c.query !== undefined) items.push({ name: `${base} query`, kind: "query", text: c.query, version, wantParseError: false });
      if (c.input_term !== undefined) items.push({ name: `${base} input_term`, kind: "term", text: c.input_term, version, wantParseError: false });
    });
  }
  return items;
}

interface Template {
  spec?: {
    targets?: {
      rego?: string;
      libs?: string[];
      code?: { engine?: string; source?: { rego?: string; libs?: string[]; version?: string } }[];
    }[];
  };
}

export function gatekeeperItems(): CorpusItem[] {
  const root = path.join(sharedDir, "gatekeeper-library");
  const items: CorpusItem[] = [];
  for (const f of walk(path.join(root, "src"), (f) => f.endsWith(".rego"))) {
    items.push({ name: path.relative(root, f), kind: "module", text: readFileSync(f, "utf8"), version: "v0", wantParseError: false });
  }
  for (const f of walk(path.join(root, "library/general"), (f) => path.basename(f) === "template.yaml")) {
    const rel = path.relative(root, f);
    // Lenient: one template has a multi-line quoted description that Go's YAML accepts and `yaml` flags.
    const doc = parseDocument(readFileSync(f, "utf8")).toJS() as Template;
    for (const [ti, target] of (doc.spec?.targets ?? []).entries()) {
      const add = (what: string, text: string | undefined, version: RegoVersion = "v0"): void => {
        if (text !== undefined) items.push({ name: `${rel} targets[${ti}].${what}`, kind: "module", text, version, wantParseError: false });
      };
      add("rego", target.rego);
      (target.libs ?? []).forEach((l, i) => add(`libs[${i}]`, l));
      for (const [ci, code] of (target.code ?? []).entries()) {
        if (code.engine !== "Rego" || !code.source) continue;
        const v: RegoVersion = code.source.version === "v1" ? "v1" : "v0";
        add(`code[${ci}].source.rego`, code.source.rego, v);
        (code.source.libs ?? []).forEach((l, i) => add(`code[${ci}].source.libs[${i}]`, l, v));
      }
    }
  }
  return items;
}
