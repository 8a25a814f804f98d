// regex.match: RE2 syntax on a Pike VM; differential check against JS RegExp
// on the syntax subset where RE2 and ECMAScript agree.

import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { callRego, loadRuntime, RuntimeAbort } from "./harness.js";

const rt = loadRuntime();
const call = (name: string, ...args: string[]) => callRego(rt, name, ...args);

describe("regex.match", () => {
  const re = (p: string, s: string) => call("regex.match", JSON.stringify(p), JSON.stringify(s));
  it.each([
    ["^[a-z]+$", "abc", "true"],
    ["^[a-z]+$", "ab1", "false"],
    ["a.c", "xxabcxx", "true"],
    ["^a.c$", "a\nc", "false"],
    ["(?s)^a.c$", "a\nc", "true"],
    ["(?i)HELLO", "say hello", "true"],
    ["(?i)k", "\u212a", "true"],
    ["^(foo|bar)baz$", "barbaz", "true"],
    ["^\\d{2,3}$", "1234", "false"],
    ["^\\d{2,3}$", "123", "true"],
    ["\\bword\\b", "a word here", "true"],
    ["\\bword\\b", "awordhere", "false"],
    ["^$", "", "true"],
    ["", "x", "true"],
    ["^[^abc]+$", "def", "true"],
    ["^[[:alpha:]]+$", "abZ", "true"],
    ["^[[:^digit:]]+$", "ab1", "false"],
    ["(?m)^b$", "a\nb\nc", "true"],
    ["^b$", "a\nb\nc", "false"],
    ["b$", "b\n", "false"],
    ["^.$", "é", "true"],
    ["^[α-ω]+$", "αβγ", "true"],
    ["a{,3}", "a{,3}", "true"],
    ["^(a+)+$", "a".repeat(5000) + "b", "false"],
    ["^(?P<x>a)b$", "ab", "true"],
    ["^(?<x>a)b$", "ab", "true"],
    ["^\\Q.*\\E$", ".*", "true"],
    ["^v[0-9]+(\\.[0-9]+)*$", "v1.2.3", "true"],
    ["^[a-z]+\\[[0-9]+\\]$", "foo[1]", "true"],
    ["\\x41\\x{42}\\101", "ABA", "true"],
    ["a*?b+?c??", "bbc", "true"],
    ["^\\s\\S\\w\\W\\d\\D$", " a_!1x", "true"],
  ])("%j matches %j: %s", (p, s, want) => {
    expect(re(p, s)).toBe(want);
  });

  it.each(["(?=a)", "(?!a)", "(?<=a)b", "(?<!a)b", "(a)\\1", "\\8", "a(b", "a)b", "[a", "a**", "*a", "x{1001}", "[z-a]", "\\Z", "(?x)a", "\\"])(
    "RE2 rejects %j: undefined, as OPA's non-strict builtin error",
    (p) => {
      expect(re(p, "a")).toBeUndefined();
    },
  );

  it.each(["\\pL", "\\p{Greek}", "[\\PL]", "(?i)é", "(?i)[à-ÿ]"])("aborts on %j (RE2 accepts it, we cannot match it exactly)", (p) => {
    expect(() => re(p, "a")).toThrow(RuntimeAbort);
    expect(() => re(p, "a")).toThrow(/regex\.match: .*not supported/);
  });
});

describe("regex.match against JS RegExp (common syntax subset)", () => {
  const atom = fc.constantFrom("a", "b", "c", ".", "[ab]", "[^a]", "[a-c]", "\\d", "\\w", "\\s", "\\n", " ", "x");
  const anchor = fc.constantFrom("^", "$", "\\b", "\\B");
  const { re } = fc.letrec((tie) => ({
    re: fc.oneof({ depthSize: "small", withCrossShrink: true }, atom, anchor, tie("cat"), tie("alt"), tie("rep"), tie("group")),
    cat: fc.tuple(tie("re"), tie("re")).map(([a, b]) => `${a}${b}`),
    alt: fc.tuple(tie("re"), tie("re")).map(([a, b]) => `${a}|${b}`),
    group: fc.tuple(fc.constantFrom("(", "(?:"), tie("re")).map(([g, r]) => `${g}${r})`),
    rep: fc.tuple(fc.oneof(atom, tie("group")), fc.constantFrom("*", "+", "?", "{2}", "{1,2}", "{0,}", "*?", "+?")).map(([a, q]) => `${a}${q}`),
  }));
  const input = fc.string({ unit: fc.constantFrom("a", "b", "c", "x", " ", "\n", "1", "_"), maxLength: 8 });

  it("agrees with RegExp on whether a match exists", () => {
    fc.assert(
      fc.property(re as fc.Arbitrary<string>, input, (pattern, s) => {
        const want = String(new RegExp(pattern, "u").test(s));
        expect(call("regex.match", JSON.stringify(pattern), JSON.stringify(s))).toBe(want);
      }),
      { numRuns: 3000, seed: 11 },
    );
  });
});
