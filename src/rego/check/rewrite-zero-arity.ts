/**
 * rewriteZeroArityFunctions: `f() = v { ... }` declares no function in OPA
 * (v0 and v1 alike, see open-policy-agent/opa#6315): it is a complete rule
 * `f = v { ... }`, referenced as `f`. gatekeeper-library's tests rely on it
 * (`input_review_withoutendpoints() = {...}` read as a value).
 */
import type { CompileState } from "./env.js";

export function rewriteZeroArityFunctions(s: CompileState): void {
  for (const m of s.modules) {
    for (const r of m.rules) {
      const h = r.head;
      if (h.kind !== "function" || h.args.length > 0) continue;
      r.head = { kind: "single", ref: h.ref, assign: h.assign, loc: h.loc, ...(h.value ? { value: h.value } : {}) };
    }
  }
}
