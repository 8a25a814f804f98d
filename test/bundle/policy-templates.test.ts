/**
 * policies/<id>/template.yaml is generated (the same ConstraintTemplate the
 * bundle ships) and committed for the gator suites beside it. This test
 * fails when a committed copy is stale; GWPC_UPDATE_GOLDEN=1 rewrites them
 * (as does `npm run gen:policies`).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { packageFiles } from "../../src/bundle/index.js";
import { packageRoot } from "../../src/package-root.js";
import { renderConstraintTemplate } from "../../src/bundle/render-template.js";
import { TEMPLATES } from "../../src/policy/index.js";

const UPDATE = process.env.GWPC_UPDATE_GOLDEN === "1";

describe("policies/<id>/template.yaml", () => {
  for (const entry of TEMPLATES) {
    const rel = `policies/${entry.id}/template.yaml`;
    it(`${rel} matches its Rego${UPDATE ? " (rewritten)" : ""}`, () => {
      const want = renderConstraintTemplate(entry, packageFiles());
      const file = path.join(packageRoot(), rel);
      if (UPDATE) fs.writeFileSync(file, want);
      const have = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
      expect(have, `${rel} is missing or stale: run \`npm run gen:policies\``).toBe(want);
    });
  }
});
