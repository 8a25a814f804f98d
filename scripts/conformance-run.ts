/** Runs one conformance case through the pipeline: compileQuery -> backend -> SDK. */
import type { Term } from "../src/rego/syntax/index.js";
import { parseTerm } from "../src/rego/syntax/index.js";
import { compileRegoQuery, EvalError, evaluateEntrypoint, jsonBuffer, loadWasmSync, type RegoSource } from "../src/engine/index.js";
import type { ConformanceCase } from "./conformance-cases.js";
import type { Outcome } from "./conformance-classify.js";

/** The query's entrypoint (compileQuery's contract). */
export const QUERY_ENTRYPOINT = "eval";

export function runCase(c: ConformanceCase): Outcome {
  let input: { value: unknown } | undefined;
  // An input_term JSON can carry goes in as input; one it cannot (a set, a
  // non-string key) is planned into the query as the input document.
  let inputTerm: string | undefined;
  if (c.inputTerm !== undefined) {
    const t = termInput(c.inputTerm, c);
    if ("reason" in t) inputTerm = c.inputTerm;
    else input = t;
  } else if (c.input !== undefined) input = { value: c.input };

  // OPA's runner names the modules test-0.rego, test-1.rego, ...; error messages mention them.
  const sources: RegoSource[] = c.modules.map((text, i) => ({ file: `test-${i}.rego`, text, regoVersion: c.regoVersion }));
  const r = compileRegoQuery(sources, c.query, inputTerm === undefined ? { regoVersion: c.regoVersion } : { regoVersion: c.regoVersion, inputTerm });
  if (!r.wasm) return { kind: "compile-error", diagnostics: r.diagnostics };
  try {
    const policy = loadWasmSync(r.wasm);
    policy.setData(jsonBuffer(c.data ?? {}));
    const results = evaluateEntrypoint(policy, QUERY_ENTRYPOINT, input?.value);
    return { kind: "result", results };
  } catch (e) {
    if (e instanceof EvalError) return { kind: "eval-error", message: e.message, builtin: e.kind === "builtin" };
    return { kind: "eval-error", message: `cannot load or run the module: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** An `input_term` as the JSON value the SDK can pass; a set or non-string key cannot be. */
function termInput(text: string, c: ConformanceCase): { value: unknown } | { reason: string } {
  const r = parseTerm(text, { regoVersion: c.regoVersion });
  if (!r.term) return { reason: `input_term does not parse: ${r.diagnostics[0]?.message ?? "?"}` };
  try {
    return { value: termValue(r.term) };
  } catch (e) {
    return { reason: `input_term ${text}: ${(e as Error).message}` };
  }
}

function termValue(t: Term): unknown {
  switch (t.type) {
    case "null":
      return null;
    case "boolean":
      return t.value;
    case "number":
      return Number(t.value);
    case "string":
      return t.value;
    case "array":
      return t.items.map(termValue);
    case "object": {
      const o: Record<string, unknown> = {};
      for (const [k, v] of t.entries) {
        if (k.type !== "string") throw new Error("an object key that is not a string cannot be passed as JSON input");
        o[k.value] = termValue(v);
      }
      return o;
    }
    case "set":
      throw new Error("a set cannot be passed as JSON input");
    default:
      throw new Error(`a ${t.type} term is not a value`);
  }
}
