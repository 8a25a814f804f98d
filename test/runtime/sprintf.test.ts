// sprintf: Go fmt verbs as OPA passes arguments (see runtime/builtins/sprintf.ts).

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { callRego, loadRuntime } from "./harness.js";

const rt = loadRuntime();
const sprintf = (fmt: string, args: string): string | undefined => {
  const r = callRego(rt, "sprintf", JSON.stringify(fmt), args);
  return r === undefined ? undefined : JSON.parse(r);
};

// Outputs as OPA (Go's fmt) gives them.
const table: [string, string, string][] = [
  ["hi %s", '["there"]', "hi there"],
  ["%v", '[["a"]]', '["a"]'],
  ["%v", '[{"a": 1}]', '{"a": 1}'],
  ["%v", "[{1, 2}]", "{1, 2}"],
  ["%v", "[set()]", "set()"],
  ["%v", '[{"b": [1, {"x"}], "a": null}]', '{"a": null, "b": [1, {"x"}]}'],
  ["%v", '[["there", 5, 3.14]]', '["there", 5, 3.14]'],
  ["%v", '[["a\\nb", "é"]]', '["a\\nb", "é"]'],
  ["%s", "[[1, 2]]", "[1, 2]"],
  ["%v %v %v", "[true, false, null]", "true false null"],
  ["%s", "[true]", "true"],
  ["%t", "[true]", "%!t(string=true)"],
  ["%d", "[42]", "42"],
  ["%d", "[-42]", "-42"],
  ["%s", "[42]", "%!s(int64=42)"],
  ["%v", "[42]", "42"],
  ["%v", "[1.0]", "1"],
  ["%v", "[1.5]", "1.5"],
  ["%v", "[1e6]", "1e+06"],
  ["%v", "[123456.5]", "123456.5"],
  ["%v", "[0.000012]", "1.2e-05"],
  ["%d", "[1.5]", "%!d(float64=1.5)"],
  ["%s", "[1.5]", "%!s(float64=1.5)"],
  ["%.2f", "[3.1415]", "3.14"],
  ["%f", "[2.5]", "2.500000"],
  ["%.0f", "[2.5]", "2"],
  ["%.0f", "[3.5]", "4"],
  ["%.1f", "[0.25]", "0.2"],
  ["%.2f", "[1.005]", "1.00"],
  ["%8.3f|", "[3.14159]", "   3.142|"],
  ["%-8.2f|", "[3.14159]", "3.14    |"],
  ["%e", "[1234.5678]", "1.234568e+03"],
  ["%.3e", "[1234.5678]", "1.235e+03"],
  ["%g", "[0.0001]", "0.0001"],
  ["%g", "[100000.0]", "100000"],
  ["%g", "[1000000.0]", "1e+06"],
  ["%.3g", "[3.14159]", "3.14"],
  ["%s", "[123456789123456789123]", "123456789123456789123"],
  ["%d", "[1208925819614629174706175]", "1208925819614629174706175"],
  ["%v", "[18446744073709551616]", "18446744073709551616"],
  ["%x", "[18446744073709551616]", "10000000000000000"],
  ["%v", "[[18446744073709551616]]", "[18446744073709551616]"],
  ["%02X.%02X", "[127, 1]", "7F.01"],
  ["%x %X %o %b", "[255, 255, 8, 5]", "ff FF 10 101"],
  ["%#x %#o", "[255, 8]", "0xff 010"],
  ["%5d|%-5d|%05d", "[42, 42, -42]", "   42|42   |-0042"],
  ["%+d % d", "[5, 5]", "+5  5"],
  ["%c %q %U", "[65, 65, 65]", "A 'A' U+0041"],
  ["%q", '["a\\"b\\n"]', '"a\\"b\\n"'],
  ["%q", '["é\\u0001"]', '"é\\x01"'],
  ["%x % x %X", '["hi", "hi", "hi"]', "6869 68 69 6869"],
  ["%5s|%-5s|%.2s", '["ab", "ab", "héllo"]', "   ab|ab   |hé"],
  ["%5.1s|", '["héllo"]', "    h|"],
  ["100%%", "[]", "100%"],
  ["%d %d", "[1]", "1 %!d(MISSING)"],
  ["%d", '[1, "a", 2.5]', "1%!(EXTRA string=a, float64=2.5)"],
  ["%z", "[1]", "%!z(int64=1)"],
  ["%", "[]", "%!(NOVERB)"],
  ["no verbs", "[]", "no verbs"],
  ["%v", '["ünïcode ✓"]', "ünïcode ✓"],
  ["container <%v> has no resource limits", '["nginx"]', "container <nginx> has no resource limits"],
  ["%v", "[-0.5]", "-0.5"],
  ["%v", "[1e400]", "1e400"],
];

describe("sprintf table", () => {
  it.each(table)("sprintf(%j, %s) = %j", (fmt, args, want) => {
    expect(sprintf(fmt, args)).toBe(want);
  });

  it("is undefined when the arguments are not an array or the format not a string", () => {
    expect(callRego(rt, "sprintf", '"%v"', '{"a"}')).toBeUndefined();
    expect(callRego(rt, "sprintf", '"%v"', "1")).toBeUndefined();
    expect(callRego(rt, "sprintf", "1", "[]")).toBeUndefined();
  });

  it("matches the results of OPA's arithmetic on big numbers (aggregates-bignum)", () => {
    const v = (call: string, ...args: string[]) => sprintf("%v", `[${callRego(rt, call, ...args)}]`);
    expect(v("sum", "[18446744073709551617, 1]")).toBe("18446744073709551618");
    expect(v("sum", "{18446744073709551617, 1}")).toBe("18446744073709551618");
    expect(v("product", "[18446744073709551617, 2]")).toBe("36893488147419103234");
    expect(v("sum", "[1.5, 2.5]")).toBe("4");
    expect(v("sum", "[1, 2.5]")).toBe("3.5");
    expect(v("product", "[1.5, 2]")).toBe("3");
    expect(v("sum", "[9223372036854775807, 1]")).toBe("9223372036854775808");
    expect(v("sum", "{9223372036854775807, 1, 2}")).toBe("9223372036854775810");
    expect(v("sum", "[-9223372036854775808, -1]")).toBe("-9223372036854775809");
    expect(v("plus", "9223372036854775807", "1")).toBe("9223372036854775808");
  });
});

// sprintf calls found in OPA's conformance corpus (sprintf/ and strings/).
const corpus = fileURLToPath(new URL("../../../shared/conformance/opa/v1", import.meta.url));

describe("sprintf conformance corpus", () => {
  if (!existsSync(corpus)) {
    it("skips: ../shared/conformance is not present in this checkout", () => {
      expect(existsSync(corpus)).toBe(false);
    });
    return;
  }
  const cases: [string, string, string, string][] = [];
  for (const dir of ["sprintf", "strings"]) {
    for (const f of readdirSync(join(corpus, dir)).sort()) {
      const doc = parseYaml(readFileSync(join(corpus, dir, f), "utf8"));
      for (const c of doc?.cases ?? []) {
        const text: string = c.modules?.[0] ?? "";
        const m = /sprintf\((".*?"), (\[.*\])(?:, x)?\)/.exec(text);
        if (!m || !c.want_result?.[0] || typeof c.want_result[0].x !== "string") continue;
        cases.push([c.note, JSON.parse(m[1]), m[2], c.want_result[0].x]);
      }
    }
  }
  it("finds sprintf cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(6);
  });
  it.each(cases)("%s", (_note, fmt, args, want) => {
    expect(sprintf(fmt, args)).toBe(want);
  });
});
