import type { GatewayPolicy } from "../config/model.js";
import { READ_VERBS, WRITE_VERBS, type ConstraintSpec, type RbacObject, type SyncKind } from "../policy/index.js";
import { renderMustache } from "./mustache-render.js";
import type { PackageFiles } from "./package-files.js";
import { ENFORCEMENT_PROSE, constraintProse, rbacRows, syncProse } from "./readme-prose.js";

export interface ReadmeInput {
  policy: GatewayPolicy;
  sourceName: string;
  constraints: { spec: ConstraintSpec; file: string }[];
  rbac: RbacObject[];
  sync: SyncKind[];
  /** policy.wasm and bundle.tar.gz, when the bundle has them: their Wasm entrypoints. */
  wasm?: { entrypoints: string[] } | undefined;
  /** Every other file of the bundle, sorted. */
  files: string[];
}

export function renderReadme(input: ReadmeInput, files: PackageFiles): string {
  const { policy } = input;
  const code = (s: string) => "`" + s + "`";
  const view = {
    policy: policy.metadata.name,
    source: input.sourceName,
    enforcement: ENFORCEMENT_PROSE[policy.spec.enforcementAction],
    exempt: policy.spec.exemptNamespaces.map(code).join(", "),
    constraints: input.constraints.map(({ spec, file }) => {
      const prose = constraintProse(spec, file);
      return { ...prose, hasBullets: prose.bullets.length > 0 };
    }),
    rbac:
      input.rbac.length > 0
        ? {
            model: policy.spec.personas?.model ?? "four-tier",
            writeVerbs: WRITE_VERBS.join(", "),
            readVerbs: READ_VERBS.join(", "),
            ...rbacRows(input.rbac),
          }
        : undefined,
    sync: input.sync.length > 0 ? syncProse(input.sync).join(", ") : undefined,
    wasm: input.wasm ? { entrypoints: input.wasm.entrypoints } : undefined,
    files: input.files,
  };
  return renderMustache(files.template("README.md.mustache"), view, "text");
}
