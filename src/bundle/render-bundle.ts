import type { GatewayPolicy } from "../config/model.js";
import { planConstraints, planRbac, planSync, templateEntry, type RbacObject } from "../policy/index.js";
import { packageFiles, type PackageFiles } from "./package-files.js";
import { renderConstraintTemplate } from "./render-template.js";
import { renderConstraint, renderKustomization, renderRbacObject, renderSyncConfig } from "./render-objects.js";
import { renderReadme } from "./render-readme.js";
import { normalizeBlockText } from "./yaml-emit.js";
import { OPA_BUNDLE_FILE, WASM_FILE, buildWasmBundle } from "./wasm-bundle.js";

export type BundleFiles = Map<string, string | Uint8Array>;

export interface RenderOptions {
  /** Source file name, mentioned in the generated README. */
  sourceName?: string;
  /** Where templates/ and policies/ are read from; tests only. Default: the installed package. */
  packageFiles?: PackageFiles;
  /**
   * Compile the templates' Rego to policy.wasm and bundle.tar.gz (default
   * true; skipped when the policy generates no template). Callers that only
   * read the YAML objects may turn it off.
   */
  wasm?: boolean;
}

/** Bundle-relative file of an RBAC object: `<kind>-<name>.yaml`, namespaced as `<kind>-<namespace>.<name>.yaml`. */
export function rbacFile(o: RbacObject): string {
  const kind = o.kind.toLowerCase();
  return o.kind === "RoleBinding" ? `rbac/${kind}-${o.namespace}.${o.name}.yaml` : `rbac/${kind}-${o.name}.yaml`;
}

/**
 * The policy model -> every file of out/, keyed by POSIX relative path, in
 * sorted key order. policy.wasm and bundle.tar.gz (bytes) hold the Rego of
 * the bundle's templates compiled to Wasm; a compile error throws before
 * anything is returned (GwpcError, exit 70: the Rego is gwpc's own).
 */
export function renderBundle(policy: GatewayPolicy, options: RenderOptions = {}): BundleFiles {
  const files = options.packageFiles ?? packageFiles();
  const name = policy.metadata.name;
  const out = new Map<string, string | Uint8Array>();

  const constraints = planConstraints(policy);
  const templateIds = [...new Set(constraints.map((c) => c.templateId))];
  for (const id of templateIds) {
    const entry = templateEntry(id);
    out.set(`templates/${entry.kind.toLowerCase()}.yaml`, renderConstraintTemplate(entry, files));
  }
  const constraintFiles = constraints.map((spec) => {
    const file = `constraints/${spec.kind.toLowerCase()}-${spec.name}.yaml`;
    out.set(file, renderConstraint(name, spec, files));
    return { spec, file };
  });
  const sync = planSync(constraints);
  if (sync.length > 0) out.set("sync/config.yaml", renderSyncConfig(name, sync, files));
  const rbac = planRbac(policy);
  for (const o of rbac) out.set(rbacFile(o), renderRbacObject(name, o, files));

  // Only the Kubernetes objects: never policy.wasm or bundle.tar.gz.
  const resources = [...out.keys()].filter((k) => k.endsWith(".yaml")).sort();
  out.set("kustomization.yaml", renderKustomization(name, resources, files));
  let wasm: { entrypoints: string[] } | undefined;
  if (templateIds.length > 0 && options.wasm !== false) {
    // The Rego exactly as each ConstraintTemplate carries it (what Gatekeeper runs).
    const built = buildWasmBundle(templateIds.map((id) => ({ id, rego: normalizeBlockText(files.rego(id)) + "\n" })));
    out.set(WASM_FILE, built.wasm);
    out.set(OPA_BUNDLE_FILE, built.tarGz);
    wasm = { entrypoints: built.entrypoints };
  }
  out.set(
    "README.md",
    renderReadme(
      { policy, sourceName: options.sourceName ?? "policy.yaml", constraints: constraintFiles, rbac, sync, wasm, files: [...out.keys(), "README.md"].sort() },
      files,
    ),
  );

  const sorted: BundleFiles = new Map();
  for (const key of [...out.keys()].sort()) sorted.set(key, out.get(key)!);
  return sorted;
}
