import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parsePolicy, type GatewayPolicy } from "../../src/config/index.js";
import { formatDiagnostic } from "../../src/diag/index.js";
import { SPEC_EXAMPLE as SPEC_EXAMPLE_MODEL } from "../bundle/models.js";

const EXAMPLES = path.resolve(import.meta.dirname, "../../examples");
const HEAD = "apiVersion: gwpc.dev/v1alpha1\nkind: GatewayPolicy\nmetadata: {name: acme}\n";
const meta = { apiVersion: "gwpc.dev/v1alpha1", kind: "GatewayPolicy", metadata: { name: "acme" } } as const;

/** The SPEC §1 example, verbatim (the contract), without the comments examples/policy.yaml adds. */
const SPEC_EXAMPLE = `apiVersion: gwpc.dev/v1alpha1
kind: GatewayPolicy
metadata:
  name: acme                    # DNS label; prefixes every generated object name
spec:
  enforcementAction: deny       # deny | dryrun | warn   (default deny)
  exemptNamespaces: [kube-system, gatekeeper-system]   # excludedNamespaces on every constraint

  gatewayClasses:               # which namespaces may use which GatewayClass
    unlisted: deny              # deny | allow: Gateways naming a class no rule lists
    rules:
      - className: public       # exact name, or a glob such as "public-*"
        namespaces: [edge, "team-*-ingress"]     # exact names or globs
        namespaceSelector:      # optional; a namespace qualifies if it matches
          matchLabels:          # \`namespaces\` OR this selector (needs synced Namespaces)
            gateway.acme.io/public: "true"
      - className: internal
        namespaces: ["*"]

  routeBinding:                 # Gateway listeners' spec.listeners[].allowedRoutes
    allowedSelectorLabels: [kubernetes.io/metadata.name]  # default: exactly this key
    bannedSelectorLabels: [env, team]                      # always denied, even if allowed above
    allowedOperators: [In]      # matchExpressions operators permitted (default [In])
    fromAll:
      namespaces: [edge]        # Gateways in these namespaces may use \`from: All\` (default none)

  referenceGrants:              # the ReferenceGrant handshake
    unlisted: deny              # deny | allow: a from/to pair that no rule allows
    rules:
      - from: {kind: HTTPRoute, namespaces: [prod]}
        to:   {kind: Service, namespaces: ["backend-*"]}
      - from: {kind: Gateway, namespaces: [edge]}
        to:   {kind: Secret, namespaces: [certs], requireName: true}
    requireGrantForCrossNamespaceRefs: true

  personas:                     # the seed's roles, as RBAC and as admission checks
    model: four-tier            # three-tier | four-tier
    infrastructureProviders: {groups: [infra]}
    clusterOperators: {groups: [ops], gatewayClassWrite: false}
    applicationAdmins:
      - {groups: [team-a-admins], namespaces: [team-a]}
    applicationDevelopers:
      - {groups: [team-a-devs], namespaces: [team-a]}
    enforceWithAdmission: true
`;

/** The model the SPEC example must give: the same fixture the bundle tests render. */
const SPEC_MODEL: GatewayPolicy = SPEC_EXAMPLE_MODEL;

function ok(name: string, text: string | Uint8Array): GatewayPolicy {
  const r = parsePolicy(name, text);
  expect(r.diagnostics.map(formatDiagnostic)).toEqual([]);
  expect(r.policy).toBeDefined();
  return r.policy!;
}

describe("examples", () => {
  it("the SPEC §1 example validates and gives the full model", () => {
    expect(ok("spec.yaml", SPEC_EXAMPLE)).toEqual(SPEC_MODEL);
  });

  it("examples/policy.yaml is the SPEC example, commented", () => {
    expect(ok("policy.yaml", fs.readFileSync(path.join(EXAMPLES, "policy.yaml")))).toEqual(SPEC_MODEL);
  });

  it("examples/gatewayclass-only.yaml", () => {
    expect(ok("g.yaml", fs.readFileSync(path.join(EXAMPLES, "gatewayclass-only.yaml")))).toEqual({
      ...meta,
      metadata: { name: "ops" },
      spec: {
        enforcementAction: "dryrun",
        exemptNamespaces: ["kube-system", "gatekeeper-system"],
        gatewayClasses: {
          unlisted: "allow",
          rules: [
            { className: "internet-facing", namespaces: ["edge"] },
            { className: "internal-*", namespaces: ["platform-*"], namespaceSelector: { matchLabels: { "mesh.example.com/enabled": "true" } } },
          ],
        },
      },
    });
  });

  it("examples/three-tier.yaml", () => {
    expect(ok("t.yaml", fs.readFileSync(path.join(EXAMPLES, "three-tier.yaml")))).toEqual({
      ...meta,
      metadata: { name: "shop" },
      spec: {
        enforcementAction: "deny",
        exemptNamespaces: [],
        personas: {
          model: "three-tier",
          infrastructureProviders: { groups: ["platform-infra"], users: [] },
          clusterOperators: { groups: ["platform-ops"], users: ["alice@example.com"], gatewayClassWrite: false },
          applicationAdmins: [],
          applicationDevelopers: [
            { groups: ["developers"], users: [], namespaces: [] },
            { groups: ["checkout-devs"], users: [], namespaces: ["checkout", "checkout-staging"] },
          ],
          enforceWithAdmission: true,
        },
      },
    });
  });
});

