/**
 * Rego tokens. The lexer emits every word as an `ident`; whether a word is a
 * keyword depends on the syntax version and on the module's imports
 * (`future.keywords.*`, `rego.v1`), so the parser decides, with
 * `keywordOf`. Operators are their own kinds, spelled as in the source.
 */

export type Punct =
  | "[" | "]" | "{" | "}" | "(" | ")" | "," | ";" | ":" | "."
  | "=" | ":=" | "==" | "!=" | "<" | "<=" | ">" | ">="
  | "+" | "-" | "*" | "/" | "%" | "&" | "|";

export type TokenKind = "ident" | "number" | "string" | "eof" | "illegal" | Punct;

export interface Token {
  kind: TokenKind;
  /** Offsets of the token text, [start, end). */
  start: number;
  end: number;
  /** The source text of the token. */
  text: string;
  /** Strings only: the decoded value (escapes resolved; raw strings verbatim). */
  value?: string;
  /** Strings only: a `backtick` raw string. */
  raw?: boolean;
  /** Whitespace or a comment separates this token from the previous one. */
  ws: boolean;
  /** A newline separates this token from the previous one. */
  nl: boolean;
  /** Illegal tokens only: what the lexer found wrong. */
  error?: string;
  /** Idents only: the word is a keyword in some syntax version (whether it is one here, keywordOf says). */
  keywordLike?: boolean;
}

export interface Comment {
  start: number;
  end: number;
  /** The text after `#`. */
  text: string;
}

/** Keywords in every syntax version. */
export const BASE_KEYWORDS: ReadonlySet<string> = new Set([
  "package", "import", "as", "default", "else", "not", "some", "with", "null", "true", "false",
]);

/** Keywords of v1, which v0 modules switch on with `future.keywords.*` or `rego.v1`. */
export const FUTURE_KEYWORDS: readonly string[] = ["contains", "every", "if", "in"];

/** Every word that is a keyword in some version. */
export const ALL_KEYWORDS: ReadonlySet<string> = new Set([...BASE_KEYWORDS, ...FUTURE_KEYWORDS]);

/** OPA's names for operator tokens, used in error messages ("unexpected plus token"). */
const OPERATOR_NAMES: Partial<Record<TokenKind, string>> = {
  "+": "plus", "-": "minus", "*": "mul", "/": "div", "%": "rem", "&": "and", "|": "or",
  "=": "eq", ":=": "assign", "==": "equal", "!=": "neq", "<": "lt", "<=": "lte", ">": "gt", ">=": "gte",
};

/**
 * The built-in function an infix operator calls (`a + b` is `plus(a, b)`),
 * for the operators that become call terms.
 */
export const INFIX_BUILTINS: Readonly<Record<string, string>> = {
  "|": "or", "&": "and", "+": "plus", "-": "minus", "*": "mul", "/": "div", "%": "rem",
  "==": "equal", "!=": "neq", "<": "lt", "<=": "lte", ">": "gt", ">=": "gte",
};

/** The keyword a token is under the given keyword set, if any. */
export function keywordOf(tok: Token, future: ReadonlySet<string>): string | undefined {
  // Most words are no keyword in any version: one lookup settles them.
  if (tok.kind !== "ident" || !(tok.keywordLike ?? ALL_KEYWORDS.has(tok.text))) return undefined;
  if (BASE_KEYWORDS.has(tok.text) || future.has(tok.text)) return tok.text;
  return undefined;
}

/** How OPA names a token in "unexpected X token" messages: `ident`, `string`, `plus`, `}`, `if` ... */
export function tokenName(tok: Token, future: ReadonlySet<string>): { name: string; keyword: boolean } {
  const kw = keywordOf(tok, future);
  if (kw) return { name: kw, keyword: true };
  switch (tok.kind) {
    case "ident":
    case "number":
    case "string":
    case "eof":
    case "illegal":
      return { name: tok.kind, keyword: false };
    default:
      return { name: OPERATOR_NAMES[tok.kind] ?? tok.kind, keyword: false };
  }
}
