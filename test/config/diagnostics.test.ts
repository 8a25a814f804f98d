import { describe, expect, it } from "vitest";
import { parsePolicy } from "../../src/config/index.js";
import { formatDiagnostic } from "../../src/diag/index.js";

const HEAD = "apiVersion: gwpc.dev/v1alpha1\nkind: GatewayPolicy\nmetadata: {name: acme}\n";

/** Exact diagnostics (formatted, with severity) for inputs whose message or place is easy to get wrong. */
const cases: { note: string; input: string; want: string[] }[] = [
  {
    note: "an empty section points at its key and says how to write an empty one",
    input: HEAD + "spec:\n  gatewayClasses:\n",
    want: ["error p.yaml:5:3: spec.gatewayClasses: expected a mapping, got an empty value (null) (write {} for an empty mapping) [gwpc_schema]"],
  },
  {
    note: "a scalar where a list belongs suggests the list",
    input: HEAD + "spec:\n  exemptNamespaces: kube-system\n",
    want: ['error p.yaml:5:21: spec.exemptNamespaces: expected a list, got "kube-system" (write ["kube-system"] for a list of one) [gwpc_schema]'],
  },
  {
    note: "a misspelt key gets a suggestion",
    input: HEAD + "spec:\n  routeBinding:\n    allowedOperator: [In]\n",
    want: [
      'error p.yaml:6:5: spec.routeBinding.allowedOperator: unknown key "allowedOperator" (allowed: allowedSelectorLabels, bannedSelectorLabels, allowedOperators, fromAll); did you mean "allowedOperators"? [gwpc_schema]',
    ],
  },
  {
    note: "every duplicate in a list, each at its own place",
    input: HEAD + "spec:\n  exemptNamespaces: [a, b, a, a]\n",
    want: [
      'error p.yaml:5:28: spec.exemptNamespaces[2]: duplicate item "a" (same as item 0) [gwpc_schema]',
      'error p.yaml:5:31: spec.exemptNamespaces[3]: duplicate item "a" (same as item 0) [gwpc_schema]',
    ],
  },
  {
    note: "an empty matchLabels would select every namespace",
    input: HEAD + "spec:\n  gatewayClasses:\n    rules:\n      - className: a\n        namespaceSelector: {matchLabels: {}}\n",
    want: [
      "error p.yaml:8:42: spec.gatewayClasses.rules[0].namespaceSelector.matchLabels: expected at least one label: an empty selector would match every namespace [gwpc_schema]",
    ],
  },
  {
    note: "a wrong type hides the other complaints about the same value",
    input: HEAD + "spec:\n  enforcementAction: [deny]\n",
    want: ["error p.yaml:5:22: spec.enforcementAction: expected one of deny, dryrun, warn, got a list of 1 [gwpc_schema]"],
  },
  {
    note: "a boolean where a string belongs: quote it",
    input: HEAD + "spec:\n  gatewayClasses:\n    rules:\n      - className: a\n        namespaceSelector: {matchLabels: {x: true}}\n",
    want: [
      'error p.yaml:8:46: spec.gatewayClasses.rules[0].namespaceSelector.matchLabels.x: expected a string, got the boolean true (quote it: "true") [gwpc_schema]',
    ],
  },
  {
    note: "a string where a boolean belongs",
    input: HEAD + "spec:\n  referenceGrants: {requireGrantForCrossNamespaceRefs: \"yes\"}\n",
    want: ['error p.yaml:5:56: spec.referenceGrants.requireGrantForCrossNamespaceRefs: expected true or false, got "yes" [gwpc_schema]'],
  },
  {
    note: "duplicate referenceGrants rules (namespace order does not matter)",
    input:
      HEAD +
      "spec:\n  referenceGrants:\n    rules:\n" +
      "      - {from: {kind: HTTPRoute, namespaces: [a, b]}, to: {kind: Service, namespaces: [c]}}\n" +
      "      - {from: {kind: HTTPRoute, namespaces: [b, a]}, to: {kind: Service, namespaces: [c]}}\n",
    want: [
      "error p.yaml:8:9: spec.referenceGrants.rules[1]: duplicate rule: the same from/to kinds and namespaces as spec.referenceGrants.rules[0] at line 7 [gwpc_semantic]",
    ],
  },
  {
    note: "three-tier: operators never write GatewayClasses",
    input: HEAD + "spec:\n  personas:\n    model: three-tier\n    clusterOperators: {groups: [ops], gatewayClassWrite: true}\n",
    want: [
      'error p.yaml:7:58: spec.personas.clusterOperators.gatewayClassWrite: in the three-tier model cluster operators never write GatewayClasses; gatewayClassWrite is the four-tier model\'s "Sometimes" [gwpc_semantic]',
    ],
  },
  {
    note: "a persona entry must name someone",
    input: HEAD + "spec:\n  personas:\n    applicationAdmins: [{namespaces: [a]}]\n",
    want: ["error p.yaml:6:25: spec.personas.applicationAdmins[0]: names no groups or users: list who holds these rights [gwpc_semantic]"],
  },
  {
    note: "persona namespaces are exact names, not globs",
    input: HEAD + "spec:\n  personas:\n    applicationAdmins: [{groups: [a], namespaces: [team-*]}]\n",
    want: [
      'error p.yaml:6:52: spec.personas.applicationAdmins[0].namespaces[0]: expected a namespace name (no globs here: RBAC needs real namespaces): at most 63 lowercase letters, digits and \'-\', got "team-*" [gwpc_schema]',
    ],
  },
  {
    note: "admission enforcement with nobody named is a warning",
    input: HEAD + "spec:\n  personas: {enforceWithAdmission: true}\n",
    want: [
      "warning p.yaml:5:36: spec.personas.enforceWithAdmission: no persona names a group or user, so admission enforcement denies every Gateway API write by users [gwpc_semantic]",
    ],
  },
  {
    note: "an unclosed flow mapping is reported at its opening brace (brackets in quotes do not count)",
    input: HEAD + "spec:\n  exemptNamespaces: [a, \"b]\", 'c[']\n  routeBinding: {fromAll: {namespaces: [x]}\n",
    want: ['error p.yaml:6:17: this "{" is never closed: expected a "}" [gwpc_yaml_syntax]'],
  },
  {
    note: "a closed but under-indented flow list keeps the parser's message",
    input: HEAD + "spec:\n  exemptNamespaces: [a,\nb]\n",
    want: [
      "error p.yaml:6:1: Flow sequence in block collection must be sufficiently indented and end with a ] [gwpc_yaml_syntax]",
      "error p.yaml:6:1: Implicit map keys need to be followed by map values [gwpc_yaml_syntax]",
    ],
  },
  {
    note: "unresolved tags are errors",
    input: HEAD + "spec: !custom {}\n",
    want: ["error p.yaml:4:7: Unresolved tag: !custom [gwpc_yaml_syntax]"],
  },
  {
    note: "an alias into a bad value reports the anchored value",
    input: HEAD + "spec:\n  exemptNamespaces: &ns [Kube]\n  routeBinding: {fromAll: {namespaces: *ns}}\n",
    want: [
      'error p.yaml:5:26: spec.routeBinding.fromAll.namespaces[0]: expected a namespace name or glob such as "team-*" (\'*\' matches any run of characters and is the only wildcard; names are lowercase letters, digits and \'-\', at most 63), got "Kube" [gwpc_schema]',
      "error p.yaml:5:26: spec.exemptNamespaces[0]: expected a namespace name, optionally with a leading and/or trailing '*' (the only wildcards Gatekeeper's excludedNamespaces understands), got \"Kube\" [gwpc_schema]",
    ],
  },
];

