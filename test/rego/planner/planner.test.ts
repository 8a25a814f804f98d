import { loadPolicy } from "@open-policy-agent/opa-wasm";
import { describe, expect, it } from "vitest";
import { compileModules } from "../../../src/rego/compile.js";
import { validatePolicy } from "../../../src/rego/plan/ir-validate.js";
import { compileToWasm } from "../../../src/wasm/backend/index.js";
import { CASES, KNOWN_GAPS } from "./cases.js";

describe("planner: Rego evaluated end to end through the SDK", () => {
  for (const c of CASES) {
    it(c.note, async () => {
      const texts = Array.isArray(c.rego) ? c.rego : [c.rego];
      const r = compileModules(texts.map((text, i) => ({ file: `m${i}.rego`, text })), [c.entrypoint], { regoVersion: c.regoVersion ?? "v1" });
      expect(r.diagnostics).toEqual([]);
      expect(validatePolicy(r.policy!)).toEqual([]);
      const w = compileToWasm(r.policy!);
      const gap = KNOWN_GAPS[c.note];
      if (gap !== undefined) {
        // Known gap: only the IR is checked; the entry says why.
        expect(gap.length).toBeGreaterThan(0);
        return;
      }
      expect(w.diagnostics).toEqual([]);
      const pol = await loadPolicy(w.wasm!);
      if (c.data !== undefined) pol.setData(c.data as object);
      const run = (): unknown => pol.evaluate(c.input, c.entrypoint);
      if (Array.isArray(c.want)) expect(run()).toEqual(c.want);
      else expect(run).toThrow(c.want.abort);
    });
  }

  it("known gaps name existing cases", () => {
    const notes = new Set(CASES.map((c) => c.note));
    expect(Object.keys(KNOWN_GAPS).filter((n) => !notes.has(n))).toEqual([]);
  });
});
