/**
 * Regenerates policies/<id>/template.yaml from each policy's Rego (the same
 * ConstraintTemplate text the bundle ships). Run: `npm run gen:policies`.
 * test/bundle/policy-templates.test.ts fails while a committed copy is stale.
 */
import { writePolicyTemplates } from "../src/bundle/index.js";
import { GwpcError, formatDiagnostic } from "../src/diag/index.js";

try {
  const changed = writePolicyTemplates();
  process.stdout.write(changed.length > 0 ? `updated ${changed.join(", ")}\n` : "policies/*/template.yaml are up to date\n");
} catch (e) {
  if (!(e instanceof GwpcError)) throw e;
  process.stderr.write(e.diagnostics.map((d) => `gen-policies: ${formatDiagnostic(d)}`).join("\n") + "\n");
  process.exitCode = 2;
}
