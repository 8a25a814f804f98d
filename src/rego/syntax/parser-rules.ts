/**
 * Module-level productions:
 *   module    := package { import | rule }
 *   package   := "package" path
 *   import    := "import" path [ "as" var ]
 *   rule      := [ "default" ] ruleHead [ ruleBody { "{" body "}" } | ruleBody elseClause { elseClause } ]
 *   ruleHead  := ref [ "(" terms ")" ] [ "contains" termInfix | ("=" | ":=") termInfix ]
 *   ruleBody  := "if" ( "{" body "}" | literal ) | "{" body "}"
 *   elseClause:= "else" [ ("=" | ":=") termInfix ] [ ruleBody ]
 */
import type { Body, ElseClause, Import, Package, Rule, RuleHead, RuleRef, Term } from "./ast.js";
import type { Parser } from "./parser-core.js";
import { parseBody, parseLiteral } from "./parser-exprs.js";
import { parseTermFinish, parseTermInfix } from "./parser-terms.js";
import { printRuleRef } from "./printer.js";
import { FUTURE_KEYWORDS } from "./tokens.js";

const IMPORT_ROOTS = new Set(["data", "input", "future", "rego"]);

/** `a.b["c"]`: an ident, then `.name` or `["string"]` parts; keywords are fine as names. */
function parsePath(p: Parser): { path: string[]; start: number } | undefined {
  const first = p.peek();
  if (first.kind !== "ident") return p.illegal(), undefined;
  p.next();
  const path = [first.text];
  for (;;) {
    const t = p.peek();
    if (t.ws) break;
    if (t.kind === ".") {
      p.next();
      const name = p.peek();
      if (name.ws || name.kind !== "ident") return p.illegal("expected ident"), undefined;
      p.next();
      path.push(name.text);
    } else if (t.kind === "[") {
      p.next();
      const key = parseTermInfix(p, true);
      if (!key) return undefined;
      if (key.type !== "string") {
        p.error(`unexpected ${key.type} token: expecting string`, key.loc.start, key.loc.end);
        return undefined;
      }
      if (!p.is("]")) return p.illegal("expected ]"), undefined;
      p.next();
      path.push(key.value);
    } else break;
  }
  return { path, start: first.start };
}

export function parsePackage(p: Parser): Package | undefined {
  const start = p.next().start;
  const r = parsePath(p);
  return r && { path: r.path, loc: p.loc(start) };
}

export function parseImport(p: Parser): Import | undefined {
  const start = p.next().start;
  const r = parsePath(p);
  if (!r) return undefined;
  const end = p.lastEnd();
  const root = r.path[0]!;
  if (!IMPORT_ROOTS.has(root)) {
    p.error(`unexpected import path, must begin with one of: {data, future, input, rego}, got: ${root}`, r.start, end);
    return undefined;
  }
  const imp: Import = { path: r.path, loc: p.loc(start) };
  if (p.isKw("as")) {
    p.next();
    const alias = p.peek();
    if (alias.kind !== "ident" || p.keyword() !== undefined) return p.illegal("expected var"), undefined;
    p.next();
    imp.alias = alias.text;
    imp.loc = p.loc(start);
  }
  if (root === "future") return futureImport(p, imp, r.start, end);
  if (root === "rego") return regoImport(p, imp, r.start, end);
  return imp;
}

function futureImport(p: Parser, imp: Import, start: number, end: number): Import | undefined {
  const path = imp.path;
  if (path.length === 1 || path[1] !== "keywords") return p.error("invalid import, must be `future.keywords`", start, end), undefined;
  if (imp.alias !== undefined) return p.error("`future` imports cannot be aliased", start, end), undefined;
  if (path.length > 3) return p.error("invalid import, must be `future.keywords.x`, e.g. `import future.keywords.in`", start, end), undefined;
  if (path.length === 3 && !FUTURE_KEYWORDS.includes(path[2]!)) {
    return p.error(`unexpected keyword, must be one of [${[...FUTURE_KEYWORDS].sort().join(" ")}]`, start, end), undefined;
  }
  // `every` needs `in`: importing it brings both, as OPA does.
  const kws = path.length === 3 ? (path[2] === "every" ? ["every", "in"] : [path[2]!]) : FUTURE_KEYWORDS;
  for (const kw of kws) p.future.add(kw);
  return imp;
}

function regoImport(p: Parser, imp: Import, start: number, end: number): Import | undefined {
  if (imp.path.length !== 2 || imp.path[1] !== "v1") return p.error(`invalid import \`${imp.path.join(".")}\`, must be \`rego.v1\``, start, end), undefined;
  if (p.version === "v1") return imp;
  if (imp.alias !== undefined) return p.error("`rego` imports cannot be aliased", start, end), undefined;
  p.regoV1Import = true;
  for (const kw of FUTURE_KEYWORDS) p.future.add(kw);
  return imp;
}

