/**
 * How one conformance case came out, judged against what OPA wants. Pure:
 * the runner produces an Outcome, this decides pass / wrong / wrong-error /
 * unsupported. "wrong" (a different answer, or an answer where OPA raises an
 * error) must never happen; the other failures are honest.
 */
import type { Diagnostic } from "../src/diag/index.js";
import type { ConformanceCase } from "./conformance-cases.js";

export type Outcome =
  | { kind: "compile-error"; diagnostics: Diagnostic[] }
  | { kind: "eval-error"; message: string; builtin?: boolean }
  | { kind: "result"; results: unknown[] }
  /** The runner cannot pose the case at all (an input_term that is not JSON). */
  | { kind: "unposable"; reason: string };

export type Status = "pass" | "wrong" | "wrong-error" | "unsupported";

export interface Verdict {
  status: Status;
  reason?: string;
}

export const UNSUPPORTED_CODE = "rego_unsupported_error";

/** The error code OPA would report for a module's abort message. */
export function evalErrorCode(message: string): string {
  if (/conflict/i.test(message)) return "eval_conflict_error";
  if (/divide by zero/.test(message)) return "eval_builtin_error";
  return "eval_internal_error";
}

/** Aborts raised on purpose for what the runtime refuses to run differently from OPA. */
function isDeliberateAbort(message: string): boolean {
  return /: unsupported pattern|unsupported (glob|regex)|not supported/i.test(message);
}

export function classify(c: ConformanceCase, o: Outcome): Verdict {
  const wantsError = c.wantErrorCode !== undefined || c.wantError !== undefined;
  const wanted = wantsError ? `error ${c.wantErrorCode ?? ""}${c.wantError ? ` "${c.wantError}"` : ""}`.trim() : `result ${short(c.wantResult)}`;
  switch (o.kind) {
    case "unposable":
      return { status: "unsupported", reason: o.reason };
    case "compile-error": {
      const errors = o.diagnostics.filter((d) => d.severity === "error");
      const unsupported = errors.find((d) => d.code === UNSUPPORTED_CODE);
      if (unsupported) return { status: "unsupported", reason: unsupported.message };
      const first = errors[0];
      const got = first ? `${first.code}: ${first.message}` : "a compile error";
      if (wantsError && first && errorMatches(c, first.code, first.message)) return { status: "pass" };
      return { status: "wrong-error", reason: `want ${wanted}, got ${got}` };
    }
    case "eval-error": {
      if (o.builtin) return { status: "unsupported", reason: o.message };
      if (isDeliberateAbort(o.message)) return { status: "unsupported", reason: o.message };
      const code = evalErrorCode(o.message);
      if (wantsError && errorMatches(c, code, o.message)) return { status: "pass" };
      return { status: "wrong-error", reason: `want ${wanted}, got ${code}: ${o.message}` };
    }
    case "result": {
      // strict_error: OPA raises builtin errors only in strict mode. The Wasm builtins are
      // non-strict (as OPA's Wasm): where the case also gives the non-strict answer
      // (want_result), that is what we must match; else there is nothing to compare with.
      if (wantsError && c.strictError && c.wantResult === undefined) {
        return { status: "unsupported", reason: `strict_error: builtin errors are not raised in Wasm (non-strict); got ${short(o.results)}` };
      }
      if (wantsError && !c.strictError) return { status: "wrong", reason: `want ${wanted}, got result ${short(o.results)}` };
      if (c.wantResult === undefined) return { status: "pass" };
      return sameResults(o.results, c.wantResult, c.sortBindings) ? { status: "pass" } : { status: "wrong", reason: `want result ${short(c.wantResult)}, got ${short(o.results)}` };
    }
  }
}

/** By code when the case names one (OPA's messages and ours differ in wording); else by message substring. */
function errorMatches(c: ConformanceCase, code: string, message: string): boolean {
  if (c.wantErrorCode !== undefined) return c.wantErrorCode === code;
  return c.wantError !== undefined && message.includes(c.wantError);
}

/**
 * The Wasm ABI's result set is a set, dumped in value order: it carries
 * neither the order of solutions nor duplicates. So results compare as sets
 * of binding maps; values inside them compare exactly (arrays in order),
 * except that `sort_bindings` sorts each array-valued binding first, in
 * JSON value order, as OPA's runner does (so sets compare as JSON arrays).
 */
export function sameResults(got: unknown[], want: unknown[], sortBindings: boolean): boolean {
  const norm = (r: unknown) => canonical(sortBindings ? sortBindingArrays(r) : r);
  const a = [...new Set(got.map(norm))].sort();
  const b = [...new Set(want.map(norm))].sort();
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function sortBindingArrays(r: unknown): unknown {
  if (typeof r !== "object" || r === null || Array.isArray(r)) return r;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r)) out[k] = Array.isArray(v) ? [...v].sort(compareJson) : v;
  return out;
}

/** JSON values in Go's util.Compare order: null < boolean < number < string < array < object. */
export function compareJson(a: unknown, b: unknown): number {
  const rank = (v: unknown) => (v === null || v === undefined ? 0 : typeof v === "boolean" ? 1 : typeof v === "number" || typeof v === "bigint" ? 2 : typeof v === "string" ? 3 : Array.isArray(v) ? 4 : 5);
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  switch (ra) {
    case 1:
    case 2:
      return a === b ? 0 : (a as number) < (b as number) ? -1 : 1;
    case 3:
      return a === b ? 0 : (a as string) < (b as string) ? -1 : 1;
    case 4: {
      const x = a as unknown[];
      const y = b as unknown[];
      for (let i = 0; i < Math.min(x.length, y.length); i++) {
        const c = compareJson(x[i], y[i]);
        if (c !== 0) return c;
      }
      return x.length - y.length;
    }
    case 5: {
      const x = a as Record<string, unknown>;
      const y = b as Record<string, unknown>;
      const kx = Object.keys(x).sort();
      const ky = Object.keys(y).sort();
      for (let i = 0; i < Math.min(kx.length, ky.length); i++) {
        if (kx[i] !== ky[i]) return kx[i]! < ky[i]! ? -1 : 1;
        const c = compareJson(x[kx[i]!], y[ky[i]!]);
        if (c !== 0) return c;
      }
      return kx.length - ky.length;
    }
    default:
      return 0;
  }
}

/** JSON with sorted keys and numbers normalised (1 and 1.0 are the same number). */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : JSON.stringify(String(v));
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "object" && v !== null) {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(",")}}`;
  }
  return JSON.stringify(v) ?? "undefined";
}

function short(v: unknown): string {
  const s = v === undefined ? "(none)" : canonical(v);
  return s.length > 160 ? `${s.slice(0, 157)}...` : s;
}
