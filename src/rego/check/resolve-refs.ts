/**
 * resolveRefs: replaces names that refer to rules of the module's package or
 * to imports by full refs (`p[x]` -> `data.pkg.p[x]`, `lib.f(x)` ->
 * `data.lib.f(x)`, an `import input.a as b` alias `b` -> `input.a`), as
 * OPA's ResolveRefs stage. Names the rule declares locally (function
 * parameters, `:=`, `some`, `every`) stay variables.
 *
 * checkImports: duplicate imports (an error in v1, as OPA's strict checks).
 */
import type { Body, Expr, Module, Rule, Term, VarTerm } from "../syntax/index.js";
import { COMPILE_ERROR, type CompileState, report } from "./env.js";
import { mapExpr, mapList, mapTerm } from "./map-term.js";
import { exprTerms, visitVars } from "./walk.js";

export function checkImports(s: CompileState): void {
  for (const m of s.modules) {
    const seen = new Map<string, string>();
    for (const imp of m.imports) {
      if (imp.path[0] === "future" || imp.path[0] === "rego") continue;
      const name = imp.alias ?? imp.path[imp.path.length - 1]!;
      const full = imp.path.join(".");
      if (seen.has(name)) {
        if (m.regoVersion === "v1") report(s, COMPILE_ERROR, `import must not shadow import ${seen.get(name)}`, m.file, imp.loc);
      } else seen.set(name, full);
    }
  }
}

export function resolveRefs(s: CompileState): void {
  // A package may span several files (policy.rego and policy_test.rego):
  // every rule of the package is visible by name in each of them, as in OPA.
  const packageRules = new Map<string, Set<string>>();
  for (const m of s.modules) {
    const key = JSON.stringify(m.package.path);
    const names = packageRules.get(key) ?? new Set<string>();
    for (const r of m.rules) names.add(r.head.ref.head.name);
    packageRules.set(key, names);
  }
  for (const m of s.modules) {
    const globals = moduleGlobals(m, packageRules.get(JSON.stringify(m.package.path))!);
    // In place: the rule tree refers to these rule objects.
    for (const r of m.rules) Object.assign(r, resolveRule(r, globals));
  }
}

/** Name -> the root var and path it stands for. */
type Globals = Map<string, { root: "data" | "input"; path: string[] }>;

function moduleGlobals(m: Module, ruleNames: Set<string>): Globals {
  const g: Globals = new Map();
  for (const name of ruleNames) g.set(name, { root: "data", path: [...m.package.path, name] });
  for (const imp of m.imports) {
    const root = imp.path[0];
    if (root !== "data" && root !== "input") continue;
    const name = imp.alias ?? imp.path[imp.path.length - 1]!;
    g.set(name, { root, path: imp.path.slice(1) });
  }
  return g;
}

/**
 * Vars a rule declares: they shadow globals everywhere in the rule. That is
 * its function parameters and every var declared (`:=`, `some`, `some ... in`,
 * `every`) by an expression of its bodies, of the `every` bodies in them and
 * of the comprehension bodies in their terms, at any depth.
 */
function declaredVars(rule: Rule): Set<string> {
  const out = new Set<string>();
  const add = (v: VarTerm): void => void out.add(v.name);
  if (rule.head.kind === "function") for (const a of rule.head.args) visitVars(a, add);
  const body = (b: Body): void => {
    for (const e of b) expr(e);
  };
  const expr = (e: Expr): void => {
    if (e.kind === "assign") visitVars(e.lhs, add, false);
    if (e.kind === "some") for (const v of e.vars) out.add(v.name);
    if (e.kind === "somein") {
      if (e.key) visitVars(e.key, add, false);
      visitVars(e.value, add, false);
    }
    if (e.kind === "every") {
      if (e.key) out.add(e.key.name);
      out.add(e.value.name);
      body(e.body);
    }
    for (const t of exprTerms(e)) comprehensions(t);
  };
  // The bodies of the comprehensions under a term (a call's name is not searched).
  const comprehensions = (t: Term): void => {
    switch (t.type) {
      case "arraycompr":
      case "setcompr":
        comprehensions(t.term);
        body(t.body);
        return;
      case "objectcompr":
        comprehensions(t.key);
        comprehensions(t.value);
        body(t.body);
        return;
      case "call":
        for (const a of t.args) comprehensions(a);
        return;
      case "ref":
        comprehensions(t.head);
        for (const p of t.path) comprehensions(p);
        return;
      case "array":
      case "set":
        for (const x of t.items) comprehensions(x);
        return;
      case "object":
        for (const [k, v] of t.entries) {
          comprehensions(k);
          comprehensions(v);
        }
    }
  };
  body(rule.body);
  for (const e of rule.else) body(e.body);
  return out;
}

function resolveRule(rule: Rule, globals: Globals): Rule {
  const locals = declaredVars(rule);
  const term = (t: Term): Term => {
    if (t.type !== "var" || locals.has(t.name)) return t;
    const g = globals.get(t.name);
    if (!g) return t;
    return {
      type: "ref",
      head: { type: "var", name: g.root, loc: t.loc },
      path: g.path.map((value) => ({ type: "string", value, loc: t.loc })),
      loc: t.loc,
    };
  };
  const body = (b: Body): Body => mapList(b, (e) => mapExpr(e, mapper));
  const mapper = { term, body, calls: true };
  const f = (t: Term): Term => mapTerm(t, mapper);
  const h = rule.head;
  const refPath = h.ref.path.map(f);
  let head: Rule["head"];
  switch (h.kind) {
    case "single":
      head = { ...h, ref: { ...h.ref, path: refPath } };
      if (h.value) head.value = f(h.value);
      break;
    case "multi":
      head = { ...h, ref: { ...h.ref, path: refPath }, key: f(h.key) };
      break;
    case "function":
      head = { ...h, ref: { ...h.ref, path: refPath } };
      if (h.value) head.value = f(h.value);
      break;
  }
  return {
    ...rule,
    head,
    body: body(rule.body),
    else: rule.else.map((e) => {
      const r = { ...e, body: body(e.body) };
      if (e.value) r.value = f(e.value);
      return r;
    }),
  };
}
