/**
 * Terms, from the loosest binding to the tightest:
 *   termInfix  := relation [ "," relation "in" relation ] { "in" relation }   (key-value form only where keyVal)
 *   relation   := or { ("==" | "!=" | "<" | "<=" | ">" | ">=") or }
 *   or         := and { "|" and }
 *   and        := arith { "&" arith }
 *   arith      := factor { ("+" | "-") factor }
 *   factor     := term { ("*" | "/" | "%") term }
 *   term       := primary { ref-part }     (no whitespace before a ref part)
 */
import type { Body, RefTerm, Term, VarTerm } from "./ast.js";
import { parseBody } from "./parser-exprs.js";
import type { Parser } from "./parser-core.js";
import { INFIX_BUILTINS, type TokenKind } from "./tokens.js";

const ROOT_DOCUMENTS = new Set(["data", "input"]);

/** `ref(name)` for an operator or builtin: `plus`, `internal.member_2`. */
export function builtinRef(name: string, start: number, end: number): RefTerm {
  const loc = { start, end };
  // Most operators are one word (`plus`): no split needed.
  const dot = name.indexOf(".");
  const head = dot < 0 ? name : name.slice(0, dot);
  const rest = dot < 0 ? [] : name.slice(dot + 1).split(".");
  return {
    type: "ref",
    head: { type: "var", name: head, loc },
    path: rest.map((value) => ({ type: "string", value, loc })),
    loc,
  };
}

/** The full infix expression: relations, `in`, and (where `keyVal`) `k, v in xs`. */
export function parseTermInfix(p: Parser, keyVal: boolean): Term | undefined {
  if (!p.enter()) return undefined;
  try {
    return parseTermInfixAt(p, keyVal);
  } finally {
    p.leave();
  }
}

function parseTermInfixAt(p: Parser, keyVal: boolean): Term | undefined {
  let lhs = parseRelation(p);
  if (!lhs) return undefined;
  for (;;) {
    if (keyVal && p.is(",")) {
      const m = p.save();
      p.next();
      const mhs = parseRelation(p);
      if (mhs && p.isKw("in")) {
        const op = p.next();
        const rhs = parseRelation(p);
        if (rhs) {
          lhs = call("internal.member_3", op.start, op.end, [lhs, mhs, rhs]);
          continue;
        }
      }
      p.restore(m);
    }
    if (p.isKw("in")) {
      const op = p.next();
      const rhs = parseRelation(p);
      if (!rhs) return undefined;
      lhs = call("internal.member_2", op.start, op.end, [lhs, rhs]);
      continue;
    }
    return lhs;
  }
}

function call(name: string, opStart: number, opEnd: number, args: Term[]): Term {
  return {
    type: "call",
    fn: builtinRef(name, opStart, opEnd),
    args,
    loc: { start: args[0]!.loc.start, end: args[args.length - 1]!.loc.end },
  };
}

/**
 * The binary operator levels (relation ... factor above) by precedence
 * climbing: one loop instead of a call per level per operand, building the
 * same left-associative trees.
 */
const PRECEDENCE: Partial<Record<TokenKind, number>> = {
  "==": 1, "!=": 1, "<": 1, "<=": 1, ">": 1, ">=": 1,
  "|": 2,
  "&": 3,
  "+": 4, "-": 4,
  "*": 5, "/": 5, "%": 5,
};

/** Operands joined by operators of precedence `min` or tighter. */
function parseBinary(p: Parser, min: number): Term | undefined {
  let lhs = parseTerm(p);
  if (!lhs) return undefined;
  for (;;) {
    const prec = PRECEDENCE[p.peek().kind];
    if (prec === undefined || prec < min) return lhs;
    const op = p.next();
    const rhs = parseBinary(p, prec + 1);
    if (!rhs) return undefined;
    lhs = call(INFIX_BUILTINS[op.kind]!, op.start, op.end, [lhs, rhs]);
  }
}

export const parseRelation = (p: Parser): Term | undefined => parseBinary(p, 1);

/** A primary term and its ref parts: `x`, `input.a[0]`, `f(x).y`, `[1, 2]`, `(a + b)`. */
export function parseTerm(p: Parser): Term | undefined {
  return p.memoTerm(parseTermAt);
}

/** parseTerm without the memo (a static function: no closure per term). */
function parseTermAt(p: Parser): Term | undefined {
  if (!p.enter()) return undefined;
  try {
    return parseTermFinish(p, parsePrimary(p));
  } finally {
    p.leave();
  }
}

