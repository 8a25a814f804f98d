import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadPolicy } from "@open-policy-agent/opa-wasm";
import { describe, expect, it } from "vitest";
import { policyFromJSON, policyToJSON } from "../../../src/rego/plan/ir-json.js";
import { compilePolicy } from "../../../src/wasm/backend/index.js";

/**
 * Plans in OPA's JSON (`opa build -t plan` output, or hand-written in that
 * shape) with cases: `{note, plan, cases: [{note, input?, data?, entrypoint?,
 * want_result | want_error}]}`. Drop a real OPA plan here to check the
 * backend against it.
 */
interface CorpusFile {
  note: string;
  plan: unknown;
  cases: { note: string; input?: unknown; data?: object; entrypoint?: string | number; want_result?: unknown[]; want_error?: string }[];
}

const dir = fileURLToPath(new URL("./corpus/", import.meta.url));
const runtime = new Uint8Array(readFileSync(fileURLToPath(new URL("../../../runtime/build/runtime.wasm", import.meta.url))));

for (const file of readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
  const text = readFileSync(dir + file, "utf8");
  const corpus = JSON.parse(text) as CorpusFile;
  describe(`corpus ${file}: ${corpus.note}`, () => {
    const planText = JSON.stringify(corpus.plan);
    const decoded = policyFromJSON(planText);

    it("decodes, and re-encodes to the same JSON", () => {
      expect(decoded.diagnostics).toEqual([]);
      expect(policyToJSON(decoded.policy!)).toBe(planText);
    });

    for (const c of corpus.cases) {
      it(c.note, async () => {
        const r = compilePolicy(decoded.policy!, runtime);
        expect(r.diagnostics).toEqual([]);
        const pol = await loadPolicy(r.wasm!);
        if (c.data) pol.setData(c.data);
        const run = (): unknown => pol.evaluate(c.input, c.entrypoint ?? 0);
        if (c.want_error !== undefined) expect(run).toThrow(new RegExp(c.want_error));
        else expect(run()).toEqual(c.want_result);
      });
    }
  });
}
