/** The Rego -> Wasm -> SDK pipeline: compile, load, evaluate; the Gatekeeper engine and the Rego unit-test runner. */
export { compileRego, compileRegoQuery, compileIr, type WasmResult } from "./compile.js";
export { frontendAvailable, frontendProblem, overrideFrontend, UNSUPPORTED, FRONTEND_MISSING, type RegoSource, type RegoVersion, type FrontendOptions, type Frontend } from "./frontend.js";
export { loadWasm, loadWasmSync, evaluateEntrypoint, jsonBuffer, toEvalError, EvalError, type LoadedPolicy } from "./load.js";
export { WasmEngine, compileTemplateWasm, templateModule } from "./wasm-engine.js";
export { rewriteTemplatePackage, templateSources, mapTemplateDiagnostics, TEMPLATE_ENTRYPOINT, TEMPLATE_PACKAGE } from "./template-source.js";
export { readRegoSources, type RegoFile } from "./rego-files.js";
export { discoverTests, runRegoTests, type RegoTest, type RegoTestResult, type RegoTestReport } from "./rego-test.js";
export { formatRegoTestHuman, formatRegoTestJson } from "./rego-test-report.js";
