/**
 * Every shipped example (examples/*.yaml, through the real loader) compiles
 * to a bundle whose objects all pass the shape checks. Goldens for the
 * examples live with the loader's tests.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { renderBundle } from "../../src/bundle/index.js";
import { loadPolicyFile } from "../../src/config/index.js";
import { REPO_ROOT } from "./k8s-schemas.js";
import { crdProblems, gatekeeperCrds, shapeProblems } from "./validate-bundle.js";

const dir = path.join(REPO_ROOT, "examples");
const examples = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort() : [];

describe("examples/*.yaml bundles", () => {
  it("there are examples to check", () => {
    expect(examples.length).toBeGreaterThan(0);
  });
  for (const example of examples) {
    it(`${example}: every object passes the shape checks${gatekeeperCrds() ? " and the Gatekeeper CRDs" : " (Gatekeeper CRDs absent: shapes only)"}`, () => {
      const files = renderBundle(loadPolicyFile(path.join(dir, example)), { sourceName: `examples/${example}` });
      expect(shapeProblems(files)).toEqual([]);
      const crds = gatekeeperCrds();
      if (crds) expect(crdProblems(files, crds)).toEqual([]);
    });
  }
});
