/**
 * gatekeeper-library fixtures for the benches: the shared checkout next to
 * this repository (../shared/gatekeeper-library/library/general), its
 * templates (read with the suite runner's FixtureLoader, so YAML quirks that
 * gator accepts are accepted here too) and its suite folders.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import type { ConstraintTemplateInfo } from "../src/gatekeeper/index.js";
import { FixtureLoader } from "../src/suite/index.js";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** ../shared/gatekeeper-library/library/general, as the other scripts and tests find it (GWPC_BENCH_LIBRARY overrides). */
export const LIBRARY_GENERAL = path.resolve(REPO_ROOT, process.env["GWPC_BENCH_LIBRARY"] ?? "../shared/gatekeeper-library/library/general");

/** gwpc's own policies (one suite.yaml per folder). */
export const POLICIES_DIR = path.join(REPO_ROOT, "policies");

export function libraryPresent(): boolean {
  return fs.existsSync(LIBRARY_GENERAL) && fs.statSync(LIBRARY_GENERAL).isDirectory();
}

/** Sub-folders of `root` holding `file`, sorted by name. */
export function foldersWith(root: string, file: string): string[] {
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(root, e.name, file)))
    .map((e) => e.name)
    .sort();
}

export interface LibraryTemplate {
  /** Folder name (requiredlabels). */
  name: string;
  file: string;
  info: ConstraintTemplateInfo;
}

/** Every `<root>/<name>/template.yaml`, parsed; a template that does not parse is returned as an error. */
export function readTemplates(root: string): { templates: LibraryTemplate[]; errors: { name: string; message: string }[] } {
  const loader = new FixtureLoader();
  const templates: LibraryTemplate[] = [];
  const errors: { name: string; message: string }[] = [];
  for (const name of foldersWith(root, "template.yaml")) {
    const file = path.join(root, name, "template.yaml");
    try {
      templates.push({ name, file, info: loader.template(file, path.relative(REPO_ROOT, file)) });
    } catch (e) {
      errors.push({ name, message: e instanceof Error ? e.message : String(e) });
    }
  }
  return { templates, errors };
}
