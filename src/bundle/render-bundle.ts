import type { GatewayPolicy } from "../config/model.js";
import { planConstraints, planRbac, planSync, templateEntry, type RbacObject } from "../policy/index.js";
import { packageFiles, type PackageFiles } from "./package-files.js";
import { renderConstraintTemplate } from "./render-template.js";
import { renderConstraint, renderKustomization, renderRbacObject, renderSyncConfig } from "./render-objects.js";
import { renderReadme } from "./render-readme.js";

export type BundleFiles = Map<string, string | Uint8Array>;

export interface RenderOptions {
  /** Source file name, mentioned in the generated README. */
  sourceName?: string;
  /** Where templates/ and policies/ are read from; tests only. Default: the installed package. */
  packageFiles?: PackageFiles;
}

/** Bundle-relative file of an RBAC object: `<kind>-<name>.yaml`, namespaced as `<kind>-<namespace>.<name>.yaml`. */
export function rbacFile(o: RbacObject): string {
  const kind = o.kind.toLowerCase();
  return o.kind === "RoleBinding" ? `rbac/${kind}-${o.namespace}.${o.name}.yaml` : `rbac/${kind}-${o.name}.yaml`;
}

/**
 * The policy model -> every file of out/ (policy.wasm and bundle.tar.gz
 * aside), keyed by POSIX relative path, in sorted key order.
 */
export function renderBundle(policy: GatewayPolicy, options: RenderOptions = {}): BundleFiles {
  const files = options.packageFiles ?? packageFiles();
  const name = policy.metadata.name;
  const out = new Map<string, string>();

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

  const resources = [...out.keys()].sort();
  out.set("kustomization.yaml", renderKustomization(name, resources, files));
  out.set(
    "README.md",
    renderReadme(
      { policy, sourceName: options.sourceName ?? "policy.yaml", constraints: constraintFiles, rbac, sync, files: [...out.keys(), "README.md"].sort() },
      files,
    ),
  );

  const sorted: BundleFiles = new Map();
  for (const key of [...out.keys()].sort()) sorted.set(key, out.get(key)!);
  return sorted;
}
