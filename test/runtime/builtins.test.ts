// Native builtins: OPA semantics, type errors are undefined (not a crash).

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { callRego, loadRuntime } from "./harness.js";

const rt = loadRuntime();
const call = (name: string, ...args: string[]) => callRego(rt, name, ...args);
const builtins: { name: string; arity: number }[] = JSON.parse(
  readFileSync(new URL("../../runtime/build/builtins.json", import.meta.url), "utf8"),
);

// [name, args (Rego literals), want (JSON text) or undefined]
const table: [string, string[], string | undefined][] = [
  // the 21 gatekeeper-library builtins (sprintf has its own file)
  ["object.get", ['{"a": {"b": 1}}', '["a", "b"]', "0"], "1"],
  ["object.get", ['{"a": {"b": 1}}', '["a", "x"]', "0"], "0"],
  ["object.get", ['{"a": 1}', '"a"', "0"], "1"],
  ["object.get", ['{"a": 1}', '"b"', '"d"'], '"d"'],
  ["object.get", ['{"a": [{"b": 2}]}', '["a", 0, "b"]', "0"], "2"],
  ["object.get", ['{"a": 1}', "[]", "0"], '{"a":1}'],
  ["object.get", ['"x"', '"a"', "0"], undefined],
  ["startswith", ['"abc"', '"ab"'], "true"],
  ["startswith", ['"abc"', '"b"'], "false"],
  ["startswith", ["1", '"b"'], undefined],
  ["endswith", ['"abc"', '"bc"'], "true"],
  ["endswith", ['"abc"', "null"], undefined],
  ["trim_suffix", ['"abc.com"', '".com"'], '"abc"'],
  ["trim_suffix", ['"abc"', '"x"'], '"abc"'],
  ["count", ['"héllo"'], "5"],
  ["count", ["[1, 2]"], "2"],
  ["count", ['{"a": 1}'], "1"],
  ["count", ["{1, 2, 3}"], "3"],
  ["count", ["1"], undefined],
  ["regex.match", ['"^[a-z]+$"', '"abc"'], "true"],
  ["regex.match", ['"^[a-z]+$"', "1"], undefined],
  ["is_string", ['"a"'], "true"],
  ["is_string", ["1"], "false"],
  ["is_number", ["1.5"], "true"],
  ["is_number", ['"1"'], "false"],
  ["is_array", ["[]"], "true"],
  ["is_array", ["set()"], "false"],
  ["is_object", ["{}"], "true"],
  ["is_set", ["set()"], "true"],
  ["is_boolean", ["false"], "true"],
  ["is_null", ["null"], "true"],
  ["type_name", ["set()"], '"set"'],
  ["type_name", ["null"], '"null"'],
  ["substring", ['"héllo"', "1", "3"], '"éll"'],
  ["substring", ['"héllo"', "1", "-1"], '"éllo"'],
  ["substring", ['"abc"', "5", "1"], '""'],
  ["substring", ['"abc"', "-1", "1"], undefined],
  ["substring", ['"abc"', "1.5", "1"], undefined],
  ["to_number", ['"12"'], "12"],
  ["to_number", ['"-1.5e3"'], "-1.5e3"],
  ["to_number", ['"+5"'], "5"],
  ["to_number", ["true"], "1"],
  ["to_number", ["null"], "0"],
  ["to_number", ['"x"'], undefined],
  ["to_number", ['" 1"'], undefined],
  ["to_number", ["[]"], undefined],
  ["replace", ['"aaa"', '"a"', '"bb"'], '"bbbbbb"'],
  ["replace", ['"abc"', '""', '"-"'], '"-a-b-c-"'],
  ["replace", ['"abc"', "1", '"-"'], undefined],
  ["concat", ['","', '["a", "b"]'], '"a,b"'],
  ["concat", ['"-"', '{"b", "a"}'], '"a-b"'],
  ["concat", ['","', "[]"], '""'],
  ["concat", ['","', '["a", 1]'], undefined],
  ["contains", ['"abc"', '"bc"'], "true"],
  ["contains", ['"abc"', '""'], "true"],
  ["contains", ['"abc"', '"x"'], "false"],
  ["split", ['"a,b,,c"', '","'], '["a","b","","c"]'],
  ["split", ['"héllo"', '""'], '["h","é","l","l","o"]'],
  ["split", ['""', '","'], '[""]'],
  // strings.split_n: OPA's (first n / last -n pieces of split), not Go's SplitN
  ["strings.split_n", ['"a.b.c.d"', '"."', "2"], '["a","b"]'],
  ["strings.split_n", ['"a.b.c.d"', '"."', "1"], '["a"]'],
  ["strings.split_n", ['"a.b.c.d"', '"."', "4"], '["a","b","c","d"]'],
  ["strings.split_n", ['"a.b.c.d"', '"."', "10"], '["a","b","c","d"]'],
  ["strings.split_n", ['"a.b.c.d"', '"."', "0"], "[]"],
  ["strings.split_n", ['"a.b.c.d"', '"."', "-2"], '["c","d"]'],
  ["strings.split_n", ['"a.b.c.d"', '"."', "-1"], '["d"]'],
  ["strings.split_n", ['"a.b.c.d"', '"."', "-4"], '["a","b","c","d"]'],
  ["strings.split_n", ['"a.b.c.d"', '"."', "-10"], '["a","b","c","d"]'],
  ["strings.split_n", ['"a..b."', '"."', "3"], '["a","","b"]'],
  ["strings.split_n", ['"a..b."', '"."', "-2"], '["b",""]'],
  ["strings.split_n", ['"a::b::c"', '"::"', "2"], '["a","b"]'],
  ["strings.split_n", ['"a::b::c"', '"::"', "-1"], '["c"]'],
  ["strings.split_n", ['"abc"', '"."', "2"], '["abc"]'],
  ["strings.split_n", ['"abc"', '"."', "-2"], '["abc"]'],
  ["strings.split_n", ['""', '"."', "2"], '[""]'],
  ["strings.split_n", ['""', '"."', "-2"], '[""]'],
  ["strings.split_n", ['""', '""', "2"], "[]"],
  ["strings.split_n", ['""', '""', "-2"], "[]"],
  ["strings.split_n", ['"abc"', '""', "2"], '["a","b"]'],
  ["strings.split_n", ['"abc"', '""', "-2"], '["b","c"]'],
  ["strings.split_n", ['"héllo"', '""', "3"], '["h","é","l"]'],
  ["strings.split_n", ['"héllo"', '""', "-4"], '["é","l","l","o"]'],
  ["strings.split_n", ['"a.b"', '"."', "9223372036854775807"], '["a","b"]'],
  ["strings.split_n", ['"a.b"', '"."', "-9223372036854775808"], '["a","b"]'],
  ["strings.split_n", ['"a.b.c"', '"."', "1.5"], undefined],
  ["strings.split_n", ['"a.b.c"', '"."', '"2"'], undefined],
  ["strings.split_n", ["1", '"."', "2"], undefined],
  ["strings.split_n", ['"a.b"', "null", "2"], undefined],
  ["lower", ['"HÉllo WORLD"'], '"héllo world"'],
  ["upper", ['"héllo"'], '"HÉLLO"'],
  ["strings.any_prefix_match", ['["abc", "x"]', '"ab"'], "true"],
  ["strings.any_prefix_match", ['"abc"', '{"x", "a"}'], "true"],
  ["strings.any_prefix_match", ['"abc"', "[]"], "false"],
  ["strings.any_prefix_match", ['"abc"', "[1]"], undefined],
  ["strings.any_suffix_match", ['"abc"', '["zz", "bc"]'], "true"],
  ["trim", ['"  xx  "', '" "'], '"xx"'],
  ["trim", ['"abcba"', '"ab"'], '"c"'],
  ["sort", ['[3, "a", 1, null]'], '[null,1,3,"a"]'],
  ["sort", ["{3, 1}"], "[1,3]"],
  ["sort", ['"x"'], undefined],
  // strings family
  ["trim_prefix", ['"abc"', '"ab"'], '"c"'],
  ["trim_left", ['"aabca"', '"a"'], '"bca"'],
  ["trim_right", ['"aabca"', '"a"'], '"aabc"'],
  ["trim_space", ['"\\t x \\n"'], '"x"'],
  ["indexof", ['"héllo"', '"l"'], "2"],
  ["indexof", ['"abc"', '"x"'], "-1"],
  ["strings.reverse", ['"héllo"'], '"olléh"'],
  ["strings.count", ['"cheese"', '"e"'], "3"],
  ["format_int", ["15.5", "16"], '"f"'],
  ["format_int", ["-255", "2"], '"-11111111"'],
  ["format_int", ["18446744073709551616", "16"], '"10000000000000000"'],
  ["format_int", ["10", "3"], undefined],
  // arithmetic
  ["plus", ["1", "2"], "3"],
  ["plus", ["9223372036854775807", "1"], "9223372036854775808"],
  // decimals are exact where OPA's big.Float prints the short result (f64 would not)
  ["plus", ["0.1", "0.2"], "0.3"],
  ["minus", ["0.3", "0.1"], "0.2"],
  ["mul", ["1.1", "1000"], "1100"],
  ["mul", ["0.5", "1000"], "500"],
  ["mul", ["-1.25", "0.2"], "-0.25"],
  ["plus", ["1234567", "0.5"], "1.2345675e+06"],
  ["div", ["1.1", "10"], "0.11"],
  ["div", ["1000", "1024"], "0.9765625"],
  ["div", ["-3", "0.5"], "-6"],
  ["sum", ["[0.1, 0.2, 0.3]"], "0.6"],
  ["plus", ['"1"', "2"], undefined],
  ["minus", ["1", "18446744073709551617"], "-18446744073709551616"],
  ["minus", ["{1, 2, 3}", "{2}"], "[1,3]"],
  ["minus", ["{1}", "1"], undefined],
  ["mul", ["18446744073709551617", "2"], "36893488147419103234"],
  ["mul", ["1.5", "2"], "3"],
  ["div", ["6", "3"], "2"],
  ["div", ["1", "3"], "0.3333333333333333"],
  ["div", ["1", "0"], undefined],
  ["rem", ["7", "3"], "1"],
  ["rem", ["-7", "3"], "-1"],
  ["rem", ["7", "0"], undefined],
  ["rem", ["7.5", "2"], undefined],
  ["abs", ["-5"], "5"],
  ["abs", ["-18446744073709551616"], "18446744073709551616"],
  ["round", ["2.5"], "3"],
  ["round", ["-2.5"], "-3"],
  ["ceil", ["1.2"], "2"],
  ["floor", ["-1.2"], "-2"],
  // comparison
  ["equal", ["1", "1.0"], "true"],
  ["neq", ['"a"', '"b"'], "true"],
  ["lt", ["1", '"a"'], "true"],
  ["lte", ["[1]", "[1]"], "true"],
  ["gt", ["{1}", '{"a": 1}'], "true"],
  ["gte", ["null", "false"], "false"],
  // aggregates
  ["sum", ["[1, 2, 3]"], "6"],
  ["sum", ["[]"], "0"],
  ["sum", ['[1, "a"]'], undefined],
  ["product", ["{2, 3}"], "6"],
  ["max", ["[1, 3, 2]"], "3"],
  ["max", ['{1, "a"}'], '"a"'],
  ["min", ["[]"], undefined],
  ["min", ["[3, 1]"], "1"],
  // sets
  ["and", ["{1, 2}", "{2, 3}"], "[2]"],
  ["or", ["{1, 2}", "{2, 3}"], "[1,2,3]"],
  ["and", ["[1]", "{1}"], undefined],
  ["intersection", ["{{1, 2}, {2, 3}}"], "[2]"],
  ["union", ["{{1}, {2}}"], "[1,2]"],
  ["union", ["set()"], "[]"],
  // objects
  ["object.keys", ['{"b": 1, "a": 2}'], '["a","b"]'],
  ["object.remove", ['{"a": 1, "b": 2}', '["a"]'], '{"b":2}'],
  ["object.remove", ['{"a": 1, "b": 2}', '{"b": 0}'], '{"a":1}'],
  ["object.remove", ['{"a": 1}', "1"], undefined],
  ["object.filter", ['{"a": 1, "b": 2}', '{"a"}'], '{"a":1}'],
  ["object.union", ['{"a": {"x": 1}, "b": 2}', '{"a": {"y": 2}, "b": 3}'], '{"a":{"x":1,"y":2},"b":3}'],
  ["internal.member_2", ["1", "[1, 2]"], "true"],
  ["internal.member_2", ["1", '{"a": 1}'], "true"],
  ["internal.member_2", ['"a"', '{"a": 1}'], "false"],
  ["internal.member_3", ['"a"', "1", '{"a": 1}'], "true"],
  ["internal.member_3", ["0", '"x"', '["x"]'], "true"],
  // arrays
  ["array.concat", ["[1]", "[2, 3]"], "[1,2,3]"],
  ["array.concat", ["[1]", "{2}"], undefined],
  ["array.slice", ["[1, 2, 3, 4]", "1", "3"], "[2,3]"],
  ["array.slice", ["[1, 2, 3]", "-5", "10"], "[1,2,3]"],
  ["array.slice", ["[1, 2, 3]", "2", "1"], "[]"],
  ["array.reverse", ["[1, 2, 3]"], "[3,2,1]"],
  // encoding
  ["json.marshal", ['{"b": [1, "x"], "a": {1}}'], '"{\\"a\\":[1],\\"b\\":[1,\\"x\\"]}"'],
  ["json.unmarshal", ['"{\\"a\\": [1, 18446744073709551616]}"'], '{"a":[1,18446744073709551616]}'],
  ["json.unmarshal", ['"{"'], undefined],
  ["json.is_valid", ['"{"'], "false"],
  ["json.is_valid", ['"{\\"a\\": [1]}"'], "true"],
  // *.is_valid of a non-string is false, not undefined (OPA: v1/topdown/encoding.go, regex.go)
  ["json.is_valid", ["1"], "false"],
  ["json.is_valid", ['{"a": 1}'], "false"],
  ["json.is_valid", ["null"], "false"],
  ["base64.is_valid", ["1"], "false"],
  ["base64.is_valid", ['["aGk="]'], "false"],
  ["regex.is_valid", ["{1}"], "false"],
  // non-string keys are their JSON text (OPA's ast.JSON), not Rego text
  ["json.marshal", ["{1: 2, {3: 4}: 5}"], JSON.stringify('{"1":2,"{\\"3\\":4}":5}')],
  ["json.marshal", ['{{"b", 1}: true}'], JSON.stringify('{"[1,\\"b\\"]":true}')],
  // more strings, objects, arrays, numbers, encodings
  ["indexof", ['"abc"', '""'], undefined],
  ["indexof_n", ['"aaa"', '"aa"'], "[0,1]"],
  ["indexof_n", ['"héhé"', '"é"'], "[1,3]"],
  ["indexof_n", ['"abc"', '"x"'], "[]"],
  ["strings.replace_n", ['{"a": "1", "ab": "2", "b": "3"}', '"abcab"'], '"13c13"'],
  ["strings.replace_n", ['{"ab": "2", "a": "1"}', '"ab"'], '"1b"'],
  ["strings.replace_n", ['{"a": 1}', '"a"'], undefined],
  ["object.union_n", ['[{"a": 1, "b": {"x": 1}}, {"b": {"y": 2}}, {"a": 3}]'], '{"a":3,"b":{"x":1,"y":2}}'],
  ["object.union_n", ["[1]"], undefined],
  ["array.flatten", ["[[[1], [2, 3, []]], [[4, 5]]]"], "[[1],[2,3,[]],[4,5]]"],
  ["array.flatten", ['[1, [2, "a"], []]'], '[1,2,"a"]'],
  ["numbers.range", ["1", "4"], "[1,2,3,4]"],
  ["numbers.range", ["2", "-1"], "[2,1,0,-1]"],
  ["numbers.range", ["1", "1.5"], undefined],
  ["numbers.range_step", ["0", "10", "4"], "[0,4,8]"],
  ["numbers.range_step", ["10", "0", "5"], "[10,5,0]"],
  ["numbers.range_step", ["0", "10", "0"], undefined],
  ["base64.encode", ['"hello"'], '"aGVsbG8="'],
  ["base64.encode", ['""'], '""'],
  ["base64.decode", ['"aGVsbG8="'], '"hello"'],
  ["base64.decode", ['"aGVsbG8"'], undefined],
  ["base64.decode", ['"a!=="'], undefined],
  ["base64.is_valid", ['"aGk="'], "true"],
  ["base64.is_valid", ['"aGk"'], "false"],
  ["base64url.encode", ['"\u00ff\u00fe"'], '"w7_Dvg=="'],
  ["base64url.encode_no_pad", ['"hi?"'], '"aGk_"'],
  ["base64url.decode", ['"aGk_"'], '"hi?"'],
  ["base64url.decode", ['"aGk"'], '"hi"'],
  ["base64url.decode", ['"aGk="'], '"hi"'],
  ["regex.is_valid", ['"^[a-z]+$"'], "true"],
  ["regex.is_valid", ['"\\\\pL+"'], "true"],
  ["regex.is_valid", ['"[\\\\p{Greek}x]"'], "true"],
  ["regex.is_valid", ['"(?=a)"'], "false"],
  ["regex.is_valid", ['"a("'], "false"],
  ["regex.is_valid", ["1"], "false"],
  // glob
  ["glob.match", ['"*.github.com"', "[]", '"api.github.com"'], "true"],
  ["glob.match", ['"*.github.com"', '["."]', '"a.b.github.com"'], "false"],
  ["glob.match", ['"**.github.com"', '["."]', '"a.b.github.com"'], "true"],
  ["glob.match", ['"*.github.com"', "null", '"a.b.github.com"'], "true"],
  ["glob.match", ['"{a,b}?c"', "[]", '"bxc"'], "true"],
  ["glob.match", ['"[a-c]at"', "[]", '"cat"'], "true"],
  ["glob.match", ['"[!a-c]at"', "[]", '"cat"'], "false"],
  ["glob.match", ['"\\\\*x"', "[]", '"*x"'], "true"],
  ["glob.match", ['"[abc"', "[]", '"a"'], undefined],
  ["glob.match", ['"*"', '["ab"]', '"a"'], undefined],
  ["glob.match", ["1", "[]", '"a"'], undefined],
];

