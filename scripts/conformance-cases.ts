/**
 * OPA's conformance cases (v1/test/cases/testdata in OPA's repository) as
 * data: one ConformanceCase per YAML case, its syntax from its folder
 * (`v0/...` is Rego v0, `v1/...` Rego v1).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { listFiles } from "../src/fs-walk.js";
import { parse as parseYaml } from "yaml";
import type { RegoVersion } from "../src/engine/index.js";

export interface ConformanceCase {
  /** Path below the corpus root, with `/`. */
  file: string;
  /** `v1/strings`: the folder, the table's row. */
  topic: string;
  regoVersion: RegoVersion;
  note: string;
  modules: string[];
  query: string;
  data?: unknown;
  /** `input` (a YAML value) */
  input?: unknown;
  /** `input_term` (Rego term text) */
  inputTerm?: string;
  /** List of binding maps; `[]` means undefined. */
  wantResult?: Record<string, unknown>[];
  sortBindings: boolean;
  wantErrorCode?: string;
  wantError?: string;
  strictError: boolean;
}

export function loadCorpus(root: string): { cases: ConformanceCase[]; problems: string[] } {
  const cases: ConformanceCase[] = [];
  const problems: string[] = [];
  for (const abs of listFiles(root, /\.ya?ml$/)) {
    const file = path.relative(root, abs).split(path.sep).join("/");
    let doc: unknown;
    try {
      doc = parseYaml(fs.readFileSync(abs, "utf8"));
    } catch (e) {
      problems.push(`${file}: ${(e as Error).message}`);
      continue;
    }
    const list = (doc as { cases?: unknown } | null)?.cases;
    if (!Array.isArray(list)) {
      problems.push(`${file}: no cases list`);
      continue;
    }
    for (const raw of list) {
      const c = toCase(raw, file);
      if (typeof c === "string") problems.push(`${file}: ${c}`);
      else cases.push(c);
    }
  }
  return { cases, problems };
}

function toCase(raw: unknown, file: string): ConformanceCase | string {
  if (typeof raw !== "object" || raw === null) return "a case is not a mapping";
  const r = raw as Record<string, unknown>;
  const note = typeof r["note"] === "string" ? r["note"] : "";
  if (typeof r["query"] !== "string") return `${note}: no query`;
  const parts = file.split("/");
  const regoVersion: RegoVersion = parts[0] === "v0" ? "v0" : "v1";
  const c: ConformanceCase = {
    file,
    topic: parts.slice(0, -1).join("/") || ".",
    regoVersion,
    note,
    modules: Array.isArray(r["modules"]) ? r["modules"].map(String) : [],
    query: r["query"],
    sortBindings: r["sort_bindings"] === true,
    strictError: r["strict_error"] === true,
  };
  if (r["data"] !== undefined && r["data"] !== null) c.data = r["data"];
  if (r["input"] !== undefined) c.input = r["input"];
  if (typeof r["input_term"] === "string") c.inputTerm = r["input_term"];
  if (Array.isArray(r["want_result"])) c.wantResult = r["want_result"] as Record<string, unknown>[];
  if (typeof r["want_error_code"] === "string") c.wantErrorCode = r["want_error_code"];
  if (typeof r["want_error"] === "string") c.wantError = r["want_error"];
  return c;
}

