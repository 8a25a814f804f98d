import { packageFiles, type PackageFiles } from "../../src/bundle/index.js";
import type { TemplateId } from "../../src/policy/index.js";

/** Stand-in Rego, so unit tests do not depend on policies/ (which golden tests cover). */
export function stubRego(id: TemplateId): string {
  return `# stub for ${id}\npackage gwpc.${id.replaceAll("-", "_")}\n\nimport rego.v1\n\nviolation contains {"msg": "stub"} if {\n\tinput.review.object.kind == "Nothing"\n}\n`;
}

/** The package's real mustache templates with stub Rego. */
export function stubPackageFiles(): PackageFiles {
  const real = packageFiles();
  return { template: real.template, rego: stubRego };
}
