// opa_json_parse / opa_json_dump: exact round trips, OPA's output form.

import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { loadRuntime, regoValue } from "./harness.js";

const rt = loadRuntime();

function roundTrip(text: string): string {
  const v = rt.parse(text);
  if (v === 0) throw new Error(`parse failed: ${text}`);
  return rt.dump(v);
}

/** Object keys in the order OPA keeps them: bytewise UTF-8 (= code point order). */
function keysSorted(value: unknown): boolean {
  if (Array.isArray(value)) return value.every(keysSorted);
  if (value && typeof value === "object") {
    const keys = Object.keys(value);
    const bytes = keys.map((k) => Buffer.from(k, "utf8"));
    for (let i = 1; i < bytes.length; i++) if (Buffer.compare(bytes[i - 1], bytes[i]) >= 0) return false;
    return Object.values(value).every(keysSorted);
  }
  return true;
}

describe("json round trip", () => {
  it("any JSON value survives parse -> dump (as JSON.parse/JSON.stringify, keys sorted)", () => {
    const json = fc.jsonValue({ maxDepth: 4, stringUnit: "grapheme" } as never);
    fc.assert(
      fc.property(json, (v) => {
        const text = JSON.stringify(v);
        const out = roundTrip(text);
        const back = JSON.parse(out);
        expect(back).toEqual(JSON.parse(text));
        expect(keysSorted(back)).toBe(true);
      }),
      { numRuns: 1000, seed: 42 },
    );
  });

  it("big integers keep every digit", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 60n), max: 10n ** 60n }), (n) => {
        expect(roundTrip(n.toString())).toBe(n.toString());
        expect(roundTrip(`[${n}]`)).toBe(`[${n}]`);
      }),
      { numRuns: 500, seed: 7 },
    );
    expect(roundTrip("1152921504606846976000")).toBe("1152921504606846976000");
    expect(roundTrip("-9223372036854775809")).toBe("-9223372036854775809");
    expect(roundTrip("9223372036854775807")).toBe("9223372036854775807");
  });

  it.each([
    ['{"b":1,"a":2}', '{"a":2,"b":1}'],
    ['{"a":1,"a":2}', '{"a":2}'],
    ['[1.0, 1e3, -0.5, 2E-3]', "[1.0,1e3,-0.5,2E-3]"],
    ['"\\u00e9\\ud83d\\ude00\\n\\t\\"\\\\\\/"', '"é😀\\n\\t\\"\\\\/"'],
    ['"\\u0001\\u001f"', '"\\u0001\\u001f"'],
    ['"\\ud800"', '"\uFFFD"'],
    [" [ true , false , null ] ", "[true,false,null]"],
    ['{"z":{"y":[{}],"x":[]}}', '{"z":{"x":[],"y":[{}]}}'],
    ['"<&>"', '"<&>"'],
  ])("%s dumps as %s", (input, want) => {
    expect(roundTrip(input)).toBe(want);
  });

  it.each(["", "[1,", "{", '{"a"}', '{"a":}', "01", "1.", ".5", "-", "+1", "tru", "nul", '"abc', '"\\x"', "[1]x", '"\u0001"', "NaN", "1e", "[,]"])(
    "rejects malformed %j",
    (input) => {
      expect(rt.parse(input)).toBe(0);
    },
  );

  it("dumps sets as sorted arrays and non-string keys as their JSON text", () => {
    const ex = rt.exports;
    const s = ex.opa_set();
    ex.opa_set_add(s, rt.parse('"b"'));
    ex.opa_set_add(s, rt.parse("1"));
    ex.opa_set_add(s, rt.parse('"a"'));
    ex.opa_set_add(s, rt.parse("1.0"));
    expect(rt.dump(s)).toBe('[1,"a","b"]');
    expect(rt.regoDump(s)).toBe('{1, "a", "b"}');
    expect(rt.regoDump(ex.opa_set())).toBe("set()");
    const o = ex.opa_object();
    ex.opa_object_insert(o, rt.parse("[1]"), rt.parse("true"));
    ex.opa_object_insert(o, rt.parse("2"), rt.parse("null"));
    expect(rt.dump(o)).toBe('{"2":null,"[1]":true}');
    expect(rt.regoDump(o)).toBe("{2: null, [1]: true}");
  });

  // Non-string object keys become the JSON text of the key, as OPA's ast.JSON
  // (Go's json.Encoder: sets are arrays, HTML characters and U+2028/9 escaped);
  // entries then sorted by those strings (Go's map order), the later key
  // (value order) winning a collision. [Rego literal, exact dump]
  it.each([
    ["{1: 2, {3: 4}: 5}", String.raw`{"1":2,"{\"3\":4}":5}`], // conformance completedoc/object/non-string key
    ['{{1, "a"}: 1}', String.raw`{"[1,\"a\"]":1}`],
    ['{[1, "a"]: 1}', String.raw`{"[1,\"a\"]":1}`],
    ["{set(): 1, []: 2, {}: 3}", '{"[]":1,"{}":3}'], // set() > [] in value order: it wins
    ["{10: 1, 9: 2, 1.5: 3, -1: 4}", '{"-1":4,"1.5":3,"10":1,"9":2}'],
    ["{null: 1, true: 2, false: 3}", '{"false":3,"null":1,"true":2}'],
    ['{1: "num", "1": "str", "0": 0}', '{"0":0,"1":"str"}'],
    ["{{10: 1, 9: {2: 3}}: 0}", String.raw`{"{\"10\":1,\"9\":{\"2\":3}}":0}`],
    [String.raw`{{"<a&b>": "\u2028\n"}: 1}`, String.raw`{"{\"\\u003ca\\u0026b\\u003e\":\"\\u2028\\n\"}":1}`],
    ['{"<": {1: "<"}}', '{"<":{"1":"<"}}'],
    ['[{2: 1}, {"x": {[1]: 2}}]', '[{"2":1},{"x":{"[1]":2}}]'],
  ])("object %s dumps as %s", (rego, want) => {
    const v = regoValue(rt, rego);
    const before = rt.regoDump(v);
    expect(rt.dump(v)).toBe(want);
    expect(rt.dump(v)).toBe(want); // deterministic
    expect(rt.regoDump(v)).toBe(before); // the value itself is untouched
  });

  it("floats made at run time print as Go/OPA does", () => {
    const f = (x: number) => rt.dump(rt.exports.opa_number_float(x));
    expect(f(0.1 + 0.2)).toBe("0.30000000000000004");
    expect(f(2.5)).toBe("2.5");
    expect(f(4)).toBe("4");
    expect(f(1e21)).toBe("1000000000000000000000");
    expect(f(1234567.5)).toBe("1.2345675e+06");
    expect(f(2.5e-7)).toBe("2.5e-07");
    expect(f(5e-324)).toBe("5e-324");
    // same value, and the same (shortest) digits as JavaScript's Number#toString
    const digits = (t: string) => t.replace(/^-/, "").replace(/e.*$/i, "").replace(".", "").replace(/^0+/, "").replace(/0+$/, "");
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const out = f(x);
        expect(JSON.parse(out)).toBe(x === 0 ? 0 : x);
        expect(digits(out)).toBe(digits(String(x)));
      }),
      { numRuns: 5000, seed: 3 },
    );
  });
});

