import { describe, expect, it } from "vitest";
import { lex } from "../../../src/rego/syntax/index.js";

/** `kind:text` per token, eof left out; illegal tokens show their message. */
function kinds(src: string): string[] {
  return lex(src)
    .tokens.filter((t) => t.kind !== "eof")
    .map((t) => (t.kind === "illegal" ? `illegal(${t.error})` : t.kind === t.text ? t.kind : `${t.kind}:${t.text}`));
}

describe("lex: token kinds", () => {
  it.each([
    { note: "identifiers and keywords are idents", input: "p _x1 if contains not", want: ["ident:p", "ident:_x1", "ident:if", "ident:contains", "ident:not"] },
    { note: "integers keep their text", input: "0 42 1152921504606846976000", want: ["number:0", "number:42", "number:1152921504606846976000"] },
    { note: "decimals and exponents", input: "1.5 2e10 3.25E-7 4e+2", want: ["number:1.5", "number:2e10", "number:3.25E-7", "number:4e+2"] },
    { note: "leading dot is a dot then a number", input: ".5", want: [".", "number:5"] },
    { note: "minus is its own token", input: "-1", want: ["-", "number:1"] },
    { note: "two-char operators", input: ":= == != <= >=", want: [":=", "==", "!=", "<=", ">="] },
    { note: "one-char operators", input: "= < > + - * / % & | . , ; : [ ] { } ( )", want: ["=", "<", ">", "+", "-", "*", "/", "%", "&", "|", ".", ",", ";", ":", "[", "]", "{", "}", "(", ")"] },
    { note: "no space needed", input: "x:=a.b[0]", want: ["ident:x", ":=", "ident:a", ".", "ident:b", "[", "number:0", "]"] },
    { note: "comments are skipped", input: "a # b c\nd", want: ["ident:a", "ident:d"] },
    { note: "strings", input: '"a" `b`', want: ['string:"a"', "string:`b`"] },
    { note: "bad fraction", input: "1.", want: ["illegal(expected fraction)"] },
    { note: "bad exponent", input: "1e", want: ["illegal(expected exponent)"] },
    { note: "letters after digits", input: "0a2b", want: ["illegal(illegal number format)"] },
    { note: "unterminated string", input: '"abc', want: ["illegal(non-terminated string)"] },
    { note: "newline ends a string", input: '"ab\nc"', want: ["illegal(non-terminated string)", "ident:c", "illegal(non-terminated string)"] },
    { note: "unterminated raw string", input: "`abc", want: ["illegal(non-terminated raw string)"] },
    { note: "bad escape", input: '"\\q"', want: ["illegal(illegal escape sequence)"] },
    { note: "unknown character", input: "a ~ b", want: ["ident:a", "illegal(illegal token)", "ident:b"] },
    { note: "non-ASCII outside strings", input: "é", want: ["illegal(illegal token)"] },
  ])("$note", ({ input, want }) => {
    expect(kinds(input)).toEqual(want);
  });
});

describe("lex: string values", () => {
  it.each([
    { input: '"plain"', want: "plain" },
    { input: '"q\\"b\\\\s\\/"', want: 'q"b\\s/' },
    { input: '"\\b\\f\\n\\r\\t"', want: "\b\f\n\r\t" },
    { input: '"\\u00e9\\u4e2d"', want: "é中" },
    { input: '"\\ud83d\\ude00"', want: "😀" },
    { input: '"\\ud83d"', want: "\ufffd" },
    { input: '"é😀"', want: "é😀" },
    { input: "`raw \\n \"q\"\nline`", want: 'raw \\n "q"\nline' },
    { input: '"tab\there"', want: "tab\there" },
  ])("$input", ({ input, want }) => {
    const toks = lex(input).tokens;
    expect(toks[0]!.kind).toBe("string");
    expect(toks[0]!.value).toBe(want);
  });

  it("refuses a raw control character next to an escape, as Go's JSON decoder does", () => {
    expect(lex('"a\t\\n"').tokens[0]!.error).toMatch(/^illegal string literal/);
  });
});

describe("lex: offsets and separators", () => {
  it("records offsets, whitespace and newlines before each token", () => {
    const { tokens, comments } = lex("a.b  c # note\n  d");
    expect(tokens.map((t) => [t.text, t.start, t.end, t.ws, t.nl])).toEqual([
      ["a", 0, 1, false, false],
      [".", 1, 2, false, false],
      ["b", 2, 3, false, false],
      ["c", 5, 6, true, false],
      ["d", 16, 17, true, true],
      ["", 17, 17, false, false],
    ]);
    expect(comments).toEqual([{ start: 7, end: 13, text: " note" }]);
  });

  it("a comment alone still counts as a separator", () => {
    const { tokens } = lex("a#x\nb");
    expect(tokens[1]!.nl).toBe(true);
  });
});
