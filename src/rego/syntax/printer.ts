/**
 * Prints an AST as Rego v1 source. Parentheses are added exactly where the
 * grammar needs them (precedence, and the `{a | b}` comprehension-versus-union
 * ambiguity), so that parsing the output gives back the same AST, locations
 * aside. Comments are not kept.
 */
import type { Body, ElseClause, Expr, Import, Module, Package, RefTerm, Rule, RuleRef, Term } from "./ast.js";
import { callName } from "./ast.js";

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

const INFIX: Readonly<Record<string, { op: string; level: number }>> = {
  or: { op: "|", level: 3 },
  and: { op: "&", level: 4 },
  plus: { op: "+", level: 5 },
  minus: { op: "-", level: 5 },
  mul: { op: "*", level: 6 },
  div: { op: "/", level: 6 },
  rem: { op: "%", level: 6 },
  equal: { op: "==", level: 2 },
  neq: { op: "!=", level: 2 },
  lt: { op: "<", level: 2 },
  lte: { op: "<=", level: 2 },
  gt: { op: ">", level: 2 },
  gte: { op: ">=", level: 2 },
};

/** Binding levels: 0 `k, v in xs`, 1 `x in xs`, 2 relations, 3 `|`, 4 `&`, 5 `+ -`, 6 `* / %`, 7 terms. */
const PRIMARY = 7;
/** Where a full infix expression may stand without parentheses (list items, brackets, values). */
const ITEM = 1;

function infixOf(t: Term): { op: string; level: number; args: Term[] } | undefined {
  if (t.type !== "call") return undefined;
  const name = callName(t.fn);
  if (name === undefined) return undefined;
  if (name === "internal.member_2" && t.args.length === 2) return { op: "in", level: 1, args: t.args };
  if (name === "internal.member_3" && t.args.length === 3) return { op: "in", level: 0, args: t.args };
  const inf = INFIX[name];
  return inf && t.args.length === 2 ? { ...inf, args: t.args } : undefined;
}

function levelOf(t: Term): number {
  return infixOf(t)?.level ?? PRIMARY;
}

/** Printed unparenthesised, `t` starts with `term |`, which reads as a comprehension after `[` or `{`. */
function startsWithUnion(t: Term): boolean {
  const inf = infixOf(t);
  if (!inf) return false;
  if (inf.op === "|") return true;
  const lhs = inf.args[0]!;
  return levelOf(lhs) >= lhsLevel(inf.level) && startsWithUnion(lhs);
}

function lhsLevel(level: number): number {
  return level === 0 ? 2 : level;
}

export function printTerm(t: Term, min = 0): string {
  const s = printBare(t);
  return levelOf(t) < min ? `(${s})` : s;
}

/** A first element inside `[` or `{`: a leading `x |` must not read as a comprehension. */
function printFirst(t: Term, min: number): string {
  return startsWithUnion(t) ? `(${printBare(t)})` : printTerm(t, min);
}

function printBare(t: Term): string {
  switch (t.type) {
    case "null":
      return "null";
    case "boolean":
      return String(t.value);
    case "number":
      return t.value;
    case "string":
      return JSON.stringify(t.value);
    case "var":
      return t.name;
    case "ref":
      return printRef(t);
    case "call": {
      const inf = infixOf(t);
      if (!inf) return `${printRef(t.fn)}(${t.args.map((a) => printTerm(a, ITEM)).join(", ")})`;
      const [a, b, c] = inf.args;
      if (inf.level === 0) return `${printTerm(a!, 2)}, ${printTerm(b!, 2)} in ${printTerm(c!, 2)}`;
      return `${printTerm(a!, lhsLevel(inf.level))} ${inf.op} ${printTerm(b!, inf.level + 1)}`;
    }
    case "array":
      return `[${printItems(t.items)}]`;
    case "set":
      return t.items.length === 0 ? "set()" : `{${printItems(t.items)}}`;
    case "object":
      return `{${t.entries
        .map(([k, v], i) => (i === 0 ? `${printFirst(k, ITEM)}: ${printFirst(v, ITEM)}` : `${printTerm(k, ITEM)}: ${printTerm(v, ITEM)}`))
        .join(", ")}}`;
    case "arraycompr":
      return `[${printTerm(t.term, PRIMARY)} | ${printInlineBody(t.body)}]`;
    case "setcompr":
      return `{${printTerm(t.term, PRIMARY)} | ${printInlineBody(t.body)}}`;
    case "objectcompr":
      return `{${printFirst(t.key, ITEM)}: ${printTerm(t.value, PRIMARY)} | ${printInlineBody(t.body)}}`;
  }
}

