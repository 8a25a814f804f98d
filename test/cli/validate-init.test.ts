import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EXAMPLES, STACK_LINE, cleanupTempDirs, run, tempDir } from "./helpers.js";

afterAll(cleanupTempDirs);

describe("gwpc validate", () => {
  it.each([
    {
      file: "policy.yaml",
      want: "policy.yaml: valid (4 rules; gatewayClasses 2 rules, routeBinding, referenceGrants 2 rules, personas four-tier; enforcementAction deny)\n",
    },
    { file: "gatewayclass-only.yaml", want: "gatewayclass-only.yaml: valid (2 rules; gatewayClasses 2 rules; enforcementAction dryrun)\n" },
    { file: "three-tier.yaml", want: "three-tier.yaml: valid (0 rules; personas three-tier; enforcementAction deny)\n" },
  ])("$file is valid", async ({ file, want }) => {
    const r = await run(["validate", file], EXAMPLES);
    expect(r).toEqual({ code: 0, stdout: want, stderr: "" });
  });

  it("reports every error of a file at once, sorted by place", async () => {
    const dir = tempDir();
    fs.writeFileSync(
      path.join(dir, "p.yaml"),
      [
        "apiVersion: gwpc.dev/v1alpha1",
        "kind: GatewayPolicy",
        "metadata: {name: acme, labels: {}}",
        "spec:",
        "  enforcementAction: block",
        "  gatewayClasses:",
        "    rules:",
        "      - className: public",
        "        namespaces: [\"team-?\", 7]",
        "",
      ].join("\n"),
    );
    const r = await run(["validate", "p.yaml"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n").filter(Boolean).map((l) => l.replace(/ \[gwpc_\w+\]$/, ""))).toEqual([
      'gwpc: p.yaml:3:24: metadata.labels: unknown key "labels" (allowed: name)',
      'gwpc: p.yaml:5:22: spec.enforcementAction: expected one of deny, dryrun, warn, got "block"',
      'gwpc: p.yaml:9:22: spec.gatewayClasses.rules[0].namespaces[0]: unsupported glob syntax "?" in "team-?": \'*\' is the only wildcard',
      'gwpc: p.yaml:9:32: spec.gatewayClasses.rules[0].namespaces[1]: expected a string, got the number 7 (quote it: "7")',
    ]);
  });

  it("prints warnings and still exits 0", async () => {
    const dir = tempDir();
    fs.writeFileSync(
      path.join(dir, "p.yaml"),
      "apiVersion: gwpc.dev/v1alpha1\nkind: GatewayPolicy\nmetadata: {name: acme}\nspec:\n  routeBinding:\n    allowedSelectorLabels: [env]\n    bannedSelectorLabels: [env]\n",
    );
    const r = await run(["validate", "p.yaml"], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      'gwpc: warning: p.yaml:7:28: spec.routeBinding.bannedSelectorLabels[0]: "env" is also in allowedSelectorLabels; banned wins, so selectors may not use it [gwpc_semantic]\n',
    );
    expect(r.stdout).toBe("p.yaml: valid (0 rules; routeBinding; enforcementAction deny)\n");
  });

  it("is a usage error without an argument", async () => {
    const r = await run(["validate"], tempDir());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("missing required argument");
  });
});

describe("gwpc init", () => {
  const example = fs.readFileSync(path.join(EXAMPLES, "policy.yaml"), "utf8");

  it.each([{ argv: ["init"] }, { argv: ["init", "-"] }])("$argv prints the commented example", async ({ argv }) => {
    const r = await run(argv, tempDir());
    expect(r).toEqual({ code: 0, stdout: example, stderr: "" });
  });

  it("writes a file that validates", async () => {
    const dir = tempDir();
    const r = await run(["init", "policy.yaml"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("wrote policy.yaml: edit it, then run `gwpc validate policy.yaml`\n");
    expect(fs.readFileSync(path.join(dir, "policy.yaml"), "utf8")).toBe(example);
    expect((await run(["validate", "policy.yaml"], dir)).code).toBe(0);
  });

  it("refuses to overwrite without --force", async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, "policy.yaml"), "mine\n");
    const r = await run(["init", "policy.yaml"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("gwpc: policy.yaml: already exists; use --force to overwrite it [gwpc_io]\n");
    expect(fs.readFileSync(path.join(dir, "policy.yaml"), "utf8")).toBe("mine\n");

    const forced = await run(["init", "policy.yaml", "--force"], dir);
    expect(forced.code).toBe(0);
    expect(fs.readFileSync(path.join(dir, "policy.yaml"), "utf8")).toBe(example);
  });

  it.each([
    { note: "missing directory", target: "nope/policy.yaml", want: "gwpc: nope/policy.yaml: its directory does not exist [gwpc_io]\n" },
    { note: "under a regular file", target: "file.txt/policy.yaml", want: "gwpc: file.txt/policy.yaml: a parent of this path is not a directory [gwpc_io]\n" },
    { note: "a directory", target: "sub", want: "gwpc: sub: already exists; use --force to overwrite it [gwpc_io]\n" },
  ])("cannot write: $note", async ({ target, want }) => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, "file.txt"), "x");
    fs.mkdirSync(path.join(dir, "sub"));
    const r = await run(["init", target], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(want);
    expect(r.stderr).not.toMatch(STACK_LINE);
  });
});
