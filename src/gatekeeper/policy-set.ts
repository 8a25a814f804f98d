import * as fs from "node:fs";
import * as path from "node:path";
import { error, type Diagnostic } from "../diag/index.js";
import { parseConstraint, type Constraint } from "./constraint.js";
import { listObjectFiles, readObjectsText, type SourcedObject } from "./dump.js";
import { InputError } from "./errors.js";
import { gvkOf } from "./objects.js";
import { templateInfo, type ConstraintTemplateInfo } from "./template.js";

/** The templates and constraints an audit evaluates. */
export interface PolicySet {
  templates: ConstraintTemplateInfo[];
  constraints: Constraint[];
}

/**
 * Pick the ConstraintTemplates and constraints out of a list of objects (a
 * bundle's files, or a policy compiled in memory); anything else is ignored.
 * Invalid ones are diagnostics naming their file.
 */
export function policyFromObjects(objects: SourcedObject[]): { policy: PolicySet; diagnostics: Diagnostic[] } {
  const policy: PolicySet = { templates: [], constraints: [] };
  const diagnostics: Diagnostic[] = [];
  for (const o of objects) {
    const gvk = gvkOf(o.object);
    try {
      if (gvk.group === "templates.gatekeeper.sh" && gvk.kind === "ConstraintTemplate") {
        policy.templates.push(templateInfo(o.object, { file: o.file, text: JSON.stringify(o.object) }));
      } else if (gvk.group === "constraints.gatekeeper.sh") {
        policy.constraints.push(parseConstraint(o.object));
      }
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      diagnostics.push(error(e.code, e.message, { file: o.file, line: o.line, col: 1 }));
    }
  }
  return { policy, diagnostics };
}

/** Read a bundle directory (`out/`): every template and constraint in its YAML files. */
export function loadBundleDir(dir: string, displayDir = dir): { policy: PolicySet; diagnostics: Diagnostic[] } {
  const objects: SourcedObject[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const f of listObjectFiles(dir)) {
    const shown = path.join(displayDir, path.relative(dir, f));
    const r = readObjectsText(fs.readFileSync(f, "utf8"), shown);
    objects.push(...r.objects);
    // Files that are not Kubernetes objects (kustomization.yaml) are not part of the policy; malformed YAML is still reported.
    diagnostics.push(...r.diagnostics.filter((d) => d.code !== "gwpc_object"));
  }
  const r = policyFromObjects(objects);
  return { policy: r.policy, diagnostics: [...diagnostics, ...r.diagnostics] };
}
