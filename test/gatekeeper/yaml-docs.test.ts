import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseYamlDocuments } from "../../src/gatekeeper/index.js";
import { relaxQuotedContinuations } from "../../src/gatekeeper/yaml-docs.js";

describe("parseYamlDocuments", () => {
  it("reads YAML 1.2: yes, no, on and off stay strings", () => {
    const { docs } = parseYamlDocuments("a: yes\nb: no\nc: on\nd: true\ne: 010\n", "f.yaml");
    expect(docs[0]!.value).toEqual({ a: "yes", b: "no", c: "on", d: true, e: 10 });
  });
  it("skips empty documents but keeps their index", () => {
    const { docs } = parseYamlDocuments("# c\n---\n---\na: 1\n", "f.yaml");
    expect(docs.map((d) => [d.index, d.line])).toEqual([[2, 4]]); // the comment belongs to the first, empty document
  });
  it("accepts a quoted scalar continued at the key's indentation, as Go's YAML does", () => {
    const text = 'spec:\n  description: "When set to `true` the TLS {} is optional, defaults\n  to false."\n  type: boolean\n';
    const { docs, diagnostics } = parseYamlDocuments(text, "f.yaml");
    expect(diagnostics).toEqual([]);
    expect(docs[0]!.value).toEqual({ spec: { description: "When set to `true` the TLS {} is optional, defaults to false.", type: "boolean" } });
    expect(relaxQuotedContinuations(text).split("\n")).toHaveLength(text.split("\n").length);
  });
  it("still reports YAML that is malformed either way, naming the document and line", () => {
    const { diagnostics } = parseYamlDocuments("a: 1\n---\nb: [1, 2\nc: 3\n", "f.yaml");
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.message).toMatch(/^malformed YAML in document 2: /);
    expect(diagnostics[0]!.location!.file).toBe("f.yaml");
  });
  it("refuses binary text", () => {
    expect(parseYamlDocuments("a\u0000b", "bin.yaml").diagnostics[0]!.message).toMatch(/NUL bytes/);
  });

  it("gives the same documents and diagnostics without keeping node trees (keepDocs: false)", () => {
    const strip = (r: ReturnType<typeof parseYamlDocuments>) => ({ docs: r.docs.map(({ value, index, line }) => ({ value, index, line })), diagnostics: r.diagnostics });
    const table = [
      "a: 1\n",
      "# c\n---\n---\na: 1\n",
      "a: 1\n---\nb: [1, 2\nc: 3\n---\nd: 4\n",
      "a: 1\n---\nspec:\n  description: \"x\n  y\"\n",
      "x: &a [1]\ny: *a\n---\n- 1\n- 2\n",
      "---\n...\n---\nkind: List\nitems: []\n",
      "%YAML 1.2\n---\na: 1\n",
      "a: 1\n---\na: 1\na: 2\n",
      "",
      "key: \"unterminated\n",
    ];
    for (const text of table) expect(strip(parseYamlDocuments(text, "f.yaml", { keepDocs: false }))).toEqual(strip(parseYamlDocuments(text, "f.yaml")));
    expect(parseYamlDocuments("a: 1\n", "f.yaml", { keepDocs: false }).docs[0]!.doc).toBeUndefined();
    const piece = fc.constantFrom("a: 1", "b: [1, 2", "- x", "c: \"q", "  d: 2", "---", "...", "# c", "e: {f: 1}", "g: |", "  text", "h: *x", "i: &x 1", "");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (lines) => {
        const text = lines.join("\n") + "\n";
        expect(strip(parseYamlDocuments(text, "f.yaml", { keepDocs: false }))).toEqual(strip(parseYamlDocuments(text, "f.yaml")));
      }),
      { numRuns: 400 },
    );
  });
});
