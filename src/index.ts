/**
 * gwpc's public API. The CLI (src/cli) uses nothing else.
 */
export { SourceFile, type Span, type Diagnostic, error, sortDiagnostics, GwpcError, formatDiagnostic } from "./diag/index.js";
export type * from "./config/model.js";
export {
  parsePolicy, readPolicyFile, loadPolicyFile, describePolicy, exitCodeFor, packageFile, packageRoot,
  MAX_POLICY_BYTES, MAX_ALIAS_COUNT, MAX_DEPTH, MAX_VALUES, MAX_DIAGNOSTICS, SCHEMA_FILE,
  type ParseResult, type LoadOptions,
} from "./config/index.js";
export { renderBundle, writeBundleAtomic, type BundleFiles, type RenderOptions } from "./bundle/index.js";
export * from "./gatekeeper/index.js";
export * from "./suite/index.js";
export * from "./engine/index.js";
export { compileModules, compileQuery } from "./rego/compile.js";
export { policyToJSON, policyFromJSON } from "./rego/plan/ir-json.js";
