import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { MAX_POLICY_BYTES } from "../../src/config/index.js";
import { STACK_LINE, cleanupTempDirs, run, snapshot, tempDir } from "./helpers.js";

/**
 * SPEC §6 and the Foundation issue's acceptance table: every bad input
 * exits 2 with a one-paragraph error naming the file (and line:col where
 * there is a place), no stack trace, and `compile` leaves out/ untouched.
 * `want` is an exact substring of stderr: the place, the path, the gist.
 */
const HEAD = "apiVersion: gwpc.dev/v1alpha1\nkind: GatewayPolicy\nmetadata:\n  name: acme\n";

interface BadInput {
  note: string;
  /** File content; a function prepares the path itself (missing file, directory). */
  input: string | Uint8Array | ((file: string) => void);
  want: string;
}

const cases: BadInput[] = [
  { note: "malformed YAML: unclosed flow list", input: HEAD + "spec:\n  exemptNamespaces: [a, b\n", want: `policy.yaml:6:21: this "[" is never closed: expected a "]"` },
  { note: "malformed YAML: tab indentation", input: HEAD + "spec:\n\tenforcementAction: deny\n", want: "policy.yaml:6:1: Tabs are not allowed" },
  { note: "malformed YAML: bad indentation", input: HEAD + "spec:\n  enforcementAction: deny\n exemptNamespaces: []\n", want: "policy.yaml:7:" },
  {
    note: "wrong type: string for a list",
    input: HEAD + "spec:\n  exemptNamespaces: kube-system\n",
    want: 'policy.yaml:6:21: spec.exemptNamespaces: expected a list, got "kube-system"',
  },
  {
    note: "wrong type: mapping for rules",
    input: HEAD + "spec:\n  gatewayClasses:\n    rules: {className: x}\n",
    want: "policy.yaml:7:12: spec.gatewayClasses.rules: expected a list, got a mapping",
  },
  {
    note: "wrong type: number for a namespace",
    input: HEAD + "spec:\n  routeBinding:\n    fromAll: {namespaces: [edge, 123]}\n",
    want: 'policy.yaml:7:34: spec.routeBinding.fromAll.namespaces[1]: expected a string, got the number 123 (quote it: "123")',
  },
  {
    note: "wrong value: enum",
    input: HEAD + "spec:\n  enforcementAction: block\n",
    want: 'policy.yaml:6:22: spec.enforcementAction: expected one of deny, dryrun, warn, got "block"',
  },
  {
    note: "unknown top-level key",
    input: HEAD + "specs: {}\n",
    want: 'policy.yaml:5:1: specs: unknown key "specs" (allowed: apiVersion, kind, metadata, spec); did you mean "spec"?',
  },
  {
    note: "unknown nested key",
    input: HEAD + "spec:\n  gatewayClasses:\n    rules:\n      - className: a\n      - className: b\n        namespace: [x]\n",
    want: 'policy.yaml:10:9: spec.gatewayClasses.rules[1].namespace: unknown key "namespace"',
  },
  {
    note: "unknown key in a flow mapping",
    input: HEAD + "spec:\n  personas:\n    clusterOperators: {groups: [ops], gatewayClassWrites: true}\n",
    want: 'policy.yaml:7:39: spec.personas.clusterOperators.gatewayClassWrites: unknown key "gatewayClassWrites"',
  },
  {
    note: "invalid glob: ?",
    input: HEAD + "spec:\n  gatewayClasses:\n    rules:\n      - className: public\n        namespaces: [edge, \"team-?\"]\n",
    want: 'policy.yaml:9:28: spec.gatewayClasses.rules[0].namespaces[1]: unsupported glob syntax "?" in "team-?"',
  },
  {
    note: "invalid glob: character class in a class name",
    input: HEAD + "spec:\n  gatewayClasses:\n    rules:\n      - className: \"public-[ab]\"\n",
    want: 'policy.yaml:8:20: spec.gatewayClasses.rules[0].className: unsupported glob syntax "["',
  },
  {
    note: "invalid exempt namespace: inner star",
    input: HEAD + "spec:\n  exemptNamespaces: [\"kube*system\"]\n",
    want: "policy.yaml:6:22: spec.exemptNamespaces[0]: expected a namespace name, optionally with a leading and/or trailing '*'",
  },
  {
    note: "invalid label key in a list",
    input: HEAD + "spec:\n  routeBinding:\n    bannedSelectorLabels: [env, -team]\n",
    want: 'policy.yaml:7:33: spec.routeBinding.bannedSelectorLabels[1]: expected a label key',
  },
  {
    note: "invalid label key in matchLabels",
    input:
      HEAD +
      "spec:\n  gatewayClasses:\n    rules:\n      - className: public\n        namespaceSelector:\n          matchLabels:\n            Bad_Prefix/x: \"1\"\n",
    want: 'policy.yaml:11:13: spec.gatewayClasses.rules[0].namespaceSelector.matchLabels["Bad_Prefix/x"]: expected a label key',
  },
  {
    note: "bad DNS name",
    input: "apiVersion: gwpc.dev/v1alpha1\nkind: GatewayPolicy\nmetadata:\n  name: Acme_Corp\n",
    want: 'policy.yaml:4:9: metadata.name: expected a DNS label',
  },
  {
    note: "missing required key",
    input: "apiVersion: gwpc.dev/v1alpha1\nkind: GatewayPolicy\n",
    want: 'policy.yaml:1:1: missing required key "metadata"',
  },
  { note: "wrong apiVersion", input: HEAD.replace("v1alpha1", "v1"), want: 'policy.yaml:1:13: apiVersion: expected "gwpc.dev/v1alpha1", got "gwpc.dev/v1"' },
  { note: "top level is a list", input: "- a\n- b\n", want: "policy.yaml:1:1: expected a mapping, got a list of 2" },
  { note: "empty file", input: "", want: "policy.yaml: empty file" },
  { note: "comments-only file", input: "# nothing here\n\n# still nothing\n", want: "policy.yaml: no YAML content (only comments)" },
  { note: "binary file", input: new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00]), want: "policy.yaml:1:7: binary content" },
  { note: "invalid UTF-8", input: new Uint8Array([...Buffer.from(HEAD + "spec: {"), 0xc3, 0x28, 0x7d]), want: "policy.yaml:5:8: invalid UTF-8 (byte 0xc3)" },
  { note: "10 MB file", input: "# " + "x".repeat(10 * 1024 * 1024) + "\n", want: `policy.yaml: file is 10485763 bytes; a policy file may be at most ${MAX_POLICY_BYTES} bytes` },
  {
    note: "conflicting rules: the same className twice",
    input: HEAD + "spec:\n  gatewayClasses:\n    rules:\n      - {className: public, namespaces: [a]}\n      - {className: public, namespaces: [b]}\n",
    want: 'policy.yaml:9:21: spec.gatewayClasses.rules[1].className: duplicate rule for class "public" (also spec.gatewayClasses.rules[0] at line 8)',
  },
  {
    note: "conflicting rules: referenceGrants requireName",
    input:
      HEAD +
      "spec:\n  referenceGrants:\n    rules:\n" +
      "      - {from: {kind: Gateway, namespaces: [edge]}, to: {kind: Secret, namespaces: [certs]}}\n" +
      "      - {from: {kind: Gateway, namespaces: [edge]}, to: {kind: Secret, namespaces: [certs], requireName: true}}\n",
    want: "policy.yaml:9:9: spec.referenceGrants.rules[1]: conflicting rule",
  },
  {
    note: "three-tier with applicationAdmins",
    input: HEAD + "spec:\n  personas:\n    model: three-tier\n    applicationAdmins:\n      - {groups: [a], namespaces: [a]}\n",
    want: "policy.yaml:9:7: spec.personas.applicationAdmins: the three-tier model has no application admins",
  },
  {
    note: "four-tier developers without namespaces",
    input: HEAD + "spec:\n  personas:\n    applicationDevelopers:\n      - groups: [devs]\n",
    want: "policy.yaml:8:9: spec.personas.applicationDevelopers[0]: in the four-tier model application developers write only in specified namespaces",
  },
  { note: "multiple documents", input: HEAD + "---\n" + HEAD, want: "policy.yaml:6:1: found 2 YAML documents" },
  { note: "duplicate keys", input: HEAD + "spec: {}\nspec: {}\n", want: 'policy.yaml:6:1: duplicate key "spec" (first defined at line 5)' },
  {
    note: "alias bomb",
    input:
      HEAD +
      "x:\n  a: &a [l, l, l, l, l, l, l, l, l]\n  b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n  c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n  d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n",
    want: "policy.yaml:7:10: too many alias expansions (more than 100: an alias bomb?)",
  },
  { note: "nesting bomb", input: HEAD + "spec: " + "[".repeat(100_000), want: "policy.yaml:5:39: nested more than 32 levels deep" },
  {
    note: "too many values",
    input: HEAD + "spec:\n  exemptNamespaces:\n" + "    - a\n".repeat(10_001),
    want: "policy.yaml: more than 10000 values (aliases counted at each use)",
  },
  { note: "missing file", input: () => {}, want: "policy.yaml: no such file" },
  { note: "directory instead of file", input: (f) => fs.mkdirSync(f), want: "policy.yaml: is a directory" },
];

