import { describe, expect, it } from "vitest";
import { parseQuery, parseTerm } from "../../../src/rego/syntax/index.js";
import { sx, sxBody } from "./sexpr.js";

function term(src: string): string {
  const r = parseTerm(src, { regoVersion: "v1" });
  expect(r.diagnostics).toEqual([]);
  return sx(r.term!);
}

function query(src: string, regoVersion: "v0" | "v1" = "v1"): string {
  const r = parseQuery(src, { regoVersion });
  expect(r.diagnostics).toEqual([]);
  return sxBody(r.body!);
}

describe("terms", () => {
  it.each([
    { note: "null and booleans", input: "[null, true, false]", want: "[null true false]" },
    { note: "big integer kept exactly", input: "1152921504606846976000", want: "1152921504606846976000" },
    { note: "decimal and exponent kept as written", input: "[1.50, 1e3, 2.5E-3]", want: "[1.50 1e3 2.5E-3]" },
    { note: "negative number", input: "-1", want: "-1" },
    { note: "negative decimal with leading dot", input: "-.5", want: "-.5" },
    { note: "string escapes", input: '"a\\tb\\u00e9"', want: '"a\\tbé"' },
    { note: "raw string", input: "`a\\d+`", want: '"a\\\\d+"' },
    { note: "var", input: "x", want: "x" },
    { note: "input alone is a ref", input: "input", want: "input!" },
    { note: "data alone is a ref", input: "data", want: "data!" },
    { note: "dotted ref", input: "input.review.object", want: "input.review.object" },
    { note: "bracket parts", input: 'x[0]["a b"][y]', want: 'x[0]["a b"][y]' },
    { note: "keywords after a dot", input: "input.in.if.contains", want: "input.in.if.contains" },
    { note: "wildcard stays _", input: "x[_]", want: "x[_]" },
    { note: "empty array, object, set", input: "[[], {}, set()]", want: "[[] {} #{}]" },
    { note: "set", input: "{1, 2}", want: "#{1 2}" },
    { note: "object", input: '{"a": 1, b: [2]}', want: '{"a": 1, b: [2]}' },
    { note: "trailing commas", input: "[1, 2,]", want: "[1 2]" },
    { note: "call", input: "count(x)", want: "(count x)" },
    { note: "dotted call", input: 'object.get(o, "k", null)', want: '(object.get o "k" null)' },
    { note: "strings.any_prefix_match", input: "strings.any_prefix_match(s, ps)", want: "(strings.any_prefix_match s ps)" },
    { note: "call on data", input: "data.lib.f(1)", want: "(data.lib.f 1)" },
    { note: "ref over a call", input: "f(x).y[0]", want: "{(f x)}.y[0]" },
    { note: "ref over an array", input: "[1, 2][i]", want: "{[1 2]}[i]" },
    { note: "set() with args is a call", input: "set(x)", want: "(set x)" },
    { note: "array comprehension", input: "[x | x := y[_]]", want: "[x | (:= x y[_])]" },
    { note: "set comprehension", input: "{x | some x in y}", want: "#{x | (some-in x y)}" },
    { note: "object comprehension", input: "{k: v | v := o[k]}", want: "{k: v | (:= v o[k])}" },
    { note: "comprehension body on lines", input: "[x |\n x := 1\n x > 0\n]", want: "[x | (:= x 1); (gt x 0)]" },
    { note: "union in a set is a comprehension", input: "{a | b}", want: "#{a | b}" },
    { note: "parenthesised union in a set", input: "{(a | b)}", want: "#{(or a b)}" },
    { note: "union after the first item", input: "{x, a | b}", want: "#{x (or a b)}" },
    { note: "expression as first set item", input: "{a + 1, b}", want: "#{(plus a 1) b}" },
    { note: "expression as object key", input: "{a + 1: b}", want: "{(plus a 1): b}" },
    { note: "object comprehension with expression key", input: "{a + 1: b | b := 1}", want: "{(plus a 1): b | (:= b 1)}" },
    { note: "object value union is a comprehension", input: "{a: b | c}", want: "{a: b | c}" },
  ])("$note: $input", ({ input, want }) => {
    expect(term(input)).toBe(want);
  });
});

