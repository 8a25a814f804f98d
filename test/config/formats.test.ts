import { describe, expect, it } from "vitest";
import { FORMATS, unsupportedGlobChar } from "../../src/config/formats.js";

const table: { format: string; good: string[]; bad: string[] }[] = [
  {
    format: "gwpc-dns-label",
    good: ["acme", "a", "a-1", "1a", "x".repeat(63)],
    bad: ["", "Acme", "-a", "a-", "a_b", "a.b", "x".repeat(64), "a*"],
  },
  {
    format: "gwpc-namespace",
    good: ["team-a", "kube-system"],
    bad: ["team-*", "Team", ""],
  },
  {
    format: "gwpc-namespace-glob",
    good: ["*", "edge", "team-*-ingress", "*-prod", "backend-*", "a**b"],
    bad: ["", "team-?", "team-[ab]", "{a,b}", "a\\*", "Team-*", "team_*", "-*", `${"x".repeat(63)}*`],
  },
  {
    format: "gwpc-exempt-namespace",
    good: ["kube-system", "kube-*", "*-system", "*gate*", "*"],
    bad: ["kube*system", "a*b*", "kube-?", ""],
  },
  {
    format: "gwpc-class-glob",
    good: ["public", "public-*", "*", "gateway.example.com", "internal-*.example.com"],
    bad: ["Public", "public_x", "public-?", "public-[ab]", "", ".x"],
  },
  {
    format: "gwpc-label-key",
    good: ["env", "kubernetes.io/metadata.name", "gateway.acme.io/public", "A_b.c-D", "x".repeat(63), `${"a".repeat(253)}/n`],
    bad: ["", "-env", "env-", "a/b/c", "/name", "Acme.io/x", "a b", "x".repeat(64), `${"a".repeat(254)}/n`, "ok.io/"],
  },
  {
    format: "gwpc-label-value",
    good: ["", "true", "v1.2_3-x", "X".repeat(63)],
    bad: ["-x", "x-", "a b", "a/b", "X".repeat(64)],
  },
  {
    format: "gwpc-kind",
    good: ["HTTPRoute", "Service", "Secret", "Gateway", "my-kind"],
    bad: ["", "1Route", "HTTP Route", "*", "Route-"],
  },
  {
    format: "gwpc-subject",
    good: ["infra", "system:masters", "oidc:alice@example.com", "Team A"],
    bad: ["", " infra", "infra ", "team-*", "a\tb", "x".repeat(254)],
  },
];

describe("formats", () => {
  for (const { format, good, bad } of table) {
    const f = FORMATS[format]!;
    it.each(good)(`${format} accepts %j`, (s) => expect(f.validate(s)).toBe(true));
    it.each(bad)(`${format} rejects %j`, (s) => expect(f.validate(s)).toBe(false));
  }

  it("every format in the schema is in the table", () => {
    expect(Object.keys(FORMATS).sort()).toEqual(table.map((t) => t.format).sort());
  });

  it.each([
    { s: "team-?", want: "?" },
    { s: "a[b]", want: "[" },
    { s: "{a,b}", want: "{" },
    { s: "a\\b", want: "\\" },
    { s: "team-*", want: undefined },
  ])("unsupportedGlobChar($s)", ({ s, want }) => expect(unsupportedGlobChar(s)).toBe(want));
});
