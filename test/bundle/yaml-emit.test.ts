import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { literalBlock, normalizeBlockText, yamlBlock, yamlScalar } from "../../src/bundle/yaml-emit.js";
import type { JsonValue } from "../../src/policy/index.js";

const json: fc.Arbitrary<JsonValue> = fc.letrec<{ v: JsonValue }>((tie) => ({
  v: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.string({ unit: "binary" }),
    fc.constantFrom("yes", "No", "on", "OFF", "null", "~", "true", "1.5", "0x10", "-", "- a", "a: b", "#x", "*", "team-*-ingress", "'", '"', "\\", " a", "a ", ""),
    fc.boolean(),
    fc.integer(),
    fc.constant(null),
    fc.array(tie("v"), { maxLength: 4 }),
    fc.dictionary(fc.string({ unit: "binary" }), tie("v"), { maxKeys: 4 }),
  ),
})).v;

describe("yamlScalar", () => {
  const table: [string, string][] = [
    ["Gateway", "Gateway"],
    ["kubernetes.io/metadata.name", "kubernetes.io/metadata.name"],
    ["team-a", "team-a"],
    ["yes", '"yes"'],
    ["Null", '"Null"'],
    ["1.5", '"1.5"'],
    ["*", '"*"'],
    ["system:masters", '"system:masters"'],
    ["", '""'],
    ['"[[{"groups":[""]}]]"', `'"[[{"groups":[""]}]]"'`],
    ["it's \"x\"", `'it''s "x"'`],
    ["line\nbreak", '"line\\nbreak"'],
  ];
  it.each(table)("%j -> %s", (input, want) => {
    expect(yamlScalar(input)).toBe(want);
    expect(parse(`k: ${yamlScalar(input)}`)).toEqual({ k: input });
  });

  it("reads back as the same string for any string", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        expect(parse(`k: ${yamlScalar(s)}`)).toEqual({ k: s });
        expect(parse(`- ${yamlScalar(s)}`)).toEqual([s]);
      }),
      { numRuns: 500 },
    );
  });
});

describe("yamlBlock", () => {
  it("round-trips any JSON object or array, nested under a key", () => {
    fc.assert(
      fc.property(fc.oneof(fc.dictionary(fc.string(), json, { maxKeys: 5 }), fc.array(json, { maxLength: 5 })), fc.integer({ min: 0, max: 8 }), (v, indent) => {
        const text = `root:\n${yamlBlock(v, indent + 2)}\n`;
        expect(parse(text)).toEqual({ root: v });
      }),
      { numRuns: 300 },
    );
  });

  it("sorts keys", () => {
    expect(yamlBlock({ b: 1, a: { d: [], c: {} } }, 0)).toBe("a:\n  c: {}\n  d: []\nb: 1");
  });

  it("writes array items of objects with the first key on the dash line", () => {
    expect(yamlBlock([{ a: "x", b: ["z"] }], 2)).toBe("  - a: x\n    b:\n      - z");
  });
});

describe("literalBlock", () => {
  it("reads back as the normalized text plus a newline", () => {
    const rego = "package p\r\n\r\nimport rego.v1\n  \nviolation contains x if {\n\tx := 1  \n}\n\n\n";
    const body = literalBlock(rego, 4)!;
    expect(parse(`a:\n  b: |\n${body}\n`)).toEqual({ a: { b: normalizeBlockText(rego) + "\n" } });
    expect(normalizeBlockText(rego)).toBe("package p\n\nimport rego.v1\n\nviolation contains x if {\n\tx := 1  \n}");
  });

  it("refuses a first line that starts with whitespace", () => {
    expect(literalBlock("  package p\n", 4)).toBeUndefined();
    expect(literalBlock("\n\npackage p\n", 4)).toBe("    package p");
  });

  it("round-trips any text whose first line does not start with whitespace", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme-ascii" }), fc.string({ unit: "binary-ascii" }), (head, rest) => {
        const text = `p${head}\n${rest}`;
        const body = literalBlock(text, 6);
        fc.pre(body !== undefined && !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text));
        expect(parse(`k: |\n${body}\n`)).toEqual({ k: normalizeBlockText(text) + "\n" });
      }),
      { numRuns: 300 },
    );
  });
});