function printItems(items: Term[]): string {
  return items.map((x, i) => (i === 0 ? printFirst(x, ITEM) : printTerm(x, ITEM))).join(", ");
}

function printRef(r: RefTerm): string {
  let s = r.head.type === "var" ? r.head.name : printTerm(r.head, PRIMARY);
  for (const part of r.path) s += printRefPart(part);
  return s;
}

function printRefPart(part: Term): string {
  return part.type === "string" && IDENT.test(part.value) ? `.${part.value}` : `[${printTerm(part, ITEM)}]`;
}

export function printRuleRef(ref: RuleRef): string {
  return ref.head.name + ref.path.map(printRefPart).join("");
}

function printInlineBody(body: Body): string {
  return body.map((e) => printExpr(e, null)).join("; ");
}

/** A body as indented lines, in braces. */
function printBlock(body: Body, indent: string): string {
  const inner = indent + "\t";
  return `{\n${body.map((e) => inner + guardLeadingMinus(printExpr(e, inner))).join("\n")}\n${indent}}`;
}

const LEADING_NEGATIVE = /^-\.?\d+(\.\d+)?([eE][+-]?\d+)?/;

/**
 * A line that starts with a negative number would continue the previous
 * line as a subtraction (binary operators may follow a newline, as in OPA),
 * so that number gets parentheses.
 */
function guardLeadingMinus(line: string): string {
  const m = LEADING_NEGATIVE.exec(line);
  return m ? `(${m[0]})${line.slice(m[0].length)}` : line;
}

/** An expression; `indent` null prints nested bodies on one line. */
export function printExpr(e: Expr, indent: string | null = ""): string {
  let s: string;
  switch (e.kind) {
    case "term":
      s = printFirst(e.term, 0);
      break;
    case "unify":
    case "assign":
      s = `${printFirst(e.lhs, 0)} ${e.kind === "unify" ? "=" : ":="} ${printTerm(e.rhs, 0)}`;
      break;
    case "some":
      s = `some ${e.vars.map((v) => v.name).join(", ")}`;
      break;
    case "somein":
      s = `some ${e.key ? `${printTerm(e.key, 2)}, ` : ""}${printTerm(e.value, 2)} in ${printTerm(e.domain, 2)}`;
      break;
    case "every": {
      const body = indent === null ? `{ ${printInlineBody(e.body)} }` : printBlock(e.body, indent);
      s = `every ${e.key ? `${e.key.name}, ` : ""}${e.value.name} in ${printTerm(e.domain, 2)} ${body}`;
      break;
    }
  }
  if (e.negated) s = `not ${s}`;
  for (const w of e.with) s += ` with ${printTerm(w.target, PRIMARY)} as ${printTerm(w.value, ITEM)}`;
  return s;
}

function printPath(path: string[]): string {
  return path.map((seg, i) => (i === 0 ? seg : IDENT.test(seg) ? `.${seg}` : `[${JSON.stringify(seg)}]`)).join("");
}

export function printPackage(pkg: Package): string {
  return `package ${printPath(pkg.path)}`;
}

export function printImport(imp: Import): string {
  return `import ${printPath(imp.path)}${imp.alias !== undefined ? ` as ${imp.alias}` : ""}`;
}

function printValue(value: Term | undefined, assign: boolean): string {
  return value ? ` ${assign ? ":=" : "="} ${printTerm(value, 0)}` : "";
}

function printBodySuffix(body: Body): string {
  return body.length > 0 ? ` if ${printBlock(body, "")}` : "";
}

function printElse(e: ElseClause): string {
  return ` else${printValue(e.value, e.assign)}${printBodySuffix(e.body)}`;
}

export function printRule(rule: Rule): string {
  const h = rule.head;
  let s = rule.default ? "default " : "";
  s += printRuleRef(h.ref);
  if (h.kind === "multi") s += ` contains ${printTerm(h.key, 0)}`;
  else {
    if (h.kind === "function") s += `(${h.args.map((a) => printTerm(a, ITEM)).join(", ")})`;
    s += printValue(h.value, h.assign);
  }
  s += printBodySuffix(rule.body);
  for (const e of rule.else) s += printElse(e);
  return s;
}

/** The module in v1 syntax: package, imports, then rules, separated by blank lines. */
export function printModule(m: Module): string {
  const parts = [printPackage(m.package)];
  if (m.imports.length > 0) parts.push(m.imports.map(printImport).join("\n"));
  for (const r of m.rules) parts.push(printRule(r));
  return parts.join("\n\n") + "\n";
}