describe("builtin table", () => {
  it.each(table.map(([n, a, w]) => [`${n}(${a.join(", ")})`, n, a, w] as const))("%s", (_label, name, args, want) => {
    expect(call(name, ...args)).toBe(want);
  });
});

describe("exports", () => {
  it("every builtin listed in builtins.json is exported with its arity", () => {
    for (const { name, arity } of builtins) {
      const fn = rt.exports["builtin:" + name];
      expect(typeof fn, name).toBe("function");
      expect(fn.length, name).toBe(arity);
    }
  });

  it("covers the 21 builtins gatekeeper-library uses", () => {
    const names = new Set(builtins.map((b) => b.name));
    for (const n of [
      "sprintf", "object.get", "startswith", "endswith", "trim_suffix", "count", "regex.match", "is_string", "is_number",
      "substring", "to_number", "replace", "concat", "contains", "split", "lower", "strings.any_prefix_match",
      "strings.any_suffix_match", "is_array", "trim", "sort",
    ]) {
      expect(names.has(n), n).toBe(true);
    }
  });

  it("API.md lists every native builtin", () => {
    const api = readFileSync(new URL("../../runtime/API.md", import.meta.url), "utf8");
    for (const { name, arity } of builtins) expect(api).toContain(`| \`${name}\` | ${arity} |`);
  });

  it("builtins never write into their arguments", () => {
    const obj = rt.parse('{"b": 1, "a": {"x": [3, 1]}}');
    const before = rt.dump(obj);
    for (const [name, args] of [
      ["object.remove", ['"a"']],
      ["object.union", ['{"a": {"y": 1}}']],
    ] as const) {
      const fn = rt.exports["builtin:" + name];
      fn(obj, rt.parse(args[0]));
    }
    rt.exports["builtin:sort"](rt.exports.opa_value_get(rt.exports.opa_value_get(obj, rt.parse('"a"')), rt.parse('"x"')));
    expect(rt.dump(obj)).toBe(before);
  });
});
