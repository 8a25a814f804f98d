/**
 * The state the check stages share and the planner reads: parsed modules
 * (rewritten in place by the stages), the rule tree, an optional query, and
 * the diagnostics collected so far.
 */
import { type Diagnostic, SourceFile, error } from "../../diag/index.js";
import type { Body, Loc, Module, Rule } from "../syntax/index.js";

export const UNSAFE_VAR_ERROR = "rego_unsafe_var_error";
export const TYPE_ERROR = "rego_type_error";
export const RECURSION_ERROR = "rego_recursion_error";
export const COMPILE_ERROR = "rego_compile_error";
export const UNSUPPORTED_ERROR = "rego_unsupported_error";

/** How a node's rules produce its value. */
export type RuleKind = "complete" | "set" | "object" | "function";

/** A rule and the module it came from. */
export interface RuleInfo {
  rule: Rule;
  module: Module;
  kind: RuleKind;
  /** Full path of the node the rule defines (`["pkg", "p"]` for `data.pkg.p`). */
  path: string[];
  /** Head ref parts after the node path (object rules: the dynamic keys). */
  keys: import("../syntax/index.js").Term[];
  /** Object rules from `p[k1]...[kn] contains x`: the value at the keys is a set that `x` joins. */
  leafSet?: boolean;
}

/** The tree of rule paths under `data`. */
export interface RuleNode {
  path: string[];
  children: Map<string, RuleNode>;
  rules: RuleInfo[];
}

export interface CompileState {
  modules: Module[];
  sources: Map<string, SourceFile>;
  tree: RuleNode;
  /** compileQuery: the query body, parsed in file `query`. */
  query?: { body: Body; file: string };
  diagnostics: Diagnostic[];
  /** Vars each body owns (after rewriteLocalVars): nested bodies see the rest as closures. */
  bodyVars: WeakMap<Body, Set<string>>;
  /** Counter for generated names. */
  gensym: number;
}

export function newState(modules: Module[], sources: Map<string, SourceFile>): CompileState {
  return {
    modules,
    sources,
    tree: { path: [], children: new Map(), rules: [] },
    diagnostics: [],
    bodyVars: new WeakMap(),
    gensym: 0,
  };
}

/** Adds an error at `loc` in `file`. */
export function report(s: CompileState, code: string, message: string, file: string, loc?: Loc): void {
  const src = s.sources.get(file);
  s.diagnostics.push(error(code, message, src && loc ? src.span(loc.start, loc.end) : undefined));
}

/** Finds (or creates, with `create`) the node at `path`. */
export function treeNode(root: RuleNode, path: readonly string[], create = false): RuleNode | undefined {
  let n = root;
  for (let i = 0; i < path.length; i++) {
    let c = n.children.get(path[i]!);
    if (!c) {
      if (!create) return undefined;
      c = { path: path.slice(0, i + 1), children: new Map(), rules: [] };
      n.children.set(path[i]!, c);
    }
    n = c;
  }
  return n;
}

/** Every node with rules, depth first. */
export function ruleNodes(root: RuleNode): RuleNode[] {
  const out: RuleNode[] = [];
  const walk = (n: RuleNode): void => {
    if (n.rules.length > 0) out.push(n);
    for (const c of n.children.values()) walk(c);
  };
  walk(root);
  return out;
}
