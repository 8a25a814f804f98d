// Contract for the bundle module (implemented in this folder):
//
//   renderBundle(policy: GatewayPolicy, options?: RenderOptions): BundleFiles
//     Pure: the policy model -> every file of out/, keyed by POSIX relative
//     path ("templates/gwpcroutebinding.yaml", "constraints/...", "README.md").
//     Deterministic: same input, byte-identical output; keys sorted.
//
//     With at least one template it also holds policy.wasm (the templates'
//     Rego compiled, one entrypoint gwpc/<snake>/violation per template) and
//     bundle.tar.gz (an OPA bundle of it), as bytes; a compile error is a
//     GwpcError with exit code 70 (the Rego is gwpc's own).
//
//   writeBundleAtomic(outDir: string, files: BundleFiles): void
//     Writes into a temporary sibling directory, then renames it over outDir;
//     on any error outDir is left untouched and a GwpcError (exit 2) names
//     the directory and the cause.
export { renderBundle, rbacFile, type BundleFiles, type RenderOptions } from "./render-bundle.js";
export { writeBundleAtomic, BUNDLE_MARKER } from "./write-atomic.js";
export { renderPolicyTemplates, writePolicyTemplates } from "./policy-templates.js";
export { packageFiles, type PackageFiles } from "./package-files.js";
export {
  buildWasmBundle,
  compilePolicyWasm,
  wasmEntrypoint,
  regoPackage,
  WASM_FILE,
  OPA_BUNDLE_FILE,
  type OpaManifest,
  type TemplateRego,
  type WasmBundle,
} from "./wasm-bundle.js";
