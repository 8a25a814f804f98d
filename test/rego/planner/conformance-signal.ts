/**
 * Runs OPA's conformance cases (../shared/conformance/opa/v1) through
 * compileQuery -> compileToWasm -> the SDK and classifies each one. A
 * development signal only: the conformance runner proper is elsewhere.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { loadPolicy } from "@open-policy-agent/opa-wasm";
import { parse } from "yaml";
import { compileQuery } from "../../../src/rego/compile.js";
import { compileToWasm } from "../../../src/wasm/backend/index.js";

export const CONFORMANCE_DIR = "/work/shared/conformance/opa/v1";

interface Case {
  note: string;
  modules?: string[];
  query: string;
  data?: unknown;
  input?: unknown;
  want_result?: Record<string, unknown>[];
  want_error_code?: string;
  want_error?: string;
  sort_bindings?: boolean;
  input_term?: string;
}

/** `error`: evaluation failed where OPA answers (a builtin the SDK lacks, a runtime limit): not a wrong answer. */
export type Outcome = "pass" | "wrong" | "wrong-error" | "error" | "unsupported" | "skipped";

export function loadCases(dir = CONFORMANCE_DIR): Case[] {
  if (!existsSync(dir)) return [];
  const out: Case[] = [];
  const walk = (d: string): void => {
    for (const f of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, f.name);
      if (f.isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(f.name)) out.push(...((parse(readFileSync(p, "utf8")) as { cases?: Case[] }).cases ?? []));
    }
  };
  walk(dir);
  return out;
}

const canon = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) => (x && typeof x === "object" && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1))) : x));

export async function runCase(c: Case): Promise<{ outcome: Outcome; detail?: string }> {
  const sources = (c.modules ?? []).map((text, i) => ({ file: `mod${i}.rego`, text }));
  const r = compileQuery(sources, c.query, c.input_term !== undefined ? { inputTerm: c.input_term } : {});
  if (!r.policy) {
    const codes = r.diagnostics.map((d) => d.code);
    if (c.want_error_code && codes.includes(c.want_error_code)) return { outcome: "pass" };
    if (codes.includes("rego_unsupported_error")) return { outcome: "unsupported", detail: r.diagnostics[0]?.message };
    return { outcome: "wrong-error", detail: r.diagnostics.map((d) => `${d.code}: ${d.message}`).join("; ") };
  }
  const w = compileToWasm(r.policy);
  if (!w.wasm) return { outcome: "unsupported", detail: `backend: ${w.diagnostics[0]?.message}` };
  let got: { result: unknown }[];
  try {
    const pol = await loadPolicy(w.wasm);
    if (c.data !== undefined) pol.setData(c.data as object);
    got = pol.evaluate(c.input) as { result: unknown }[];
  } catch (e) {
    const msg = e instanceof Error ? e.message : JSON.stringify(e);
    const code = /conflict/.test(msg) ? "eval_conflict_error" : undefined;
    if (c.want_error_code && (code === c.want_error_code || msg.includes(c.want_error_code) || (c.want_error && msg.includes(c.want_error)))) return { outcome: "pass" };
    return { outcome: c.want_error_code ? "wrong-error" : "error", detail: `runtime: ${msg.slice(0, 200)}` };
  }
  if (c.want_error_code) return { outcome: "wrong-error", detail: `expected ${c.want_error_code}, got ${JSON.stringify(got).slice(0, 200)}` };
  const want = (c.want_result ?? []).map(canon).sort();
  const have = got.map((x) => canon(x.result)).sort();
  if (JSON.stringify(want) === JSON.stringify(have)) return { outcome: "pass" };
  if (c.sort_bindings) {
    const sortArr = (s: string): string => canon(JSON.parse(s, (_k, x: unknown) => (Array.isArray(x) ? [...x].sort((a, b) => (canon(a) < canon(b) ? -1 : 1)) : x)));
    if (JSON.stringify(want.map(sortArr).sort()) === JSON.stringify(have.map(sortArr).sort())) return { outcome: "pass" };
  }
  return { outcome: "wrong", detail: `want ${want.join(",").slice(0, 150)} got ${have.join(",").slice(0, 150)}` };
}
