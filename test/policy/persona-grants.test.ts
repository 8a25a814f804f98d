import { describe, expect, it } from "vitest";
import { GwpcError } from "../../src/diag/index.js";
import { FAMILIES, personaGrants, personasConstraint, type Family, type PersonaGrant } from "../../src/policy/index.js";
import { personas, policy } from "../bundle/models.js";

/** A grant table cell as the seed writes it. */
type Cell = "Yes" | "No" | "In Specified Namespaces";

function cell(grants: PersonaGrant[], persona: string, family: Family): Cell {
  const mine = grants.filter((g) => g.persona === persona && g.families.includes(family));
  if (mine.length === 0) return "No";
  return mine.every((g) => g.namespaces.length > 0) ? "In Specified Namespaces" : "Yes";
}

function table(grants: PersonaGrant[], rows: string[]): Record<string, Cell[]> {
  return Object.fromEntries(rows.map((r) => [r, FAMILIES.map((f) => cell(grants, r, f))]));
}

const subjects = (g: string) => ({ groups: [g], users: [] });

describe("personaGrants: the seed's write-permission tables", () => {
  it("three-tier: Write Permissions for Simple 3 Tier Model", () => {
    const grants = personaGrants(
      personas({
        model: "three-tier",
        infrastructureProviders: subjects("infra"),
        clusterOperators: { ...subjects("ops"), gatewayClassWrite: false },
        applicationDevelopers: [{ ...subjects("devs"), namespaces: [] }],
      }),
    );
    //                               GatewayClass Gateway Route
    expect(table(grants, ["infrastructure-provider", "cluster-operator", "application-developer"])).toEqual({
      "infrastructure-provider": ["Yes", "Yes", "Yes"],
      "cluster-operator": ["No", "Yes", "Yes"],
      "application-developer": ["No", "No", "Yes"],
    });
  });

  it("four-tier: Write Permissions for Advanced 4 Tier Model", () => {
    const grants = personaGrants(
      personas({
        model: "four-tier",
        infrastructureProviders: subjects("infra"),
        clusterOperators: { ...subjects("ops"), gatewayClassWrite: false },
        applicationAdmins: [{ ...subjects("admins"), namespaces: ["team-a"] }],
        applicationDevelopers: [{ ...subjects("devs"), namespaces: ["team-a"] }],
      }),
    );
    expect(table(grants, ["infrastructure-provider", "cluster-operator", "application-admin", "application-developer"])).toEqual({
      "infrastructure-provider": ["Yes", "Yes", "Yes"],
      "cluster-operator": ["No", "Yes", "Yes"],
      "application-admin": ["No", "In Specified Namespaces", "In Specified Namespaces"],
      "application-developer": ["No", "No", "In Specified Namespaces"],
    });
  });

  it("four-tier: the cluster operators' GatewayClass \"Sometimes\" is gatewayClassWrite", () => {
    const grants = personaGrants(personas({ clusterOperators: { ...subjects("ops"), gatewayClassWrite: true } }));
    expect(table(grants, ["cluster-operator"])["cluster-operator"]).toEqual(["Yes", "Yes", "Yes"]);
  });

  it("three-tier: gatewayClassWrite is honoured as an explicit deviation from the table's No", () => {
    const grants = personaGrants(personas({ model: "three-tier", clusterOperators: { ...subjects("ops"), gatewayClassWrite: true } }));
    expect(grants[0]!.families).toEqual(["GatewayClass", "Gateway", "Route"]);
  });

  it("three-tier: developers with namespaces are limited to them, without are cluster-wide", () => {
    const grants = personaGrants(
      personas({
        model: "three-tier",
        applicationDevelopers: [
          { ...subjects("devs"), namespaces: [] },
          { groups: ["contractors"], users: ["bob"], namespaces: ["sandbox", "demo"] },
        ],
      }),
    );
    expect(grants).toEqual([
      { persona: "application-developer", groups: ["devs"], users: [], families: ["Route"], namespaces: [] },
      { persona: "application-developer", groups: ["contractors"], users: ["bob"], families: ["Route"], namespaces: ["demo", "sandbox"] },
    ]);
  });

  it("drops personas without subjects and sorts and dedupes subjects and namespaces", () => {
    const grants = personaGrants(
      personas({
        infrastructureProviders: { groups: ["b", "a", "b"], users: ["z", "y"] },
        applicationAdmins: [{ groups: ["x"], users: [], namespaces: ["n2", "n1", "n2"] }],
      }),
    );
    expect(grants).toEqual([
      { persona: "infrastructure-provider", groups: ["a", "b"], users: ["y", "z"], families: ["GatewayClass", "Gateway", "Route"], namespaces: [] },
      { persona: "application-admin", groups: ["x"], users: [], families: ["Gateway", "Route"], namespaces: ["n1", "n2"] },
    ]);
  });

  it("rejects what the tables do not allow, naming the path", () => {
    const cases: [string, Parameters<typeof personas>[0], string][] = [
      ["admins in three-tier", { model: "three-tier", applicationAdmins: [{ ...subjects("a"), namespaces: ["n"] }] }, "spec.personas.applicationAdmins"],
      ["four-tier admins without namespaces", { applicationAdmins: [{ ...subjects("a"), namespaces: [] }] }, "spec.personas.applicationAdmins[0].namespaces"],
      [
        "four-tier developers without namespaces",
        { applicationDevelopers: [{ ...subjects("d"), namespaces: ["n"] }, { ...subjects("e"), namespaces: [] }] },
        "spec.personas.applicationDevelopers[1].namespaces",
      ],
    ];
    for (const [note, p, path] of cases) {
      let caught: unknown;
      try {
        personaGrants(personas(p));
      } catch (e) {
        caught = e;
      }
      expect(caught, note).toBeInstanceOf(GwpcError);
      expect((caught as GwpcError).exitCode, note).toBe(2);
      expect((caught as GwpcError).diagnostics.map((d) => d.path), note).toEqual([path]);
    }
  });
});

describe("personasConstraint", () => {
  it("carries the grants (without persona names) and the exempt groups", () => {
    const c = personasConstraint(
      policy("p", {
        personas: personas({
          infrastructureProviders: subjects("infra"),
          applicationDevelopers: [{ ...subjects("devs"), namespaces: ["team-a"] }],
          enforceWithAdmission: true,
        }),
      }),
    );
    expect(c?.parameters).toEqual({
      exemptGroups: ["system:masters"],
      grants: [
        { groups: ["infra"], users: [], families: ["GatewayClass", "Gateway", "Route"], namespaces: [] },
        { groups: ["devs"], users: [], families: ["Route"], namespaces: ["team-a"] },
      ],
    });
  });
});