/** A rule; several when it has extra bodies (`p { a } { b }`), which share the head. */
export function parseRule(p: Parser): Rule[] | undefined {
  const start = p.peek().start;
  let isDefault = false;
  if (p.isKw("default") && !p.keywordStartsRef()) {
    p.next();
    isDefault = true;
  }
  const first = p.peek();
  // `contains := 1` parses as a rule named `contains`; v1 strictness then refuses the name, as OPA does.
  const kw = p.keyword();
  if (first.kind !== "ident" || (kw !== undefined && kw !== "contains" && !p.keywordStartsRef())) return notARule(p);
  const parsed = parseRuleHead(p, isDefault, start);
  if (!parsed) return undefined;
  const { head, contains, name } = parsed;
  const t = head.kind === "function" ? "function" : "rule";

  if (isDefault) {
    const rule: Rule = { default: true, head, body: [], else: [], loc: p.loc(start) };
    return checkDefault(p, rule) ? [rule] : undefined;
  }

  const hasIf = p.isKw("if");
  let body: Body = [];
  if (hasIf || p.is("{")) {
    const b = parseRuleBody(p, hasIf);
    if (!b) return undefined;
    body = b;
    if (!hasIf) p.strictErrors.push({ message: `\`if\` keyword is required before ${t} body`, start, end: start });
  } else if (!contains) {
    // No body: OPA reads the statement as an expression and turns it into a rule.
    const bare = head.kind === "single" && head.value === undefined;
    if (bare) {
      p.error(head.ref.path.length === 0 ? "var cannot be used for rule name" : "refs cannot be used for rule", head.loc.start, head.loc.end);
      return undefined;
    }
    if (head.kind === "function" && head.value === undefined) {
      p.strictErrors.push({ message: "function must have value assignment and/or body declaration", start, end: start });
    }
  }
  if (head.kind === "multi" && !contains) {
    p.strictErrors.push({ message: "`contains` keyword is required for partial set rules", start, end: start });
  }
  if (FUTURE_KEYWORDS.includes(name)) {
    p.strictErrors.push({ message: `${name} keyword cannot be used for ${t} name`, start, end: start });
  }

  const elses: ElseClause[] = [];
  if (p.isKw("else") && !p.keywordStartsRef()) {
    const t0 = p.peek();
    if (head.kind === "multi") return p.error("else keyword cannot be used on multi-value rules", t0.start, t0.end), undefined;
    if (head.ref.path.length > 0 && !head.ref.path.every(isGround)) {
      return p.error("else keyword cannot be used on rules with variables in head", t0.start, t0.end), undefined;
    }
    while (p.isKw("else")) {
      const e = parseElse(p, t);
      if (!e) return undefined;
      elses.push(e);
    }
  }
  const rules: Rule[] = [{ default: false, head, body, else: elses, loc: p.loc(start) }];
  while (p.is("{")) {
    const t1 = p.peek();
    if (elses.length > 0) return p.error("expected else keyword", t1.start, t1.end), undefined;
    p.next();
    const more = parseBody(p, "}");
    if (!more) return undefined;
    p.next();
    rules.push({ default: false, head: JSON.parse(JSON.stringify(head)) as RuleHead, body: more, else: [], loc: p.loc(t1.start) });
  }
  return rules;
}

/** A statement that starts like no rule: parse it as an expression to say what it is. */
function notARule(p: Parser): undefined {
  const expr = parseLiteral(p);
  if (!expr) return undefined;
  const what = expr.kind === "term" ? expr.term.type : expr.kind === "unify" || expr.kind === "assign" ? expr.lhs.type : expr.kind;
  p.error(`${what} cannot be used for rule name`, expr.loc.start, expr.loc.end);
  return undefined;
}

/** `if` literal, `if { body }` or `{ body }`. After `if`, a lone set literal means a braced body. */
function parseRuleBody(p: Parser, hasIf: boolean): Body | undefined {
  if (hasIf) {
    p.next();
    const m = p.save();
    const expr = parseLiteral(p);
    if (expr && !(expr.kind === "term" && expr.term.type === "set")) return [expr];
    p.restore(m);
    if (!p.is("{")) {
      parseLiteral(p); // report why the literal did not parse
      return undefined;
    }
  }
  p.next(); // {
  const body = parseBody(p, "}");
  if (body) p.next();
  return body;
}

function parseElse(p: Parser, t: string): ElseClause | undefined {
  const start = p.next().start;
  const clause: ElseClause = { assign: false, body: [], loc: p.loc(start) };
  if (p.is("=") || p.is(":=")) {
    clause.assign = p.next().kind === ":=";
    const value = parseTermInfix(p, true);
    if (!value) return undefined;
    clause.value = value;
  } else if (!p.is("{") && !p.isKw("if")) {
    return p.illegal("expected else value term or rule body"), undefined;
  }
  const hasIf = p.isKw("if");
  if (hasIf || p.is("{")) {
    if (hasIf) p.next();
    if (p.is("{")) {
      p.next();
      const body = parseBody(p, "}");
      if (!body) return undefined;
      p.next();
      clause.body = body;
      if (!hasIf) p.strictErrors.push({ message: `\`if\` keyword is required before ${t} body`, start, end: start });
    } else if (p.is("eof")) {
      return p.illegal("rule body expected"), undefined;
    } else {
      const expr = parseLiteral(p);
      if (!expr) return undefined;
      clause.body = [expr];
    }
  }
  clause.loc = p.loc(start);
  return clause;
}

