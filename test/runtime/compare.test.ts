// opa_value_compare / opa_value_equal: OPA's total order.

import { describe, expect, it } from "vitest";
import { loadRuntime, regoValue } from "./harness.js";

const rt = loadRuntime();
const cmp = (a: string, b: string): number => rt.exports.opa_value_compare(regoValue(rt, a), regoValue(rt, b));

// each row is strictly smaller than the next
const ascending = [
  "null",
  "false",
  "true",
  "-18446744073709551617",
  "-1.5",
  "-1",
  "0",
  "0.5",
  "1",
  "2",
  "9007199254740993",
  "18446744073709551616",
  "1e30",
  '""',
  '"A"',
  '"a"',
  '"ab"',
  '"é"',
  "[]",
  "[1]",
  "[1, 2]",
  "[2]",
  '["a"]',
  "{}",
  '{"a": 1}',
  '{"a": 1, "b": 1}',
  '{"a": 2}',
  '{"b": 0}',
  "set()",
  "{1}",
  "{1, 2}",
  "{2}",
];

describe("total order", () => {
  it("orders types null < boolean < number < string < array < object < set, then values", () => {
    for (let i = 0; i < ascending.length; i++) {
      for (let j = 0; j < ascending.length; j++) {
        const want = Math.sign(i - j);
        expect([ascending[i], ascending[j], cmp(ascending[i], ascending[j])]).toEqual([ascending[i], ascending[j], want]);
      }
    }
  });

  it.each([
    ["1", "1.0"],
    ["1", "1e0"],
    ["100", "1e2"],
    ["0", "-0"],
    ["0.5", "5e-1"],
    ["18446744073709551616", "1.8446744073709551616e19"],
    ['{"a": [1, {2}]}', '{"a": [1.0, {2}]}'],
  ])("%s equals %s", (a, b) => {
    expect(cmp(a, b)).toBe(0);
    expect(rt.exports.opa_value_equal(regoValue(rt, a), regoValue(rt, b))).toBe(1);
  });

  it("distinguishes integers beyond 2^53", () => {
    expect(cmp("9007199254740993", "9007199254740992")).toBe(1);
    expect(cmp("-9223372036854775809", "-9223372036854775808")).toBe(-1);
  });
});

describe("collections", () => {
  it("sets and objects stay sorted and unique whatever the insertion order", () => {
    const ex = rt.exports;
    const s = ex.opa_set();
    for (const x of ["3", '"b"', "1", "null", "1.0", '"a"', "[1]", "3"]) ex.opa_set_add(s, regoValue(rt, x));
    expect(rt.regoDump(s)).toBe('{null, 1, 3, "a", "b", [1]}');
    const o = ex.opa_object();
    for (const k of ['"z"', '"a"', '"m"', '"a"']) ex.opa_object_insert(o, regoValue(rt, k), regoValue(rt, k));
    expect(rt.dump(o)).toBe('{"a":"a","m":"m","z":"z"}');
    expect(ex.opa_value_length(o)).toBe(3);
  });

  it("opa_value_get looks up objects, arrays and sets; 0 when absent", () => {
    const ex = rt.exports;
    const o = rt.parse('{"a": {"b": [10, 20]}}');
    const a = ex.opa_value_get(o, rt.parse('"a"'));
    const arr = ex.opa_value_get(a, rt.parse('"b"'));
    expect(rt.dump(ex.opa_value_get(arr, rt.parse("1")))).toBe("20");
    expect(rt.dump(ex.opa_value_get(arr, rt.parse("1.0")))).toBe("20");
    expect(ex.opa_value_get(arr, rt.parse("2"))).toBe(0);
    expect(ex.opa_value_get(arr, rt.parse("-1"))).toBe(0);
    expect(ex.opa_value_get(arr, rt.parse("0.5"))).toBe(0);
    expect(ex.opa_value_get(o, rt.parse('"x"'))).toBe(0);
    expect(ex.opa_value_get(rt.parse('"str"'), rt.parse("0"))).toBe(0);
    const s = regoValue(rt, '{"x", 1}');
    expect(rt.dump(ex.opa_value_get(s, rt.parse('"x"')))).toBe('"x"');
    expect(ex.opa_value_get(s, rt.parse('"y"'))).toBe(0);
  });

  it("opa_value_iter walks keys in order; the index functions agree", () => {
    const ex = rt.exports;
    for (const text of ['{"b": 1, "a": 2, "c": 3}', '["x", "y"]', '{3, 1, 2}', "[]", "{}"]) {
      const v = regoValue(rt, text);
      const viaIter: string[] = [];
      for (let k = ex.opa_value_iter(v, 0); k !== 0; k = ex.opa_value_iter(v, k)) viaIter.push(rt.dump(k));
      const viaIndex: string[] = [];
      for (let i = 0; i < ex.opa_value_length(v); i++) viaIndex.push(rt.dump(ex.gwpc_value_key_at(v, i)));
      expect(viaIter).toEqual(viaIndex);
      expect(viaIter.length).toBe(ex.opa_value_length(v));
    }
    const o = rt.parse('{"b": 1, "a": 2}');
    expect(rt.dump(ex.gwpc_value_at(o, 0))).toBe("2");
    expect(ex.gwpc_value_at(o, 2)).toBe(0);
  });

  it("gwpc_object_insert_once reports conflicts", () => {
    const ex = rt.exports;
    const o = ex.opa_object();
    expect(ex.gwpc_object_insert_once(o, rt.parse('"a"'), rt.parse("1"))).toBe(0);
    expect(ex.gwpc_object_insert_once(o, rt.parse('"a"'), rt.parse("1.0"))).toBe(0);
    expect(ex.gwpc_object_insert_once(o, rt.parse('"a"'), rt.parse("2"))).toBe(1);
    expect(rt.dump(o)).toBe('{"a":1}');
  });

  it("gwpc_value_upsert sets a nested path without touching the base", () => {
    const ex = rt.exports;
    const base = rt.parse('{"a": {"b": 1, "c": 2}, "d": 3}');
    const up = (path: string, v: string) => rt.dump(ex.gwpc_value_upsert(base, regoValue(rt, path), rt.parse(v)));
    expect(up('["a", "b"]', "9")).toBe('{"a":{"b":9,"c":2},"d":3}');
    expect(up('["a", "x", "y"]', "true")).toBe('{"a":{"b":1,"c":2,"x":{"y":true}},"d":3}');
    expect(up('["d", "e"]', "1")).toBe('{"a":{"b":1,"c":2},"d":{"e":1}}');
    expect(up("[]", '"v"')).toBe('"v"');
    expect(rt.dump(ex.gwpc_value_upsert(0, regoValue(rt, '["k"]'), rt.parse("1")))).toBe('{"k":1}');
    expect(ex.gwpc_value_upsert(base, rt.parse('"a"'), rt.parse("1"))).toBe(0);
    expect(rt.dump(base)).toBe('{"a":{"b":1,"c":2},"d":3}');
  });

  it("opa_value_merge merges objects recursively and fails on leaf conflicts", () => {
    const ex = rt.exports;
    const m = ex.opa_value_merge(rt.parse('{"a": {"x": 1}, "b": 2}'), rt.parse('{"a": {"y": 2}, "c": 3}'));
    expect(rt.dump(m)).toBe('{"a":{"x":1,"y":2},"b":2,"c":3}');
    expect(ex.opa_value_merge(rt.parse('{"a": 1}'), rt.parse('{"a": 2}'))).toBe(0);
  });
});
