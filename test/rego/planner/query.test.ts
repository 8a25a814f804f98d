/** compileQuery end to end, with the `inputTerm` option (input values JSON cannot carry). */
import { loadPolicy } from "@open-policy-agent/opa-wasm";
import { describe, expect, it } from "vitest";
import { compileQuery } from "../../../src/rego/compile.js";
import { compileToWasm } from "../../../src/wasm/backend/index.js";

interface QueryCase {
  note: string;
  rego?: string;
  query: string;
  inputTerm?: string;
  input?: unknown;
  want: unknown[] | { code: string };
}

const CASES: QueryCase[] = [
  { note: "input term: a set inside", query: "x = input.foo", inputTerm: '{"foo": {{1}}}', want: [{ result: { x: [[1]] } }] },
  { note: "input term: a scalar", query: 'input == "b"', inputTerm: '"b"', want: [{ result: {} }] },
  { note: "input term: non-string keys reach rules", rego: "package t\np := input[1]", query: "x = data.t.p", inputTerm: '{1: "one"}', want: [{ result: { x: "one" } }] },
  { note: "input term replaces the input passed at run time", query: "x = input", inputTerm: "1.0", input: { a: 1 }, want: [{ result: { x: 1 } }] },
  { note: "input term must be a value", query: "x = input", inputTerm: "{y}", want: { code: "rego_compile_error" } },
  { note: "input term that does not parse", query: "x = input", inputTerm: "{1:", want: { code: "rego_parse_error" } },
];

describe("compileQuery", () => {
  for (const c of CASES) {
    it(c.note, async () => {
      const r = compileQuery(c.rego ? [{ file: "m.rego", text: c.rego }] : [], c.query, c.inputTerm !== undefined ? { inputTerm: c.inputTerm } : {});
      if (!Array.isArray(c.want)) {
        expect(r.diagnostics.map((d) => d.code)).toContain(c.want.code);
        return;
      }
      expect(r.diagnostics).toEqual([]);
      const w = compileToWasm(r.policy!);
      expect(w.diagnostics).toEqual([]);
      const pol = await loadPolicy(w.wasm!);
      expect(pol.evaluate(c.input)).toEqual(c.want);
    });
  }
});
