import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parsePolicy } from "../../src/config/index.js";

/** parsePolicy is total: whatever it is given, it returns diagnostics or a policy, never throws. */
const HEAD = "apiVersion: gwpc.dev/v1alpha1\nkind: GatewayPolicy\nmetadata: {name: acme}\n";

function total(text: string | Uint8Array): void {
  const r = parsePolicy("p.yaml", text);
  expect(Array.isArray(r.diagnostics)).toBe(true);
  expect(r.policy !== undefined || r.diagnostics.some((d) => d.severity === "error")).toBe(true);
  for (const d of r.diagnostics) {
    expect(d.location?.file).toBe("p.yaml");
    expect(d.code).not.toBe("gwpc_internal");
  }
}

/** YAML-ish text: the characters that steer the parser, so inputs get past the first byte. */
const yamlish = fc
  .array(fc.constantFrom("a", "b", ":", " ", "  ", "\n", "- ", "[", "]", "{", "}", ",", "'", '"', "&x ", "*x", "#", "!", "|", ">", "---", "~", "1", "true", "*", "?"), {
    maxLength: 60,
  })
  .map((parts) => parts.join(""));

describe("parsePolicy never throws", () => {
  it("on arbitrary strings", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 200 }), total), { numRuns: 300 });
  });

  it("on arbitrary bytes", () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), total), { numRuns: 300 });
  });

  it("on YAML-ish text", () => {
    fc.assert(fc.property(yamlish, total), { numRuns: 500 });
  });

  it("on arbitrary spec documents", () => {
    const spec = fc.jsonValue({ maxDepth: 4 }).map((v) => HEAD + "spec: " + JSON.stringify(v) + "\n");
    fc.assert(fc.property(spec, total), { numRuns: 300 });
  });
});
