/**
 * policies/<id>/template.yaml: the ConstraintTemplate each policy's gator
 * suite loads, the same text the bundle ships. Generated, committed, and a
 * test fails when a committed copy is stale.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { TEMPLATES } from "../policy/index.js";
import { packageFiles, type PackageFiles } from "./package-files.js";
import { packageRoot } from "../package-root.js";
import { renderConstraintTemplate } from "./render-template.js";

/** `policies/<id>/template.yaml` -> text, for every policy. */
export function renderPolicyTemplates(files: PackageFiles = packageFiles()): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of TEMPLATES) out.set(`policies/${entry.id}/template.yaml`, renderConstraintTemplate(entry, files));
  return out;
}

/** Writes them under `root` (default: the package); returns the paths whose content changed. */
export function writePolicyTemplates(root: string = packageRoot()): string[] {
  const changed: string[] = [];
  for (const [rel, text] of renderPolicyTemplates(packageFiles(root))) {
    const file = path.join(root, rel);
    let old: string | undefined;
    try {
      old = fs.readFileSync(file, "utf8");
    } catch {
      old = undefined;
    }
    if (old !== text) {
      fs.writeFileSync(file, text);
      changed.push(rel);
    }
  }
  return changed;
}
