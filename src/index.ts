/**
 * gwpc's public API. The CLI (src/cli) uses nothing else.
 */
export { SourceFile, type Span, type Diagnostic, error, sortDiagnostics, GwpcError, formatDiagnostic } from "./diag/index.js";
export type * from "./config/model.js";
export { renderBundle, writeBundleAtomic, type BundleFiles, type RenderOptions } from "./bundle/index.js";
export * from "./gatekeeper/index.js";
export * from "./suite/index.js";
