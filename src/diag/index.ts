export { SourceFile, type Span } from "./source.js";
export { type Diagnostic, error, sortDiagnostics, GwpcError, formatDiagnostic } from "./diagnostic.js";
