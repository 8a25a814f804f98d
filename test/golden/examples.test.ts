/**
 * Golden bundles for every shipped example, through the real loader: what
 * `gwpc compile examples/<name>.yaml` writes is reviewed in diffs.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { loadPolicyFile, renderBundle } from "../../src/index.js";
import { packageRoot } from "../../src/package-root.js";
import { comparableFiles } from "../bundle/comparable-files.js";
import { UPDATE_GOLDEN, expectGolden } from "./golden.js";

const dir = path.join(packageRoot(), "examples");
const examples = fs.readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort();

describe("golden bundles of examples/*.yaml", () => {
  it("finds the three shipped examples", () => {
    expect(examples).toEqual(["gatewayclass-only.yaml", "policy.yaml", "three-tier.yaml"]);
  });
  for (const example of examples) {
    it(`${example}${UPDATE_GOLDEN ? " (rewritten)" : ""}`, () => {
      const render = () => renderBundle(loadPolicyFile(path.join(dir, example)), { sourceName: `examples/${example}` });
      const files = render();
      expectGolden(`example-${example.replace(/\.yaml$/, "")}`, files);
      expect(comparableFiles(render())).toEqual(comparableFiles(files));
    });
  }
});