interface ParsedHead {
  head: RuleHead;
  contains: boolean;
  name: string;
}

function parseRuleHead(p: Parser, isDefault: boolean, ruleStart: number): ParsedHead | undefined {
  const tok = p.next();
  const start = tok.start;
  const name = tok.text;
  const nameVar = { type: "var" as const, name, loc: { start, end: tok.end } };
  const after = p.peek();
  if (!after.ws && ["+", "-", "*", "/", "%", "&", "|", "==", "!=", "<", "<=", ">", ">="].includes(after.kind)) {
    return p.illegal(), undefined;
  }
  const term = parseTermFinish(p, nameVar, true);
  if (!term) return undefined;
  let ref: RuleRef;
  let args: Term[] | undefined;
  if (term.type === "var") ref = { head: nameVar, path: [] };
  else if (term.type === "ref" && term.head.type === "var") ref = { head: nameVar, path: term.path };
  else if (term.type === "call" && term.fn.head.type === "var") {
    ref = { head: nameVar, path: term.fn.path };
    args = term.args;
  } else {
    return p.error("rule head ref invalid", term.loc.start, term.loc.end), undefined;
  }
  let value: Term | undefined;
  let assign = false;
  if (p.isKw("contains")) {
    if (args) {
      return p.illegal(`the contains keyword can only be used with multi-value rule definitions (e.g., ${printRuleRef(ref)} contains <VALUE> { ... })`), undefined;
    }
    p.next();
    const key = parseTermInfix(p, true);
    if (!key) return undefined;
    return { head: { kind: "multi", ref, key, loc: p.loc(start) }, contains: true, name };
  }
  if (p.is("=") || p.is(":=")) {
    assign = p.next().kind === ":=";
    value = parseTermInfix(p, true);
    if (!value) return undefined;
  } else if (isDefault) {
    p.error("illegal default rule (must have a value)", ruleStart, p.lastEnd());
    return undefined;
  }
  const loc = p.loc(start);
  if (args) {
    const head: RuleHead = { kind: "function", ref, args, assign, loc };
    if (value) head.value = value;
    return { head, contains: false, name };
  }
  // v0 `p[x] { ... }` (and `p.q { ... }`) without `if` or a value: a partial set.
  if (!value && ref.path.length === 1 && !p.isKw("if") && !isDefault) {
    return { head: { kind: "multi", ref: { head: nameVar, path: [] }, key: ref.path[0]!, loc }, contains: false, name };
  }
  const head: RuleHead = { kind: "single", ref, assign, loc };
  if (value) head.value = value;
  return { head, contains: false, name };
}

function checkDefault(p: Parser, rule: Rule): boolean {
  const head = rule.head;
  if (head.kind === "multi" || !head.value) {
    p.error("illegal default rule (must have a value)", rule.loc.start, rule.loc.end);
    return false;
  }
  const bad = firstNonConstant(head.value);
  if (bad) {
    p.error(`illegal default rule (value cannot contain ${bad})`, rule.loc.start, rule.loc.end);
    return false;
  }
  if (head.kind === "function") {
    const seen = new Set<string>();
    for (const a of head.args) {
      if (a.type !== "var") return p.error(`illegal default rule (arguments cannot contain ${a.type})`, rule.loc.start, rule.loc.end), false;
      if (seen.has(a.name) && a.name !== "_") {
        return p.error(`illegal default rule (arguments cannot be repeated ${a.name})`, rule.loc.start, rule.loc.end), false;
      }
      seen.add(a.name);
    }
  }
  return true;
}

/** The first var, ref or call in `t`, outside comprehensions. */
function firstNonConstant(t: Term): string | undefined {
  switch (t.type) {
    case "var":
    case "ref":
    case "call":
      return t.type;
    case "array":
    case "set":
      for (const x of t.items) {
        const r = firstNonConstant(x);
        if (r) return r;
      }
      return undefined;
    case "object":
      for (const [k, v] of t.entries) {
        const r = firstNonConstant(k) ?? firstNonConstant(v);
        if (r) return r;
      }
      return undefined;
    default:
      return undefined;
  }
}

function isGround(t: Term): boolean {
  switch (t.type) {
    case "var":
      return false;
    case "ref":
      return isGround(t.head) && t.path.every(isGround);
    case "call":
      return t.args.every(isGround) && isGround(t.fn);
    case "array":
    case "set":
      return t.items.every(isGround);
    case "object":
      return t.entries.every(([k, v]) => isGround(k) && isGround(v));
    case "arraycompr":
    case "setcompr":
    case "objectcompr":
      return false;
    default:
      return true;
  }
}
