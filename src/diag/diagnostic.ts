import type { Span } from "./source.js";

/**
 * Diagnostics are data: a stable code (OPA's category codes for Rego,
 * `gwpc_*` codes for everything else), a message, and where it happened.
 * Library functions collect them and return them; only the CLI prints.
 */
export interface Diagnostic {
  code: string;
  message: string;
  severity: "error" | "warning";
  location?: Span;
  /** A data path inside the file, e.g. `spec.gatewayClasses.rules[1].namespaces[0]`. */
  path?: string;
}

export function error(code: string, message: string, location?: Span, path?: string): Diagnostic {
  const d: Diagnostic = { code, message, severity: "error" };
  if (location) d.location = location;
  if (path !== undefined) d.path = path;
  return d;
}

/** Sort by file, line, column, then message: output order never depends on discovery order. */
export function sortDiagnostics(ds: readonly Diagnostic[]): Diagnostic[] {
  return [...ds].sort((a, b) => {
    const la = a.location;
    const lb = b.location;
    if (la && lb) {
      if (la.file !== lb.file) return la.file < lb.file ? -1 : 1;
      if (la.line !== lb.line) return la.line - lb.line;
      if (la.col !== lb.col) return la.col - lb.col;
    } else if (la || lb) {
      return la ? -1 : 1;
    }
    return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
  });
}

/**
 * Thrown by the thin wrappers around the library (never for compiler bugs):
 * carries the diagnostics and the exit code the CLI should use.
 */
export class GwpcError extends Error {
  readonly diagnostics: Diagnostic[];
  readonly exitCode: number;

  constructor(diagnostics: Diagnostic[], exitCode = 2) {
    super(diagnostics.map(formatDiagnostic).join("\n"));
    this.name = "GwpcError";
    this.diagnostics = diagnostics;
    this.exitCode = exitCode;
  }
}

/** `file:line:col: path: message [code]`, each part only when known. */
export function formatDiagnostic(d: Diagnostic): string {
  let place = "";
  if (d.location) {
    place = d.location.line > 0 ? `${d.location.file}:${d.location.line}:${d.location.col}: ` : `${d.location.file}: `;
  }
  const path = d.path ? `${d.path}: ` : "";
  return `${place}${path}${d.message} [${d.code}]`;
}
