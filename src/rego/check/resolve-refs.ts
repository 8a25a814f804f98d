/**
 * resolveRefs: replaces names that refer to rules of the module's package or
 * to imports by full refs (`p[x]` -> `data.pkg.p[x]`, `lib.f(x)` ->
 * `data.lib.f(x)`, an `import input.a as b` alias `b` -> `input.a`), as
 * OPA's ResolveRefs stage. Names the rule declares locally (function
 * parameters, `:=`, `some`, `every`) stay variables.
 *
 * checkImports: duplicate imports (an error in v1, as OPA's strict checks).
 */
import type { Body, Expr, Module, Rule, Term } from "../syntax/index.js";
import { COMPILE_ERROR, type CompileState, report } from "./env.js";
import { mapExpr, mapTerm, visitExprVars, visitVars } from "./walk.js";

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

/** Vars a rule declares: they shadow globals everywhere in the rule. */
function declaredVars(rule: Rule): Set<string> {
  const out = new Set<string>();
  if (rule.head.kind === "function") for (const a of rule.head.args) visitVars(a, (v) => out.add(v.name));
  const bodies: Body[] = [rule.body, ...rule.else.map((e) => e.body)];
  const onExpr = (e: Expr): void => {
    if (e.kind === "assign") visitVars(e.lhs, (v) => out.add(v.name), false);
    if (e.kind === "some") for (const v of e.vars) out.add(v.name);
    if (e.kind === "somein") {
      if (e.key) visitVars(e.key, (v) => out.add(v.name), false);
      visitVars(e.value, (v) => out.add(v.name), false);
    }
    if (e.kind === "every") {
      if (e.key) out.add(e.key.name);
      out.add(e.value.name);
      e.body.forEach(onExpr);
    }
  };
  const deepBodies = (b: Body): void => {
    for (const e of b) {
      onExpr(e);
      visitExprVars(e, () => undefined, true);
    }
  };
  bodies.forEach(deepBodies);
  // Declarations inside comprehensions.
  const visitCompr = (t: Term): void => {
    if (t.type === "arraycompr" || t.type === "setcompr" || t.type === "objectcompr") t.body.forEach((e) => (onExpr(e), exprCompr(e)));
  };
  const exprCompr = (e: Expr): void => {
    mapExpr(e, { term: (t) => (visitCompr(t), t), body: (b) => (b.forEach((x) => (onExpr(x), exprCompr(x))), b) });
  };
  bodies.forEach((b) => b.forEach(exprCompr));
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
  const body = (b: Body): Body => b.map((e) => mapExpr(e, mapper));
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