describe("diagnostics", () => {
  it.each(cases)("$note", ({ input, want }) => {
    const r = parsePolicy("p.yaml", input);
    expect(r.diagnostics.map((d) => `${d.severity} ${formatDiagnostic(d)}`)).toEqual(want);
    // A policy comes back iff nothing is an error.
    expect(r.policy !== undefined).toBe(!want.some((w) => w.startsWith("error")));
  });

  it("counts aliased values at each use against the value cap", () => {
    const list = `[${Array.from({ length: 99 }, (_, i) => `n${i}`).join(", ")}]`;
    const uses = Array.from({ length: 99 }, (_, i) => `  k${i}: *big\n`).join("");
    const r = parsePolicy("p.yaml", HEAD + `x:\n  a: &big ${list}\n${uses}`);
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([
      "p.yaml: more than 10000 values (aliases counted at each use); a policy file may hold at most 10000 [gwpc_input]",
    ]);
  });

  it("reports at most 100 problems, then how many more", () => {
    const r = parsePolicy("p.yaml", HEAD + "spec:\n  exemptNamespaces:\n" + Array.from({ length: 130 }, (_, i) => `    - Bad${i}\n`).join(""));
    expect(r.diagnostics).toHaveLength(101);
    expect(formatDiagnostic(r.diagnostics[0]!)).toMatch(/^p\.yaml:6:7: spec\.exemptNamespaces\[0\]: expected a namespace name/);
    expect(formatDiagnostic(r.diagnostics[100]!)).toBe("p.yaml: 30 more problems not shown; fix these and run again [gwpc_too_many_errors]");
  });

  it("every diagnostic names the file and has a stable code", () => {
    for (const { input } of cases) {
      for (const d of parsePolicy("p.yaml", input).diagnostics) {
        expect(d.location?.file).toBe("p.yaml");
        expect(d.code).toMatch(/^gwpc_(input|io|yaml_syntax|schema|semantic)$/);
      }
    }
  });
});