function parsePrimary(p: Parser): Term | undefined {
  const tok = p.peek();
  const loc = { start: tok.start, end: tok.end };
  switch (tok.kind) {
    case "ident": {
      const kw = p.keyword();
      if (kw === "null") return p.next(), { type: "null", loc };
      if (kw === "true" || kw === "false") return p.next(), { type: "boolean", value: kw === "true", loc };
      // `contains` is a keyword only in rule heads; any keyword may head a ref (`input.in` style refs start elsewhere).
      if (kw === undefined || kw === "contains" || p.keywordStartsRef()) return p.next(), { type: "var", name: tok.text, loc };
      p.illegal();
      return undefined;
    }
    case "-":
    case ".":
    case "number":
      return parseNumber(p);
    case "string":
      p.next();
      return { type: "string", value: tok.value!, loc };
    case "[":
      return parseArray(p);
    case "{":
      return parseSetOrObject(p);
    case "(": {
      p.next();
      const inner = parseTermInfix(p, true);
      if (!inner) return undefined;
      if (!p.is(")")) {
        const t = p.peek();
        p.error("non-terminated expression", t.start, t.end);
        return undefined;
      }
      p.next();
      return inner;
    }
    default:
      p.illegal();
      return undefined;
  }
}

/** `-`? `.`? number, kept as source text; OPA refuses leading zeros (`01`). */
function parseNumber(p: Parser): Term | undefined {
  const start = p.peek().start;
  let prefix = "";
  if (p.is("-")) {
    prefix = "-";
    p.next();
    if (!p.is("number") && !p.is(".")) return p.illegal("expected number"), undefined;
  }
  if (p.is(".")) {
    prefix += ".";
    p.next();
    if (!p.is("number")) return p.illegal("expected number"), undefined;
  }
  const lit = p.peek().text;
  if (!prefix.endsWith(".") && lit.length > 1 && lit[0] === "0") {
    const ok = lit[1] === "." || (lit.length > 2 && (lit[1] === "e" || lit[1] === "E"));
    if (!ok) return p.illegal("expected number without leading zero"), undefined;
  }
  p.next();
  return { type: "number", value: prefix + lit, loc: p.loc(start) };
}

/** Ref parts after a term, when they follow without whitespace; `input` and `data` alone become refs. */
export function parseTermFinish(p: Parser, head: Term | undefined, allowWs = false): Term | undefined {
  if (!head) return undefined;
  const t = p.peek();
  if ((!t.ws || allowWs) && (t.kind === "." || t.kind === "[" || t.kind === "(")) return parseRef(p, head);
  if (head.type === "var" && ROOT_DOCUMENTS.has(head.name)) return { type: "ref", head, path: [], loc: head.loc };
  return head;
}

const REF_HEADS = new Set(["var", "array", "object", "set", "arraycompr", "setcompr", "objectcompr", "call"]);

function parseRef(p: Parser, head: Term): Term | undefined {
  if (!REF_HEADS.has(head.type)) p.error(`illegal ref (head cannot be ${head.type})`, head.loc.start, head.loc.end);
  const start = head.loc.start;
  let cur: Term = head;
  let path: Term[] = [];
  let first = true;
  for (;;) {
    const t = p.peek();
    if (t.ws && !first) break;
    first = false;
    if (t.kind === ".") {
      p.next();
      const name = p.peek();
      if (name.ws) return p.error("unexpected whitespace token: expected ident", t.end), undefined;
      if (name.kind !== "ident") return p.illegal("expected ident"), undefined;
      p.next();
      path.push({ type: "string", value: name.text, loc: { start: name.start, end: name.end } });
    } else if (t.kind === "[") {
      p.next();
      const key = parseTermInfix(p, true);
      if (!key) return undefined;
      if (!p.is("]")) return p.illegal("expected ]"), undefined;
      p.next();
      path.push(key);
    } else if (t.kind === "(") {
      if (cur.type !== "var") return p.error("illegal call (operator must be a name)", t.start, t.end), undefined;
      const fn: RefTerm = { type: "ref", head: cur, path, loc: p.loc(start) };
      const args = parseCallArgs(p);
      if (!args) return undefined;
      const loc = p.loc(start);
      cur =
        path.length === 0 && cur.name === "set" && args.length === 0
          ? { type: "set", items: [], loc }
          : { type: "call", fn, args, loc };
      path = [];
      if (p.is("(")) break;
    } else break;
  }
  if (path.length === 0) return cur;
  return { type: "ref", head: cur, path, loc: p.loc(start) };
}

function parseCallArgs(p: Parser): Term[] | undefined {
  p.next(); // (
  return parseTermList(p, ")", []);
}

/** Terms separated by commas up to `end` (consumed); a trailing comma is allowed. */
function parseTermList(p: Parser, end: TokenKind, items: Term[]): Term[] | undefined {
  if (p.is(end)) return p.next(), items;
  for (;;) {
    const t = parseTermInfix(p, false);
    if (!t) return undefined;
    items.push(t);
    if (p.is(end)) return p.next(), items;
    if (!p.is(",")) return p.illegal(`expected "," or "${end}"`), undefined;
    p.next();
    if (p.is(end)) return p.next(), items;
  }
}

