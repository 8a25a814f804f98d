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
import type { GatewayPolicy } from "../config/model.js";

export type BundleFiles = Map<string, string | Uint8Array>;

export interface RenderOptions {
  /** Source file name, mentioned in the generated README. */
  sourceName?: string;
}

export declare function renderBundle(policy: GatewayPolicy, options?: RenderOptions): BundleFiles;
export declare function writeBundleAtomic(outDir: string, files: BundleFiles): void;
