import { GwpcError, error } from "../diag/index.js";
import { PARAMETER_SCHEMAS, templateName, type TemplateEntry } from "../policy/index.js";
import { renderMustache } from "./mustache-render.js";
import type { PackageFiles } from "./package-files.js";
import { literalBlock, yamlBlock } from "./yaml-emit.js";

/**
 * Gatekeeper's `metadata.gatekeeper.sh/requires-sync-data` value: a JSON
 * list of requirements (each a list of equivalent GVK sets), itself wrapped
 * in double quotes as Gatekeeper's docs and gatekeeper-library write it.
 */
export function requiresSyncData(entry: TemplateEntry): string | undefined {
  if (entry.mayRead.length === 0) return undefined;
  const req = [entry.mayRead.map((r) => ({ groups: r.groups, versions: r.versions, kinds: r.kinds }))];
  return `"${JSON.stringify(req)}"`;
}

/**
 * The ConstraintTemplate of one policy: the same text in every bundle and in
 * policies/<id>/template.yaml (it depends on nothing in the policy file).
 */
export function renderConstraintTemplate(entry: TemplateEntry, files: PackageFiles): string {
  const regoText = files.rego(entry.id);
  const rego = literalBlock(regoText, 8);
  if (rego === undefined || rego === "") {
    throw new GwpcError([
      error(
        "gwpc_io",
        `the Rego of policy ${entry.id} is empty or starts with indentation; it cannot be embedded in its ConstraintTemplate`,
        { file: `policies/${entry.id}/${entry.id}.rego`, line: 1, col: 1 },
      ),
    ]);
  }
  const view = {
    id: entry.id,
    name: templateName(entry),
    kind: entry.kind,
    title: entry.title,
    description: entry.description,
    requiresSyncData: requiresSyncData(entry),
    schema: yamlBlock(PARAMETER_SCHEMAS[entry.id], 10),
    rego,
  };
  return renderMustache(files.template("constrainttemplate.yaml.mustache"), view, "yaml");
}
