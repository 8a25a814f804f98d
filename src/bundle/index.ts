// Contract for the bundle module (implemented in this folder):
//
//   renderBundle(policy: GatewayPolicy, options?: RenderOptions): BundleFiles
//     Pure: the policy model -> every file of out/, keyed by POSIX relative
//     path ("templates/gwpcroutebinding.yaml", "constraints/...", "README.md").
//     Deterministic: same input, byte-identical output; keys sorted.
//
//   writeBundleAtomic(outDir: string, files: BundleFiles): void
//     Writes into a temporary sibling directory, then renames it over outDir;
//     on any error outDir is left untouched and a GwpcError (exit 2) names
//     the directory and the cause.
export { renderBundle, rbacFile, type BundleFiles, type RenderOptions } from "./render-bundle.js";
export { writeBundleAtomic, BUNDLE_MARKER } from "./write-atomic.js";
export { renderPolicyTemplates, writePolicyTemplates } from "./policy-templates.js";
export { packageFiles, type PackageFiles } from "./package-files.js";
