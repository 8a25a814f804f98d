/**
 * The check stages, in order, as data (OPA's compiler stage table). Each
 * stage reads and rewrites the shared state and appends diagnostics; the
 * pipeline stops after the first stage that reported errors. Tests can run
 * a prefix with `runStages(state, "checkSafety")`.
 */
import { buildRuleTree, checkRuleConflicts } from "./build-rule-tree.js";
import { checkCalls } from "./check-calls.js";
import { checkRecursion } from "./check-recursion.js";
import { checkSafety } from "./check-safety.js";
import { checkWithTargets } from "./check-with.js";
import type { CompileState } from "./env.js";
import { checkImports, resolveRefs } from "./resolve-refs.js";
import { rewriteLocalVars } from "./rewrite-local-vars.js";
import { rewriteZeroArityFunctions } from "./rewrite-zero-arity.js";

export type Stage = (s: CompileState) => void;

export const STAGES: readonly (readonly [string, Stage])[] = [
  ["rewriteZeroArityFunctions", rewriteZeroArityFunctions],
  ["checkImports", checkImports],
  ["buildRuleTree", buildRuleTree],
  ["checkRuleConflicts", checkRuleConflicts],
  ["resolveRefs", resolveRefs],
  ["rewriteLocalVars", rewriteLocalVars],
  ["checkCalls", checkCalls],
  ["checkWithTargets", checkWithTargets],
  ["checkRecursion", checkRecursion],
  ["checkSafety", checkSafety],
];

/** Runs the stages in order (up to and including `until`); false when one reported errors. */
export function runStages(s: CompileState, until?: string): boolean {
  for (const [name, stage] of STAGES) {
    stage(s);
    if (s.diagnostics.length > 0) return false;
    if (name === until) break;
  }
  return true;
}
