import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { discoverSuites } from "../../src/suite/index.js";
import { writeTree } from "./helpers.js";

const SUITE = (name: string) => `kind: Suite\napiVersion: test.gatekeeper.sh/v1alpha1\nmetadata: {name: ${name}}\ntests: []\n`;

describe("discoverSuites", () => {
  const dir = writeTree({
    "suite.yaml": SUITE("top"),
    "other.yml": SUITE("other"),
    "notes.txt": SUITE("not-yaml"),
    "sample.yaml": "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n",
    "wrong-group.yaml": "kind: Suite\napiVersion: example.com/v1\n",
    "broken-sample.yaml": "a: [unclosed\n",
    "deep/b/suite.yaml": SUITE("b"),
    "deep/a/suite.yaml": SUITE("a"),
  });

  it("a directory: only its own YAML files, sorted; non-suites skipped", () => {
    const r = discoverSuites([dir]);
    expect(r.diagnostics).toEqual([]);
    expect(r.suites.map((s) => s.name)).toEqual(["other", "top"]);
  });
  it("dir/...: every YAML file below, sorted, with paths as the user wrote them", () => {
    const r = discoverSuites(["deep/..."], { cwd: dir });
    expect(r.suites.map((s) => [s.name, s.path, s.file])).toEqual([
      ["a", "deep/a/suite.yaml", path.join(dir, "deep/a/suite.yaml")],
      ["b", "deep/b/suite.yaml", path.join(dir, "deep/b/suite.yaml")],
    ]);
    expect(discoverSuites(["..."], { cwd: dir }).suites.map((s) => s.path)).toEqual(["deep/a/suite.yaml", "deep/b/suite.yaml", "other.yml", "suite.yaml"]);
  });
  it("a file: read as given; overlapping targets count once", () => {
    const r = discoverSuites(["suite.yaml", "./..."], { cwd: dir });
    expect(r.suites.map((s) => s.path)).toEqual(["suite.yaml", "deep/a/suite.yaml", "deep/b/suite.yaml", "other.yml"]);
  });
  it.each([
    { note: "missing path", target: "nope", code: "gwpc_missing_file" },
    { note: "not a YAML file", target: "notes.txt", code: "gwpc_suite_path" },
    { note: "recursive on a file", target: "suite.yaml/...", code: "gwpc_suite_path" },
  ])("$note is a diagnostic", ({ target, code }) => {
    const r = discoverSuites([target], { cwd: dir });
    expect(r.suites).toEqual([]);
    expect(r.diagnostics.map((d) => [d.code, d.location!.file])).toEqual([[code, target]]);
  });
  it("a suite whose fields have the wrong type is a diagnostic naming the file", () => {
    const bad = writeTree({ "suite.yaml": "kind: Suite\napiVersion: test.gatekeeper.sh/v1alpha1\ntests:\n- name: t\n  cases: {}\n" });
    const r = discoverSuites([bad]);
    expect(r.diagnostics.map((d) => `${d.location!.file}: ${d.message}`)).toEqual([`${bad}/suite.yaml: invalid Suite: tests[0].cases: must be a list`]);
  });
});
