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

/** The SDK's LoadedPolicy fields the fast path uses (public JS properties, typed loosely by the SDK). */
interface PolicyState {
  minorVersion: number;
  mem: WebAssembly.Memory;
  wasmInstance: WebAssembly.Instance;
  dataAddr: number;
  dataHeapPtr: number;
}

const decoder = new TextDecoder();

/** `[{"result":[]}]`: what most evaluations of a partial set (no violations) dump. */
const EMPTY_SET_RESULT = new TextEncoder().encode('[{"result":[]}]');

/** Whether the NUL-terminated text at [start, end) is EMPTY_SET_RESULT (decoding and parsing it is most of the host's cost). */
function isEmptySetResult(mem: Uint8Array, start: number, end: number): boolean {
  if (end - start !== EMPTY_SET_RESULT.length) return false;
  for (let i = 0; i < EMPTY_SET_RESULT.length; i++) if (mem[start + i] !== EMPTY_SET_RESULT[i]) return false;
  return true;
}

/** A policy's entrypoint id by name, as the SDK resolves it. Throws EvalError for an unknown name. */
export function entrypointId(policy: LoadedPolicy, entrypoint: string): number {
  const eps = policy.entrypoints as Record<string, number>;
  if (!Object.prototype.hasOwnProperty.call(eps, entrypoint)) throw new EvalError(`entrypoint ${entrypoint} is not valid in this instance`, "abort");
  return eps[entrypoint]!;
}

/**
 * `evaluateEntrypoint` for an input already serialised to JSON (UTF-8): the
 * SDK's ABI 1.2 fast path (`opa_eval` with the input's bytes written right
 * after the data heap) done here, so the bytes are copied straight into the
 * module's memory and the result read with a shared decoder. Same calls,
 * same bytes as `policy.evaluate(buffer)`; a module of an older ABI minor
 * version goes through the SDK. Throws EvalError.
 */
export function evaluateJsonUtf8(policy: LoadedPolicy, entrypoint: number, input: Uint8Array): unknown[] {
  const p = policy as unknown as PolicyState;
  let rs: unknown;
  try {
    if (!(p.minorVersion >= 2)) {
      rs = policy.evaluate(input.slice().buffer, entrypoint);
    } else {
      const addr = p.dataHeapPtr;
      const len = input.length;
      const short = addr + len - p.mem.buffer.byteLength;
      if (short > 0) p.mem.grow(Math.ceil(short / 65536));
      new Uint8Array(p.mem.buffer).set(input, addr);
      const exports = p.wasmInstance.exports as { opa_eval: (...args: number[]) => number };
      const ret = exports.opa_eval(0, entrypoint, p.dataAddr, addr, len, addr + len, 0);
      const mem = new Uint8Array(p.mem.buffer);
      const end = mem.indexOf(0, ret);
      rs = isEmptySetResult(mem, ret, end) ? [{ result: [] }] : JSON.parse(decoder.decode(mem.subarray(ret, end < 0 ? mem.length : end)));
    }
  } catch (e) {
    throw toEvalError(e);
  }
  if (!Array.isArray(rs)) throw new EvalError(`unexpected result set from the module: ${JSON.stringify(rs)}`, "trap");
  return rs.map((r: unknown) => (typeof r === "object" && r !== null ? (r as { result?: unknown }).result : undefined));
}
