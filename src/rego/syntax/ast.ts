/**
 * The Rego AST: plain, JSON-serialisable objects. Every node has `loc`, the
 * [start, end) offsets of its source text; turn them into file:line:col with
 * `new SourceFile(module.file, text).span(loc.start, loc.end)`.
 *
 * The shapes follow OPA's (v1/ast/policy.go, term.go) where that costs
 * nothing, and are simpler where OPA's carry parser history:
 * - operators are calls: `a + b` is `call(ref(plus), [a, b])`, `x in xs` is
 *   `internal.member_2(x, xs)`, `k, v in xs` is `internal.member_3(k, v, xs)`;
 * - `input` and `data` standing alone are refs with an empty path, as in OPA;
 * - `_` stays the var `_` (OPA renames each to `$0`, `$1`, ...): every `_` is
 *   a fresh variable;
 * - parentheses leave no trace.
 */

export interface Loc {
  start: number;
  end: number;
}

export type Term =
  | NullTerm
  | BooleanTerm
  | NumberTerm
  | StringTerm
  | VarTerm
  | RefTerm
  | CallTerm
  | ArrayTerm
  | SetTerm
  | ObjectTerm
  | ArrayComprehension
  | SetComprehension
  | ObjectComprehension;

export interface NullTerm { type: "null"; loc: Loc }
export interface BooleanTerm { type: "boolean"; value: boolean; loc: Loc }
/** `value` is the source text (`1152921504606846976000`, `1e3`, `-0.5`, `.5`), never rounded. */
export interface NumberTerm { type: "number"; value: string; loc: Loc }
export interface StringTerm { type: "string"; value: string; loc: Loc }
export interface VarTerm { type: "var"; name: string; loc: Loc }
/**
 * `head.path[0].path[1]...`: `.name` parts are string terms, `[t]` parts any
 * term. The head is a var, or a call, array, object, set or comprehension.
 */
export interface RefTerm { type: "ref"; head: Term; path: Term[]; loc: Loc }
/** `fn(args...)`: `fn` is a ref whose head is a var (`count`, `object.get`, `data.lib.f`, `plus`). */
export interface CallTerm { type: "call"; fn: RefTerm; args: Term[]; loc: Loc }
export interface ArrayTerm { type: "array"; items: Term[]; loc: Loc }
export interface SetTerm { type: "set"; items: Term[]; loc: Loc }
export interface ObjectTerm { type: "object"; entries: [Term, Term][]; loc: Loc }
export interface ArrayComprehension { type: "arraycompr"; term: Term; body: Body; loc: Loc }
export interface SetComprehension { type: "setcompr"; term: Term; body: Body; loc: Loc }
export interface ObjectComprehension { type: "objectcompr"; key: Term; value: Term; body: Body; loc: Loc }

/** A query: the expressions must all hold. */
export type Body = Expr[];

export interface With {
  /** A var or ref: `input.x`, `data.lib.f`, `count`. */
  target: Term;
  value: Term;
  loc: Loc;
}

export interface ExprBase {
  /** `not expr`. Never set on `some` and `every`. */
  negated: boolean;
  with: With[];
  loc: Loc;
}

/** A term standing alone: `x`, `count(x) > 1`, `f(x)`, `x in xs`. */
export interface TermExpr extends ExprBase { kind: "term"; term: Term }
/** `lhs = rhs` (unification). */
export interface UnifyExpr extends ExprBase { kind: "unify"; lhs: Term; rhs: Term }
/** `lhs := rhs` (assignment of new local vars). */
export interface AssignExpr extends ExprBase { kind: "assign"; lhs: Term; rhs: Term }
/** `some x, y`: declares local vars. */
export interface SomeDecl extends ExprBase { kind: "some"; vars: VarTerm[] }
/** `some v in domain` / `some k, v in domain`. */
export interface SomeIn extends ExprBase { kind: "somein"; key?: Term; value: Term; domain: Term }
/** `every v in domain { body }` / `every k, v in domain { body }`; key and value are vars. */
export interface Every extends ExprBase { kind: "every"; key?: VarTerm; value: VarTerm; domain: Term; body: Body }

export type Expr = TermExpr | UnifyExpr | AssignExpr | SomeDecl | SomeIn | Every;

/**
 * A rule head, by kind:
 * - `single`: `p := v`, `p`, `p.q[r] := v`, `p[k] = v` (v0 partial object):
 *   `ref` is the full head ref, `value` the value (absent: `true`);
 * - `multi`: `p contains x`, v0 `p[x]`: `ref` is the set's ref, `key` the element;
 * - `function`: `f(a, "const") := v`: `ref` is the name, `args` the parameters,
 *   `value` the result (absent: `true`).
 */
export type RuleHead =
  | { kind: "single"; ref: RuleRef; value?: Term; assign: boolean; loc: Loc }
  | { kind: "multi"; ref: RuleRef; key: Term; loc: Loc }
  | { kind: "function"; ref: RuleRef; args: Term[]; value?: Term; assign: boolean; loc: Loc };

/** A rule's name as a ref: a var head (`p`), then string or term parts (`p.q[r]`). */
export interface RuleRef {
  head: VarTerm;
  path: Term[];
}

/** `else [= v] [if] { body }`; absent value means `true`, empty body means none. */
export interface ElseClause {
  value?: Term;
  assign: boolean;
  body: Body;
  loc: Loc;
}

export interface Rule {
  default: boolean;
  head: RuleHead;
  /** Empty when the rule has no body (`p := 1`): the body is then `true`. */
  body: Body;
  /** `else` clauses in order; only single-value rules and functions have them. */
  else: ElseClause[];
  loc: Loc;
}

export interface Package {
  /** The path under `data`: `package a.b["c"]` is `["a", "b", "c"]`. */
  path: string[];
  loc: Loc;
}

export interface Import {
  /** The full path, root included: `["data", "lib", "x"]`, `["input"]`, `["future", "keywords", "in"]`, `["rego", "v1"]`. */
  path: string[];
  alias?: string;
  loc: Loc;
}

export type RegoVersion = "v0" | "v1";

export interface Module {
  file: string;
  package: Package;
  imports: Import[];
  rules: Rule[];
  /** The syntax the module was parsed with. */
  regoVersion: RegoVersion;
  loc: Loc;
}

/** The value of a rule head or else clause: the written value, or `true`. */
export function valueOrTrue(value: Term | undefined, loc: Loc): Term {
  return value ?? { type: "boolean", value: true, loc };
}

/** `fn` as a dotted name (`object.get`, `plus`, `data.lib.f`) when every part is a plain string. */
export function callName(fn: RefTerm): string | undefined {
  if (fn.head.type !== "var") return undefined;
  let name = fn.head.name;
  for (const p of fn.path) {
    if (p.type !== "string") return undefined;
    name += "." + p.value;
  }
  return name;
}

/** A copy of any AST value with every `loc` removed (for comparing shapes). */
export function stripLocs<T>(x: T): T {
  return JSON.parse(JSON.stringify(x, (k, v: unknown) => (k === "loc" ? undefined : v))) as T;
}