afterAll(cleanupTempDirs);

describe("bad inputs exit 2 with a placed, one-paragraph error", () => {
  it("has at least 20 cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  it.each(cases)("$note", async ({ input, want }) => {
    const dir = tempDir();
    const file = path.join(dir, "policy.yaml");
    if (typeof input === "function") input(file);
    else fs.writeFileSync(file, input);

    const v = await run(["validate", "policy.yaml"], dir);
    expect(v.code).toBe(2);
    expect(v.stdout).toBe("");
    expect(v.stderr).toContain(want);
    expect(v.stderr).not.toMatch(STACK_LINE);
    // Every line names the file (warnings included).
    for (const line of v.stderr.trimEnd().split("\n")) expect(line).toMatch(/^gwpc: (warning: )?policy\.yaml[:]/);

    // compile fails the same way and leaves an earlier out/ exactly as it was.
    const out = path.join(dir, "out");
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, "kustomization.yaml"), "# Generated by gwpc\nresources: []\n");
    const before = snapshot(dir);
    const c = await run(["compile", "policy.yaml", "-o", "out"], dir);
    expect(c.code).toBe(2);
    expect(c.stderr).toContain(want);
    expect(c.stderr).not.toMatch(STACK_LINE);
    expect(snapshot(dir)).toEqual(before);
  });
});