/** `[` terms `]` or `[` term `|` body `]`; a comprehension wins over `|` as union. */
function parseArray(p: Parser): Term | undefined {
  const start = p.next().start;
  if (p.is("]")) return p.next(), { type: "array", items: [], loc: p.loc(start) };
  let potentialComprehension = true;
  if (p.is(",")) {
    potentialComprehension = false; // `[, x]`: OPA skips a leading comma
    p.next();
  }
  const m = p.save();
  const head = parseTerm(p);
  if (!head) return undefined;
  if (p.is("]")) return p.next(), { type: "array", items: [head], loc: p.loc(start) };
  if (p.is(",")) {
    p.next();
    const items = parseTermList(p, "]", [head]);
    return items && { type: "array", items, loc: p.loc(start) };
  }
  if (p.is("|") && potentialComprehension) {
    p.next();
    const body = parseBody(p, "]");
    if (body) return p.next(), { type: "arraycompr", term: head, body, loc: p.loc(start) };
    if (!p.is(",")) return undefined;
  }
  p.restore(m);
  const items = parseTermList(p, "]", []);
  return items && { type: "array", items, loc: p.loc(start) };
}

function parseSetOrObject(p: Parser): Term | undefined {
  const start = p.next().start;
  if (p.is("}")) return p.next(), { type: "object", entries: [], loc: p.loc(start) };
  let potentialComprehension = true;
  if (p.is(",")) {
    potentialComprehension = false;
    p.next();
  }
  const m = p.save();
  let head = parseTerm(p);
  if (!head) return undefined;
  if ((p.is("|") && potentialComprehension) || p.is("}") || p.is(",")) {
    return parseSetTail(p, start, m, head, potentialComprehension);
  }
  if (p.is(":")) return parseObjectTail(p, start, head, potentialComprehension);
  p.restore(m);
  head = parseTermInfix(p, false);
  if (!head) return undefined;
  if (p.is("}") || p.is(",")) return parseSetTail(p, start, m, head, false);
  if (p.is(":")) return parseObjectTail(p, start, head, potentialComprehension);
  p.illegal("non-terminated set");
  return undefined;
}

function parseSetTail(p: Parser, start: number, m: ReturnType<Parser["save"]>, head: Term, compr: boolean): Term | undefined {
  if (p.is("}")) return p.next(), { type: "set", items: [head], loc: p.loc(start) };
  if (p.is(",")) {
    p.next();
    const items = parseTermList(p, "}", [head]);
    return items && { type: "set", items, loc: p.loc(start) };
  }
  if (p.is("|") && compr) {
    p.next();
    const body = parseBody(p, "}");
    if (body) return p.next(), { type: "setcompr", term: head, body, loc: p.loc(start) };
    if (!p.is(",")) return undefined;
    p.restore(m);
    const items = parseTermList(p, "}", []);
    return items && { type: "set", items, loc: p.loc(start) };
  }
  return undefined;
}

function parseObjectTail(p: Parser, start: number, key: Term, compr: boolean): Term | undefined {
  p.next(); // :
  const m = p.save();
  const value = parseTerm(p);
  if (!value) return undefined;
  if (compr && (p.is("}") || p.is(","))) return parseObjectFinish(p, start, key, value, true);
  if (compr && p.is("|")) {
    const t = parseObjectFinish(p, start, key, value, true);
    if (t) return t;
  }
  p.restore(m);
  const v = parseTermInfix(p, false);
  if (!v) return undefined;
  if (p.is("}") || p.is(",")) return parseObjectFinish(p, start, key, v, false);
  p.illegal("non-terminated object");
  return undefined;
}

function parseObjectFinish(p: Parser, start: number, key: Term, value: Term, compr: boolean): Term | undefined {
  if (p.is("}")) return p.next(), { type: "object", entries: [[key, value]], loc: p.loc(start) };
  if (p.is("|")) {
    if (!compr) return p.illegal("non-terminated object"), undefined;
    p.next();
    const body: Body | undefined = parseBody(p, "}");
    return body && (p.next(), { type: "objectcompr", key, value, body, loc: p.loc(start) });
  }
  if (p.is(",")) {
    p.next();
    const entries: [Term, Term][] = [[key, value]];
    if (p.is("}")) return p.next(), { type: "object", entries, loc: p.loc(start) };
    for (;;) {
      const k = parseTermInfix(p, false);
      if (!k) return undefined;
      if (!p.is(":")) return p.illegal('expected ":"'), undefined;
      p.next();
      const v = parseTermInfix(p, false);
      if (!v) return undefined;
      entries.push([k, v]);
      if (p.is("}")) return p.next(), { type: "object", entries, loc: p.loc(start) };
      if (!p.is(",")) return p.illegal('expected "," or "}"'), undefined;
      p.next();
      if (p.is("}")) return p.next(), { type: "object", entries, loc: p.loc(start) };
    }
  }
  return undefined;
}

/** A plain variable (not a keyword), for `some` and `every` declarations. */
export function parseVarToken(p: Parser): VarTerm | undefined {
  const t = p.peek();
  if (t.kind !== "ident" || p.keyword() !== undefined) return p.illegal("expected var"), undefined;
  p.next();
  return { type: "var", name: t.text, loc: { start: t.start, end: t.end } };
}
