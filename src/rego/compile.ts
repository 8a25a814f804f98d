/**
 * The Rego front end: source text -> parse -> check stages -> planner -> IR.
 * Diagnostics are data (OPA's codes: rego_parse_error, rego_unsafe_var_error,
 * rego_type_error, rego_recursion_error, rego_compile_error, and our
 * rego_unsupported_error for what the planner does not plan); only compiler
 * bugs throw.
 */
import { type Diagnostic, SourceFile, error, sortDiagnostics } from "../diag/index.js";
import { COMPILE_ERROR, newState } from "./check/env.js";
import { termChildren, visitExprVars } from "./check/walk.js";
import { runStages } from "./check/stages.js";
import type { Policy } from "./plan/ir.js";
import { type PlanResult, planEntrypoints, planQuery } from "./plan/planner.js";
import { type Module, type Term, parseModule, parseQuery, parseTerm } from "./syntax/index.js";

export interface FrontendOptions {
  /** The syntax of sources that do not say (default v1). */
  regoVersion?: "v0" | "v1";
}

export interface QueryOptions extends FrontendOptions {
  /**
   * A Rego term (`{"foo": {{1}}}`, `{1: 2}`, `"b"`) planned as the input
   * document: the query sees it as `input`, whatever input the caller then
   * passes to the module. For values JSON cannot carry (sets, non-string
   * keys), as the conformance cases' `input_term`. It must be a value (no
   * vars, refs, calls or comprehensions): else rego_compile_error.
   */
  inputTerm?: string;
}

export interface RegoSource {
  file: string;
  text: string;
  regoVersion?: "v0" | "v1";
}

function parseAll(sources: readonly RegoSource[], opts: FrontendOptions): { modules: Module[]; sourceFiles: Map<string, SourceFile>; diagnostics: Diagnostic[] } {
  const modules: Module[] = [];
  const diagnostics: Diagnostic[] = [];
  const sourceFiles = new Map<string, SourceFile>();
  for (const src of sources) {
    sourceFiles.set(src.file, new SourceFile(src.file, src.text));
    const r = parseModule(src.file, src.text, { regoVersion: src.regoVersion ?? opts.regoVersion ?? "v1" });
    diagnostics.push(...r.diagnostics);
    if (r.module) modules.push(r.module);
  }
  return { modules, sourceFiles, diagnostics };
}

/**
 * Compiles modules to a policy with one plan per entrypoint (`"test/p"` plans
 * `data.test.p`); each plan's result set is `[{"result": value}]`, or empty
 * when the value is undefined.
 */
export function compileModules(sources: readonly RegoSource[], entrypoints: readonly string[], opts: FrontendOptions = {}): PlanResult {
  const parsed = parseAll(sources, opts);
  if (parsed.diagnostics.length > 0) return { diagnostics: sortDiagnostics(parsed.diagnostics) };
  const state = newState(parsed.modules, parsed.sourceFiles);
  if (!runStages(state)) return { diagnostics: sortDiagnostics(state.diagnostics) };
  return planEntrypoints(state, entrypoints);
}

/**
 * Compiles a query (`data.test.p = x`, `x := 1; y := x + 1`) against modules
 * into a policy with a single plan, `eval`. Each solution of the query adds
 * `{"result": {"x": ..., "y": ...}}` to the result set: an object of the
 * query's named variables (in order of first appearance in the query text;
 * `_` and generated vars excluded) bound to their values. An undefined query
 * gives `[]`; a query without variables gives `[{"result": {}}]` when true.
 * The result set is a set: identical solutions appear once.
 * `bindings` lists the variable names, in the order above.
 */
export function compileQuery(sources: readonly RegoSource[], query: string, opts: QueryOptions = {}): { policy?: Policy; bindings: string[]; diagnostics: Diagnostic[] } {
  const parsed = parseAll(sources, opts);
  const version = opts.regoVersion ?? "v1";
  const q = parseQuery(query, { regoVersion: version }, "query");
  parsed.sourceFiles.set("query", new SourceFile("query", query));
  const diags = [...parsed.diagnostics, ...q.diagnostics];
  let inputTerm: Term | undefined;
  if (opts.inputTerm !== undefined) {
    const t = parseTerm(opts.inputTerm, { regoVersion: version }, "input");
    const src = new SourceFile("input", opts.inputTerm);
    parsed.sourceFiles.set("input", src);
    diags.push(...t.diagnostics);
    if (t.term && !isValue(t.term)) diags.push(error(COMPILE_ERROR, "input term must be a value (no variables, references, calls or comprehensions)", src.span(t.term.loc.start, t.term.loc.end)));
    inputTerm = t.term;
  }
  if (diags.length > 0 || !q.body) return { bindings: [], diagnostics: sortDiagnostics(diags) };
  const bindings = queryVars(q.body);
  const state = newState(parsed.modules, parsed.sourceFiles);
  state.query = { body: q.body, file: "query" };
  if (!runStages(state)) return { bindings, diagnostics: sortDiagnostics(state.diagnostics) };
  const r = planQuery(state, bindings, inputTerm);
  return { ...r, bindings };
}

/** Named vars of a query in order of first appearance (not `_`, not inside comprehensions). */
function queryVars(body: import("./syntax/index.js").Body): string[] {
  const out: { name: string; at: number }[] = [];
  const seen = new Set<string>();
  for (const e of body) {
    if (e.kind === "every") continue;
    visitExprVars(e, (v) => {
      if (v.name === "_" || v.name === "input" || v.name === "data" || seen.has(v.name)) return;
      seen.add(v.name);
      out.push({ name: v.name, at: v.loc.start });
    }, false);
  }
  return out.sort((a, b) => a.at - b.at).map((x) => x.name);
}

/** A term made of scalars and composites only. */
function isValue(t: Term): boolean {
  if (t.type === "var" || t.type === "ref" || t.type === "call" || t.type === "arraycompr" || t.type === "setcompr" || t.type === "objectcompr") return false;
  return termChildren(t).every(isValue);
}
