/**
 * Reading the package's own inputs: mustache templates from templates/ and
 * Rego from policies/<id>/<id>.rego. A missing or unreadable file is a
 * GwpcError naming it (an incomplete installation or checkout), exit 2.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { GwpcError, error } from "../diag/index.js";
import type { TemplateId } from "../policy/index.js";
import { packageRoot } from "../package-root.js";

export interface PackageFiles {
  /** Text of templates/<name>. */
  template(name: string): string;
  /** Text of policies/<id>/<id>.rego. */
  rego(id: TemplateId): string;
}

export function regoPath(root: string, id: TemplateId): string {
  return path.join(root, "policies", id, `${id}.rego`);
}

function readPackageFile(file: string, what: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "EIO";
    const why = code === "ENOENT" ? "the file does not exist" : `it cannot be read (${code})`;
    throw new GwpcError([
      error("gwpc_io", `cannot read ${what}: ${why}; the gwpc installation or checkout is incomplete`, { file, line: 0, col: 0 }),
    ]);
  }
}

/** The package's files under `root` (default: the installed package). */
export function packageFiles(root: string = packageRoot()): PackageFiles {
  return {
    template: (name) => readPackageFile(path.join(root, "templates", name), `the bundle template ${name}`),
    rego: (id) => readPackageFile(regoPath(root, id), `the Rego of policy ${id}`),
  };
}
