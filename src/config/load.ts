import * as fs from "node:fs";
import { GwpcError, error, type Diagnostic } from "../diag/index.js";
import type { GatewayPolicy } from "./model.js";
import { parsePolicy, type ParseResult } from "./parse.js";
import { MAX_POLICY_BYTES, fileOnly, tooLarge } from "./text.js";

/**
 * Reads and parses a policy file; I/O problems are diagnostics too.
 * `displayName` is how messages name the file (the path as the user typed
 * it); it defaults to `file`.
 */
export function readPolicyFile(file: string, displayName: string = file): ParseResult {
  const fail = (message: string): ParseResult => ({ diagnostics: [error("gwpc_io", message, fileOnly(displayName))] });
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (e) {
    return fail(ioMessage(e, "cannot read the policy file"));
  }
  if (stat.isDirectory()) return fail("is a directory; expected a policy file");
  // FIFOs and devices could block or never end; a policy is a regular file.
  if (!stat.isFile()) return fail("is not a regular file; expected a policy file");
  // Refused before reading, so a huge file costs nothing.
  if (stat.size > MAX_POLICY_BYTES) return { diagnostics: [tooLarge(displayName, stat.size)] };
  let bytes: Uint8Array;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    return fail(ioMessage(e, "cannot read the policy file"));
  }
  return parsePolicy(displayName, bytes);
}

export interface LoadOptions {
  /** How messages name the file; defaults to the path. */
  displayName?: string;
  /** Receives each warning of a file that loads (errors go into the thrown GwpcError). */
  onWarning?: (d: Diagnostic) => void;
}

/** readPolicyFile, throwing a GwpcError (exit 2; 70 for a gwpc bug) when there are errors. */
export function loadPolicyFile(file: string, options: LoadOptions = {}): GatewayPolicy {
  const r = readPolicyFile(file, options.displayName ?? file);
  const errors = r.diagnostics.filter((d) => d.severity === "error");
  if (!r.policy || errors.length > 0) throw new GwpcError(errors, exitCodeFor(errors));
  for (const d of r.diagnostics) options.onWarning?.(d);
  return r.policy;
}

/** 2 for input errors; 70 (EX_SOFTWARE) when the only cause is a gwpc bug. */
export function exitCodeFor(ds: readonly Diagnostic[]): number {
  return ds.some((d) => d.code === "gwpc_internal") ? 70 : 2;
}

export function ioMessage(e: unknown, what: string): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case "ENOENT":
      return "no such file";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "ENOTDIR":
      return "a parent of this path is not a directory";
    case "EISDIR":
      return "is a directory";
    default:
      return `${what}: ${e instanceof Error ? e.message : String(e)}`;
  }
}