// The parser's fast paths: objects kept sorted while keys arrive (in-place
// insertion up to 32 entries, one sort beyond), word-at-a-time key compare,
// 8-byte string scanning, direct small-integer values.
describe("json parse fast paths", () => {
  const utf8Order = (a: string, b: string) => Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
  /** Lone surrogates as U+FFFD (String#toWellFormed). */
  const wellFormed = (s: string) => s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");

  it("objects: any key order, duplicate keys (the last wins), keys sharing long prefixes", () => {
    const key = fc.oneof(
      fc.constantFrom("", "a", "ab", "abcdefg", "abcdefgh", "abcdefghi", "abcdefgh0", "abcdefgi", "é", "\u00ff", "z\u0000"),
      fc.constantFrom("app.kubernetes.io/", "app.kubernetes.io/name", "app.kubernetes.io/part-of", "app.kubernetes.io/nam"),
      fc.string({ maxLength: 12 }),
    );
    // up to 80 entries: beyond the 32 kept sorted by insertion
    const entries = fc.array(fc.tuple(key, fc.integer()), { maxLength: 80 });
    fc.assert(
      fc.property(entries, fc.boolean(), (es, sortFirst) => {
        if (sortFirst) es = [...es].sort((x, y) => utf8Order(x[0], y[0]));
        const text = "{" + es.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(",") + "}";
        const last = new Map<string, number>();
        for (const [k, v] of es) last.set(k, v);
        const keys = [...last.keys()].sort(utf8Order);
        const want = "{" + keys.map((k) => `${JSON.stringify(k)}:${last.get(k)}`).join(",") + "}";
        expect(roundTrip(text)).toBe(want);
        // the parsed object is a proper sorted object: lookups find every key
        const o = rt.parse(text);
        for (const k of keys) expect(rt.dump(rt.exports.opa_value_get(o, rt.parse(JSON.stringify(k))))).toBe(String(last.get(k)));
      }),
      { numRuns: 1500, seed: 11 },
    );
  });

  it("strings of length 0..20 with escapes, multi-byte and control bytes at every position", () => {
    const piece = fc.constantFrom(
      "a", "bcdefgh", "01234567", " ", "é", "😀", "\u007f",
      "\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t", "\\u0041", "\\u00e9", "\\u2028", "\\ud83d\\ude00",
      // malformed or replaced: lone surrogates (U+FFFD), bad escapes, raw control bytes, a bare quote
      "\\ud800", "\\udc00", "\\ud800\\u0041", "\\u12", "\\x", "\\", "\u0001", "\u001f", "\t", '"',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), fc.boolean(), (pieces, closed) => {
        const text = '"' + pieces.join("") + (closed ? '"' : "");
        let want: string | undefined;
        try {
          want = wellFormed(JSON.parse(text) as string);
        } catch {
          want = undefined;
        }
        for (const t of [text, `[${text}]`, `{${text}:${text}}`]) {
          const v = rt.parse(t);
          if (want === undefined) expect(v).toBe(0);
          else expect(JSON.parse(rt.dump(v))).toEqual(t[0] === "[" ? [want] : t[0] === "{" ? { [want]: want } : want);
        }
      }),
      { numRuns: 3000, seed: 5 },
    );
  });

  it("integers around the i64 and 18-digit boundaries keep every digit", () => {
    for (let d = 1; d <= 25; d++) {
      for (const n of [10n ** BigInt(d) - 1n, 10n ** BigInt(d - 1), 10n ** BigInt(d - 1) + 7n]) {
        for (const s of [n.toString(), (-n).toString()]) {
          expect(roundTrip(s)).toBe(s);
          expect(roundTrip(`{"k":${s}}`)).toBe(`{"k":${s}}`);
          expect(roundTrip(`${s}.5`)).toBe(`${s}.5`);
        }
      }
    }
    expect(roundTrip("-0")).toBe("0");
    expect(roundTrip("[0,-0,1e2,0e0]")).toBe("[0,0,1e2,0e0]");
    expect(rt.exports.opa_value_compare(rt.parse("123456789012345678"), rt.parse("123456789012345678.0"))).toBe(0);
  });

  it("nesting: 10000 levels parse, 10001 do not (whatever the innermost value)", () => {
    for (const inner of ['"x"', "1", "[]", "{}"]) {
      expect(rt.parse("[".repeat(10000) + inner + "]".repeat(10000))).not.toBe(0);
      expect(rt.parse("[".repeat(10001) + inner + "]".repeat(10001))).toBe(0);
      expect(rt.parse('{"a":'.repeat(10000) + inner + "}".repeat(10000))).not.toBe(0);
      expect(rt.parse('{"a":'.repeat(10001) + inner + "}".repeat(10001))).toBe(0);
    }
  });
});
