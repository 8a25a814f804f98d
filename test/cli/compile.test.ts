import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EXAMPLES, STACK_LINE, cleanupTempDirs, run, snapshot, tempDir } from "./helpers.js";

/**
 * `gwpc compile` end to end. These depend on the bundle module
 * (renderBundle, writeBundleAtomic); the policy-file failures of compile are
 * covered input by input in bad-input.test.ts.
 */
afterAll(cleanupTempDirs);

function copyExample(name: string, dir: string): void {
  fs.copyFileSync(path.join(EXAMPLES, name), path.join(dir, "policy.yaml"));
}

describe("gwpc compile", () => {
  it.each(["policy.yaml", "gatewayclass-only.yaml", "three-tier.yaml"])("compiles examples/%s and lists what it wrote", async (name) => {
    const dir = tempDir();
    copyExample(name, dir);
    const r = await run(["compile", "policy.yaml", "-o", "out"], dir);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines.at(-1)).toMatch(/^compiled policy\.yaml -> out\/ \(\d+ files; /);
    const listed = lines.slice(0, -1).map((l) => l.trim().replace(/^out\//, ""));
    const written = Object.entries(snapshot(path.join(dir, "out")))
      .filter(([, v]) => v !== "<dir>")
      .map(([k]) => k)
      .sort();
    expect([...listed].sort()).toEqual(written);
    expect(written).toContain("kustomization.yaml");
  });

  it("a second compile is byte-identical", async () => {
    const dir = tempDir();
    copyExample("policy.yaml", dir);
    expect((await run(["compile", "policy.yaml", "-o", "a"], dir)).code).toBe(0);
    expect((await run(["compile", "policy.yaml", "-o", "b"], dir)).code).toBe(0);
    expect(snapshot(path.join(dir, "b"))).toEqual(snapshot(path.join(dir, "a")));
  });

  it.each([
    { note: "-o under a regular file", out: "file.txt/out", want: "file.txt/out" },
    { note: "-o is a regular file", out: "file.txt", want: "file.txt" },
    { note: "-o is a directory that is not a bundle", out: "project", want: "project" },
  ])("unwritable output: $note exits 2 and changes nothing", async ({ out, want }) => {
    const dir = tempDir();
    copyExample("policy.yaml", dir);
    fs.writeFileSync(path.join(dir, "file.txt"), "keep me\n");
    fs.mkdirSync(path.join(dir, "project"));
    fs.writeFileSync(path.join(dir, "project", "main.go"), "package main\n");
    const before = snapshot(dir);
    const r = await run(["compile", "policy.yaml", "-o", out], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(want);
    expect(r.stderr).toMatch(/^gwpc: /);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(snapshot(dir)).toEqual(before);
  });

  it("replaces an earlier bundle atomically", async () => {
    const dir = tempDir();
    copyExample("policy.yaml", dir);
    expect((await run(["compile", "policy.yaml", "-o", "out"], dir)).code).toBe(0);
    copyExample("gatewayclass-only.yaml", dir);
    expect((await run(["compile", "policy.yaml", "-o", "out"], dir)).code).toBe(0);
    const fresh = tempDir();
    copyExample("gatewayclass-only.yaml", fresh);
    expect((await run(["compile", "policy.yaml", "-o", "out"], fresh)).code).toBe(0);
    expect(snapshot(path.join(dir, "out"))).toEqual(snapshot(path.join(fresh, "out")));
  });

  it("needs -o", async () => {
    const dir = tempDir();
    copyExample("policy.yaml", dir);
    const r = await run(["compile", "policy.yaml"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("-o, --output <dir>");
    expect(fs.readdirSync(dir)).toEqual(["policy.yaml"]);
  });
});
