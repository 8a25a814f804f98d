import { createRequire } from "node:module";
import { loadPolicy, type LoadedPolicy } from "@open-policy-agent/opa-wasm";

export type { LoadedPolicy };

// The SDK's ESM entry re-exports only loadPolicy; loadPolicySync lives on its CommonJS export.
const sdk = createRequire(import.meta.url)("@open-policy-agent/opa-wasm") as typeof import("@open-policy-agent/opa-wasm");

/**
 * Builtins the host provides beside the SDK's own. `trace(note)` is true for
 * a string note, as in OPA when tracing is off (opa test without -v shows no
 * notes; gatekeeper-library's Rego tests call it); a non-string is a type
 * error, which in OPA's Wasm makes the call undefined.
 */
const HOST_BUILTINS: Record<string, (...args: unknown[]) => unknown> = {
  trace: (note) => (typeof note === "string" ? true : undefined),
};

/** Load a policy.wasm with the official SDK (async, as hosts usually do). */
export function loadWasm(wasm: Uint8Array<ArrayBuffer>): Promise<LoadedPolicy> {
  return loadPolicy(wasm, undefined, HOST_BUILTINS);
}

/** The same, synchronously (WebAssembly.Module in Node has no size limit): what PolicyEngine needs. */
export function loadWasmSync(wasm: Uint8Array<ArrayBuffer>): LoadedPolicy {
  return sdk.loadPolicySync(wasm, undefined, HOST_BUILTINS);
}

/**
 * Why evaluation stopped: the module aborted (`opa_abort`: conflicts, an
 * unsupported regex), the SDK has no such builtin, or the module trapped.
 * The SDK throws strings and plain objects; this gives them one shape.
 */
export class EvalError extends Error {
  constructor(
    message: string,
    readonly kind: "abort" | "builtin" | "trap",
  ) {
    super(message);
    this.name = "EvalError";
  }
}

export function toEvalError(e: unknown): EvalError {
  if (e instanceof EvalError) return e;
  if (typeof e === "string") return new EvalError(e, "abort");
  if (e instanceof WebAssembly.RuntimeError) return new EvalError(`wasm trap: ${e.message}`, "trap");
  const msg = e instanceof Error ? e.message : typeof e === "object" && e !== null && typeof (e as { message?: unknown }).message === "string" ? (e as { message: string }).message : String(e);
  return new EvalError(msg, /^not implemented: built-in function/.test(msg) ? "builtin" : "trap");
}

const encoder = new TextEncoder();

/** JSON text as the SDK's ArrayBuffer form: any value (false, 0, "" included) reaches the module as written. */
export function jsonBuffer(value: unknown): ArrayBuffer {
  return encoder.encode(JSON.stringify(value) ?? "null").buffer as ArrayBuffer;
}

/**
 * Evaluate one entrypoint: the result set's `result` values (empty when
 * undefined). `input` undefined means no input. Throws EvalError.
 */
export function evaluateEntrypoint(policy: LoadedPolicy, entrypoint: string | number, input?: unknown): unknown[] {
  let rs: unknown;
  try {
    rs = policy.evaluate(input === undefined ? undefined : jsonBuffer(input), entrypoint);
  } catch (e) {
    throw toEvalError(e);
  }
  if (!Array.isArray(rs)) throw new EvalError(`unexpected result set from the module: ${JSON.stringify(rs)}`, "trap");
  return rs.map((r: unknown) => (typeof r === "object" && r !== null ? (r as { result?: unknown }).result : undefined));
}