describe("defaults", () => {
  it.each([
    { note: "no spec", input: HEAD, want: { enforcementAction: "deny", exemptNamespaces: [] } },
    { note: "empty spec", input: HEAD + "spec: {}\n", want: { enforcementAction: "deny", exemptNamespaces: [] } },
    {
      note: "empty gatewayClasses",
      input: HEAD + "spec: {gatewayClasses: {}}\n",
      want: { enforcementAction: "deny", exemptNamespaces: [], gatewayClasses: { unlisted: "deny", rules: [] } },
    },
    {
      note: "a rule without namespaces",
      input: HEAD + "spec: {gatewayClasses: {unlisted: allow, rules: [{className: x}]}}\n",
      want: { enforcementAction: "deny", exemptNamespaces: [], gatewayClasses: { unlisted: "allow", rules: [{ className: "x", namespaces: [] }] } },
    },
    {
      note: "empty routeBinding",
      input: HEAD + "spec: {routeBinding: {}}\n",
      want: {
        enforcementAction: "deny",
        exemptNamespaces: [],
        routeBinding: {
          allowedSelectorLabels: ["kubernetes.io/metadata.name"],
          bannedSelectorLabels: [],
          allowedOperators: ["In"],
          fromAll: { namespaces: [] },
        },
      },
    },
    {
      note: "empty referenceGrants",
      input: HEAD + "spec: {referenceGrants: {}}\n",
      want: { enforcementAction: "deny", exemptNamespaces: [], referenceGrants: { unlisted: "deny", rules: [], requireGrantForCrossNamespaceRefs: false } },
    },
    {
      note: "empty personas",
      input: HEAD + "spec: {personas: {}}\n",
      want: {
        enforcementAction: "deny",
        exemptNamespaces: [],
        personas: {
          model: "four-tier",
          infrastructureProviders: { groups: [], users: [] },
          clusterOperators: { groups: [], users: [], gatewayClassWrite: false },
          applicationAdmins: [],
          applicationDevelopers: [],
          enforceWithAdmission: false,
        },
      },
    },
    {
      note: "users without groups",
      input: HEAD + "spec: {personas: {applicationAdmins: [{users: [bob], namespaces: [a]}]}}\n",
      want: {
        enforcementAction: "deny",
        exemptNamespaces: [],
        personas: {
          model: "four-tier",
          infrastructureProviders: { groups: [], users: [] },
          clusterOperators: { groups: [], users: [], gatewayClassWrite: false },
          applicationAdmins: [{ groups: [], users: ["bob"], namespaces: ["a"] }],
          applicationDevelopers: [],
          enforceWithAdmission: false,
        },
      },
    },
  ])("$note", ({ input, want }) => {
    expect(ok("p.yaml", input).spec).toEqual(want);
  });
});

describe("accepted YAML variations", () => {
  it.each([
    { note: "a byte-order mark", input: "\uFEFF" + HEAD },
    { note: "CRLF line ends", input: HEAD.replace(/\n/g, "\r\n") },
    { note: "a leading and a trailing ---", input: "---\n" + HEAD + "---\n" },
    { note: "an explicit document end", input: HEAD + "...\n" },
    { note: "anchors and aliases within the limit", input: HEAD + "spec:\n  exemptNamespaces: &ns [kube-system]\n  routeBinding: {fromAll: {namespaces: *ns}}\n" },
    { note: "bytes", input: new TextEncoder().encode(HEAD) },
  ])("$note", ({ input }) => {
    expect(ok("p.yaml", input).metadata.name).toBe("acme");
  });
});
