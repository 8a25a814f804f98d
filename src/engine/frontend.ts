/**
 * The one place the engine meets the Rego front end (src/rego/compile.ts).
 * It is loaded once, at module load, through a dynamic import, so a missing
 * or broken front end does not take the CLI down: every compile then returns
 * one `rego_unsupported_error` diagnostic ("Rego front end not available")
 * instead of a result.
 */
import { error, type Diagnostic } from "../diag/index.js";
import type { Policy } from "../rego/plan/ir.js";

export type RegoVersion = "v0" | "v1";

export interface FrontendOptions {
  regoVersion?: RegoVersion;
  /** compileQuery only: a Rego term planned as `input` (sets, non-string keys: values JSON cannot carry). */
  inputTerm?: string;
}

export interface RegoSource {
  file: string;
  text: string;
  regoVersion?: RegoVersion;
}

export interface ModulesResult {
  policy?: Policy;
  /** The base data the policy can read: path patterns, `null` any key, `[]` all (src/rego/plan/data-reads.ts). */
  dataReads?: (readonly (string | null)[])[];
  diagnostics: Diagnostic[];
}

export interface QueryResult extends ModulesResult {
  /** The query's variables, in the order the result objects use them. */
  bindings: string[];
}

/** The front end's API (src/rego/compile.ts). */
export interface Frontend {
  compileModules(sources: RegoSource[], entrypoints: string[], opts?: FrontendOptions): ModulesResult;
  compileQuery(sources: RegoSource[], query: string, opts?: FrontendOptions): QueryResult;
}

export const UNSUPPORTED = "rego_unsupported_error";
export const FRONTEND_MISSING = "Rego front end not available";

// The module is loaded through a variable specifier, so a broken or partial
// front end costs a diagnostic rather than the whole CLI; its API is still
// checked against ours at compile time:
type FrontendModule = typeof import("../rego/compile.js");
const apiMatches: (m: FrontendModule) => Frontend = (m) => m;
void apiMatches;
const FRONTEND_MODULE = "../rego/compile.js";

async function load(): Promise<{ frontend?: Frontend; problem?: string }> {
  try {
    const m = (await import(FRONTEND_MODULE)) as Partial<Frontend>;
    if (typeof m.compileModules !== "function" || typeof m.compileQuery !== "function") {
      return { problem: "src/rego/compile.ts does not export compileModules and compileQuery" };
    }
    return { frontend: { compileModules: m.compileModules, compileQuery: m.compileQuery } };
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const first = msg.split("\n")[0]!;
    // The module itself being absent is expected while the front end is written; anything else is worth showing.
    const missing = /(?:Cannot find module|Failed to load url) '?([^'\s]+)/.exec(first)?.[1] ?? "";
    const absent = /rego[\\/]compile(\.[jt]s)?$/.test(missing);
    return absent ? {} : { problem: first };
  }
}

const found = await load();
let loaded: { frontend?: Frontend; problem?: string } = found;

/**
 * Tests only: run as if the front end were `fe` (null: absent), so both
 * paths stay tested whichever state the repository is in; undefined restores it.
 */
export function overrideFrontend(fe: Frontend | null | undefined): void {
  loaded = fe === undefined ? found : fe === null ? {} : { frontend: fe };
}

/** Whether the front end is present (tests and scripts say so in their output). */
export function frontendAvailable(): boolean {
  return loaded.frontend !== undefined;
}

/** Why there is no front end, for messages; undefined when there is one. */
export function frontendProblem(): string | undefined {
  if (loaded.frontend) return undefined;
  return loaded.problem ? `${FRONTEND_MISSING}: ${loaded.problem}` : FRONTEND_MISSING;
}

function missing(): Diagnostic[] {
  return [error(UNSUPPORTED, frontendProblem() ?? FRONTEND_MISSING)];
}

/** Front-end exceptions are compiler bugs; they become one diagnostic so a corpus run goes on. */
function guarded<T extends ModulesResult>(run: () => T, fallback: (d: Diagnostic[]) => T): T {
  try {
    return run();
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    return fallback([error("gwpc_internal", `Rego front end crashed: ${msg}`)]);
  }
}

export function compileModules(sources: RegoSource[], entrypoints: string[], opts?: FrontendOptions): ModulesResult {
  const fe = loaded.frontend;
  if (!fe) return { diagnostics: missing() };
  return guarded(() => fe.compileModules(sources, entrypoints, opts), (diagnostics) => ({ diagnostics }));
}

export function compileQuery(sources: RegoSource[], query: string, opts?: FrontendOptions): QueryResult {
  const fe = loaded.frontend;
  if (!fe) return { bindings: [], diagnostics: missing() };
  return guarded(() => fe.compileQuery(sources, query, opts), (diagnostics) => ({ bindings: [], diagnostics }));
}
