import { error, type Diagnostic } from "../diag/index.js";
import type { Policy } from "../rego/plan/ir.js";
import { compileToWasm } from "../wasm/backend/index.js";
import { compileModules, compileQuery, type FrontendOptions, type RegoSource } from "./frontend.js";

export interface WasmResult {
  wasm?: Uint8Array<ArrayBuffer>;
  /** The IR the front end planned, when it got that far (for `gwpc build -t plan`). */
  policy?: Policy;
  /** The base data the policy can read, when the front end planned it (ModulesResult.dataReads). */
  dataReads?: (readonly (string | null)[])[];
  diagnostics: Diagnostic[];
}

/**
 * Rego modules -> IR -> policy.wasm with one entrypoint per `pkg/rule`, in
 * order. Diagnostics are data: front-end errors (with file:line:col) stop
 * before the backend; backend errors mean IR the backend cannot take.
 */
export function compileRego(sources: RegoSource[], entrypoints: string[], opts: FrontendOptions = {}): WasmResult {
  const fe = compileModules(sources, entrypoints, opts);
  const r = backend(fe.policy, fe.diagnostics);
  return fe.dataReads && r.wasm ? { ...r, dataReads: fe.dataReads } : r;
}

/** A query (`data.test.p = x`) against modules -> one entrypoint `eval` whose result is the object of the query's bindings. */
export function compileRegoQuery(sources: RegoSource[], query: string, opts: FrontendOptions = {}): WasmResult & { bindings: string[] } {
  const fe = compileQuery(sources, query, opts);
  return { ...backend(fe.policy, fe.diagnostics), bindings: fe.bindings };
}

/** IR -> Wasm; `policy` is kept in the result either way. */
export function compileIr(policy: Policy): WasmResult {
  return backend(policy, []);
}

function backend(policy: Policy | undefined, diagnostics: Diagnostic[]): WasmResult {
  const errors = diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0 || !policy) {
    return { ...(policy ? { policy } : {}), diagnostics: errors.length > 0 ? diagnostics : [...diagnostics, error("gwpc_internal", "the Rego front end returned neither a plan nor an error")] };
  }
  const r = compileToWasm(policy);
  if (!r.wasm) return { policy, diagnostics: [...diagnostics, ...r.diagnostics] };
  return { wasm: r.wasm, policy, diagnostics: [...diagnostics, ...r.diagnostics] };
}
