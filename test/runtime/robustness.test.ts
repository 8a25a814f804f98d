// Hostile inputs never trap: every builtin returns a value, undefined (0), or
// aborts through opa_abort with a message — no wasm RuntimeError.

import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { loadRuntime, RuntimeAbort } from "./harness.js";

const rt = loadRuntime();
const ex = rt.exports;

function str(s: string): number {
  const bytes = new TextEncoder().encode(s);
  return ex.opa_string(rt.write(bytes), bytes.length);
}

/** Runs f with a fresh heap; true unless it trapped. */
function safe(f: () => unknown): void {
  const base = ex.opa_heap_ptr_get();
  try {
    f();
  } catch (e) {
    if (!(e instanceof RuntimeAbort)) throw e;
  } finally {
    ex.opa_heap_ptr_set(base);
  }
}

const meta = (chars: string, maxLength = 12) => fc.string({ unit: fc.constantFrom(...chars.split("")), maxLength });

describe("robustness", () => {
  it("regex.match on random metacharacter soup", () => {
    fc.assert(
      fc.property(meta("ab()[]{}|*+?.^$\\\\-:,<>=!PpQEdwsbBxz019i?-"), fc.string({ maxLength: 6 }), (p, s) => {
        safe(() => ex["builtin:regex.match"](str(p), str(s)));
      }),
      { numRuns: 3000, seed: 5 },
    );
  });

  it("glob.match on random pattern soup", () => {
    fc.assert(
      fc.property(meta("ab*?[]{},!-\\\\.:"), fc.string({ maxLength: 6 }), (p, s) => {
        safe(() => ex["builtin:glob.match"](str(p), rt.parse('[".", ":"]'), str(s)));
        safe(() => ex["builtin:glob.match"](str(p), rt.parse("null"), str(s)));
      }),
      { numRuns: 3000, seed: 6 },
    );
  });

  it("sprintf on random format soup", () => {
    const args = rt.parse('[1, "s", 2.5, [1], {"a": null}, 18446744073709551616, true]');
    fc.assert(
      fc.property(meta("%-+# 0123456789.vsdqxXobcUeEfFgGt%[]*zé", 10), (f) => {
        safe(() => ex["builtin:sprintf"](str(f), args));
      }),
      { numRuns: 3000, seed: 8 },
    );
  });

  it("json parse on random bytes and truncations", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        safe(() => ex.opa_json_parse(rt.write(bytes), bytes.length));
      }),
      { numRuns: 3000, seed: 9 },
    );
    const doc = JSON.stringify({ a: [1, "x\\u00e9", { b: null, c: 1.5e-3 }], d: "\\ud83d\\ude00" });
    for (let i = 0; i <= doc.length; i++) safe(() => rt.parse(doc.slice(0, i)));
  });

  it("string builtins on random UTF-8 (including invalid bytes)", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 12 }), fc.uint8Array({ maxLength: 3 }), (a, b) => {
        const sa = ex.opa_string(rt.write(a), a.length);
        const sb = ex.opa_string(rt.write(b), b.length);
        for (const name of ["trim", "trim_left", "trim_right", "split", "indexof", "contains", "strings.count"]) {
          safe(() => ex["builtin:" + name](sa, sb));
        }
        for (const name of ["lower", "upper", "trim_space", "count", "strings.reverse", "to_number"]) {
          safe(() => ex["builtin:" + name](sa));
        }
        safe(() => ex["builtin:replace"](sa, sb, sa));
        safe(() => ex["builtin:substring"](sa, rt.parse("1"), rt.parse("2")));
        safe(() => rt.regoDump(sa));
        safe(() => rt.dump(sa));
      }),
      { numRuns: 2000, seed: 10 },
    );
  });

  it("every builtin survives arguments of every type", () => {
    const values = ["null", "true", "1", "-2.5", "18446744073709551616", '"s"', "[]", '[1, "a"]', "{}", '{"a": 1}']
      .map((t) => rt.parse(t))
      .concat([ex.opa_set()]);
    const names = Object.keys(ex).filter((k) => k.startsWith("builtin:"));
    for (const name of names) {
      const fn = ex[name];
      const n = fn.length;
      const pick = (i: number, k: number) => values[(i * (k + 3) + k * 7) % values.length];
      for (let i = 0; i < 60; i++) {
        const args = Array.from({ length: n }, (_, k) => pick(i, k));
        safe(() => fn(...args));
      }
    }
    expect(names.length).toBeGreaterThanOrEqual(70);
  });
});