describe("operators", () => {
  it.each([
    { input: "1 + 2 * 3", want: "(plus 1 (mul 2 3))" },
    { input: "1 * 2 + 3", want: "(plus (mul 1 2) 3)" },
    { input: "a - b - c", want: "(minus (minus a b) c)" },
    { input: "a / b % c", want: "(rem (div a b) c)" },
    { input: "(a + b) * c", want: "(mul (plus a b) c)" },
    { input: "x - 1", want: "(minus x 1)" },
    { input: "x-1", want: "(minus x 1)" },
    { input: "x - -1", want: "(minus x -1)" },
    { input: "a | b & c", want: "(or a (and b c))" },
    { input: "a & b | c", want: "(or (and a b) c)" },
    { input: "a - b | c", want: "(or (minus a b) c)" },
    { input: "a & b - c", want: "(and a (minus b c))" },
    { input: "a + b == c | d", want: "(equal (plus a b) (or c d))" },
    { input: "a < b", want: "(lt a b)" },
    { input: "a <= b", want: "(lte a b)" },
    { input: "a > b", want: "(gt a b)" },
    { input: "a >= b", want: "(gte a b)" },
    { input: "a != b", want: "(neq a b)" },
    { input: "a == b == c", want: "(equal (equal a b) c)" },
    { input: "x in xs", want: "(internal.member_2 x xs)" },
    { input: "x + 1 in xs", want: "(internal.member_2 (plus x 1) xs)" },
    { input: "x in xs == true", want: "(internal.member_2 x (equal xs true))" },
    { input: "k, v in xs", want: "(internal.member_3 k v xs)" },
    { input: "x in xs in ys", want: "(internal.member_2 (internal.member_2 x xs) ys)" },
    { input: "x = y", want: "(= x y)" },
    { input: "x := y + 1", want: "(:= x (plus y 1))" },
    { input: "[a, b] = [1, 2]", want: "(= [a b] [1 2])" },
    { input: "f(k, v in xs)", want: "(f k (internal.member_2 v xs))" },
  ])("$input", ({ input, want }) => {
    expect(query(input)).toBe(want);
  });
});

describe("literals", () => {
  it.each([
    { note: "negation", input: "not x.y", want: "(not x.y)" },
    { note: "not as a ref head", input: "not.x", want: "not.x" },
    { note: "some vars", input: "some x, y", want: "(some x y)" },
    { note: "some in", input: "some x in xs", want: "(some-in x xs)" },
    { note: "some key, value in", input: "some k, v in xs", want: "(some-in k v xs)" },
    { note: "every", input: "every x in xs { x > 0 }", want: "(every x xs {(gt x 0)})" },
    { note: "every key, value", input: "every k, v in o { k != v; v }", want: "(every k v o {(neq k v); v})" },
    { note: "with modifiers", input: "p with input as {} with data.x as 1", want: "p with input! as {} with data.x as 1" },
    { note: "with on a negation", input: "not p with input.a as 1", want: "(not p) with input.a as 1" },
    { note: "with a function mock", input: "f(1) with count as g", want: "(f 1) with count as g" },
    { note: "semicolons", input: "x := 1; y := 2", want: "(:= x 1); (:= y 2)" },
    { note: "newlines", input: "x := 1\ny := 2", want: "(:= x 1); (:= y 2)" },
    { note: "conformance query", input: "data.test.p = x", want: "(= data.test.p x)" },
  ])("$note: $input", ({ input, want }) => {
    expect(query(input)).toBe(want);
  });

  it("v0 has no `in`, `every`, `if` keywords", () => {
    expect(query("every := 1; if := 2", "v0")).toBe("(:= every 1); (:= if 2)");
    expect(parseQuery("x in xs", { regoVersion: "v0" }).diagnostics.length).toBeGreaterThan(0);
  });

  it("`contains` stays callable in v1", () => {
    expect(query('contains(s, "a")')).toBe('(contains s "a")');
  });
});

describe("locations", () => {
  it("every node's loc covers its source text", () => {
    const src = 'x := object.get(input.a, ["b", 1], {c | c := 2}) + 3';
    const r = parseQuery(src, { regoVersion: "v1" });
    const e = r.body![0]!;
    if (e.kind !== "assign") throw new Error("want assign");
    const text = (l: { start: number; end: number }): string => src.slice(l.start, l.end);
    expect(text(e.loc)).toBe(src);
    expect(text(e.lhs.loc)).toBe("x");
    expect(text(e.rhs.loc)).toBe('object.get(input.a, ["b", 1], {c | c := 2}) + 3');
    const plus = e.rhs;
    if (plus.type !== "call") throw new Error("want call");
    expect(text(plus.fn.loc)).toBe("+");
    const get = plus.args[0]!;
    if (get.type !== "call") throw new Error("want call");
    expect(text(get.fn.loc)).toBe("object.get");
    expect(get.args.map((a) => text(a.loc))).toEqual(["input.a", '["b", 1]', "{c | c := 2}"]);
  });
});
