import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { renderBundle } from "../../src/bundle/index.js";
import { packageRoot } from "../../src/package-root.js";
import { normalizeBlockText } from "../../src/bundle/yaml-emit.js";
import { TEMPLATES } from "../../src/policy/index.js";
import { bundleObjects } from "../bundle/bundle-objects.js";
import { comparableFiles } from "../bundle/comparable-files.js";
import { GOLDEN_CASES } from "../bundle/models.js";
import { UPDATE_GOLDEN, expectGolden } from "./golden.js";

describe("golden bundles (real templates/ and policies/*.rego)", () => {
  for (const [name, model] of Object.entries(GOLDEN_CASES)) {
    it(`${name}${UPDATE_GOLDEN ? " (rewritten)" : ""}`, () => {
      const files = renderBundle(model, { sourceName: `${name}.yaml` });
      expectGolden(name, files);
      // A second render is byte-identical.
      expect(comparableFiles(renderBundle(structuredClone(model), { sourceName: `${name}.yaml` }))).toEqual(comparableFiles(files));
    });
  }

  it("embeds each policy's real Rego unchanged", () => {
    const files = renderBundle(GOLDEN_CASES["spec-example"]!);
    for (const { object } of bundleObjects(files).filter((o) => o.object.kind === "ConstraintTemplate")) {
      const entry = TEMPLATES.find((t) => t.kind === (object.spec as any).crd.spec.names.kind)!;
      const rego = fs.readFileSync(path.join(packageRoot(), "policies", entry.id, `${entry.id}.rego`), "utf8");
      expect((object.spec as any).targets[0].rego, entry.id).toBe(normalizeBlockText(rego) + "\n");
    }
  });
});
