/**
 * Bodies and literals:
 *   body     := literal { (";" | newline) literal }
 *   literal  := ( "some" vars | "some" termInfix | "every" termInfix "{" body "}" | ["not"] expr ) { with }
 *   expr     := termInfix [ ("=" | ":=") termInfix ]
 *   with     := "with" term "as" termInfix
 */
import type { Body, Expr, Term, VarTerm, With } from "./ast.js";
import { callName } from "./ast.js";
import type { Parser } from "./parser-core.js";
import { parseTerm, parseTermInfix, parseVarToken } from "./parser-terms.js";
import type { TokenKind } from "./tokens.js";

/**
 * The literals of a body up to `end`, which is left for the caller to
 * consume. Literals are separated by `;` or a newline.
 */
export function parseBody(p: Parser, end: TokenKind): Body | undefined {
  return p.nested(() => {
    if (p.is(end)) {
      const t = p.peek();
      p.error("found empty body", t.start, t.end);
      return undefined;
    }
    const body: Body = [];
    for (;;) {
      const expr = parseLiteral(p);
      if (!expr) return undefined;
      body.push(expr);
      if (p.is(";")) {
        p.next();
        continue;
      }
      if (p.is(end)) return body;
      if (!p.peek().nl) {
        p.illegal(`expected \\n or ; or ${end}`);
        return undefined;
      }
    }
  });
}

export function parseLiteral(p: Parser): Expr | undefined {
  const start = p.peek().start;
  if (p.keywordStartsRef()) return parseLiteralExpr(p, false, start);
  let negated = false;
  if (p.isKw("not")) {
    p.next();
    negated = true;
  }
  if (p.isKw("some")) {
    if (negated) return p.illegal("illegal negation of 'some'"), undefined;
    return parseSome(p);
  }
  if (p.isKw("every")) {
    if (negated) return p.illegal("illegal negation of 'every'"), undefined;
    return parseEvery(p);
  }
  return parseLiteralExpr(p, negated, start);
}

function parseLiteralExpr(p: Parser, negated: boolean, start: number): Expr | undefined {
  const expr = parseExpr(p, start);
  if (!expr) return undefined;
  expr.negated = negated;
  return finishWith(p, expr, start);
}

function finishWith(p: Parser, expr: Expr, start: number): Expr | undefined {
  if (p.isKw("with")) {
    const withs = parseWith(p);
    if (!withs) return undefined;
    expr.with = withs;
  }
  expr.loc = p.loc(start);
  return expr;
}

function parseExpr(p: Parser, start: number): Expr | undefined {
  const lhs = parseTermInfix(p, true);
  if (!lhs) return undefined;
  if (p.is("=") || p.is(":=")) {
    const kind = p.next().kind === "=" ? "unify" : "assign";
    const rhs = parseTermInfix(p, true);
    if (!rhs) return undefined;
    return { kind, lhs, rhs, negated: false, with: [], loc: p.loc(start) };
  }
  return { kind: "term", term: lhs, negated: false, with: [], loc: p.loc(start) };
}

function parseWith(p: Parser): With[] | undefined {
  const withs: With[] = [];
  while (p.isKw("with")) {
    const start = p.next().start;
    if (p.peek().kind !== "ident" || (p.keyword() !== undefined && !p.keywordStartsRef())) {
      return p.illegal("expected ident"), undefined;
    }
    const target = parseTerm(p);
    if (!target) return undefined;
    if (target.type !== "ref" && target.type !== "var") return p.illegal("expected with target path"), undefined;
    if (!p.isKw("as")) return p.illegal("expected as keyword"), undefined;
    p.next();
    const value = parseTermInfix(p, true);
    if (!value) return undefined;
    withs.push({ target, value, loc: p.loc(start) });
  }
  return withs;
}

/** `(key, value, domain)` when `t` is `x in xs` or `k, x in xs`. */
function membership(t: Term): { key?: Term; value: Term; domain: Term } | undefined {
  if (t.type !== "call") return undefined;
  const name = callName(t.fn);
  if (name === "internal.member_2" && t.args.length === 2) return { value: t.args[0]!, domain: t.args[1]! };
  if (name === "internal.member_3" && t.args.length === 3) return { key: t.args[0]!, value: t.args[1]!, domain: t.args[2]! };
  return undefined;
}

function parseSome(p: Parser): Expr | undefined {
  const start = p.peek().start;
  const m = p.save();
  p.next();
  const t = parseTermInfix(p, true);
  if (t && t.type === "call") {
    const mem = membership(t);
    if (!mem) return p.illegal("expected `x in xs` or `x, y in xs` expression"), undefined;
    const expr: Expr = { kind: "somein", ...mem, negated: false, with: [], loc: p.loc(start) };
    if (!mem.key) delete (expr as { key?: Term }).key;
    return finishWith(p, expr, start);
  }
  p.restore(m);
  const vars: VarTerm[] = [];
  do {
    p.next(); // `some` or `,`
    const v = parseVarToken(p);
    if (!v) return undefined;
    vars.push(v);
  } while (p.is(","));
  return { kind: "some", vars, negated: false, with: [], loc: p.loc(start) };
}

function parseEvery(p: Parser): Expr | undefined {
  const start = p.next().start;
  const t = parseTermInfix(p, true);
  if (!t) return undefined;
  const mem = membership(t);
  if (!mem) return p.illegal("expected `x[, y] in xs { ... }` expression"), undefined;
  if (mem.key && mem.key.type !== "var") return p.illegal("expected key to be a variable"), undefined;
  if (mem.value.type !== "var") return p.illegal("expected value to be a variable"), undefined;
  if (!p.is("{")) return p.illegal("missing body"), undefined;
  p.next();
  const body = parseBody(p, "}");
  if (!body) return undefined;
  p.next();
  const expr: Expr = { kind: "every", value: mem.value, domain: mem.domain, body, negated: false, with: [], loc: p.loc(start) };
  if (mem.key) expr.key = mem.key as VarTerm;
  return finishWith(p, expr, start);
}

/**
 * A query (`data.test.p = x`): literals to the end of the text, separated by
 * `;` or newlines (OPA also takes them unseparated; we do not).
 */
export function parseQueryBody(p: Parser): Body | undefined {
  if (p.is("eof")) {
    p.error("empty query", 0);
    return undefined;
  }
  const body: Body = [];
  while (!p.is("eof")) {
    const expr = parseLiteral(p);
    if (!expr) return undefined;
    body.push(expr);
    if (p.is(";")) p.next();
    else if (!p.is("eof") && !p.peek().nl) return p.illegal("expected \\n or ; or eof"), undefined;
  }
  return body;
}
