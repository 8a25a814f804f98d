import { ALL_KEYWORDS, type Comment, type Token, type TokenKind } from "./tokens.js";

/**
 * Splits Rego source into tokens. Whitespace and comments are not tokens:
 * each token records whether whitespace (`ws`) or a newline (`nl`) came
 * before it, because refs may not contain whitespace (`x [1]` is not `x[1]`)
 * and newlines separate the expressions of a body. Lexical errors become
 * `illegal` tokens carrying a message; the parser reports them where it
 * meets them. The last token is always `eof`.
 */
export function lex(text: string): { tokens: Token[]; comments: Comment[] } {
  const tokens: Token[] = [];
  const comments: Comment[] = [];
  let i = 0;
  let ws = false;
  let nl = false;
  const n = text.length;

  /**
   * Adds a token; `extra` (strings and errors) fills the optional fields.
   * Every token has all the fields (undefined when unused): one object
   * shape keeps the parser's many token reads monomorphic.
   */
  const push = (kind: TokenKind, start: number, end: number, extra?: Partial<Token>, spelling = text.slice(start, end)): void => {
    tokens.push({
      kind,
      start,
      end,
      text: spelling,
      value: extra?.value,
      raw: extra?.raw,
      ws,
      nl,
      error: extra?.error,
      keywordLike: kind === "ident" && ALL_KEYWORDS.has(spelling),
    });
    ws = false;
    nl = false;
  };

  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0d) {
      ws = true;
      i++;
      continue;
    }
    if (c === 0x0a) {
      ws = true;
      nl = true;
      i++;
      continue;
    }
    if (c === 0x23 /* # */) {
      let j = i + 1;
      while (j < n && text.charCodeAt(j) !== 0x0a) j++;
      comments.push({ start: i, end: j, text: text.slice(i + 1, j).replace(/\r$/, "") });
      ws = true;
      i = j;
      continue;
    }
    const start = i;
    if (isLetter(c)) {
      while (i < n && (isLetter(text.charCodeAt(i)) || isDigit(text.charCodeAt(i)))) i++;
      push("ident", start, i);
      continue;
    }
    if (isDigit(c)) {
      const r = scanNumber(text, i);
      i = r.end;
      push(r.error ? "illegal" : "number", start, i, r.error ? { error: r.error } : undefined);
      continue;
    }
    if (c === 0x22 /* " */) {
      const r = scanString(text, i);
      i = r.end;
      if (r.error) push("illegal", start, i, { error: r.error });
      else push("string", start, i, { value: r.value });
      continue;
    }
    if (c === 0x60 /* ` */) {
      const close = text.indexOf("`", i + 1);
      if (close < 0) {
        i = n;
        push("illegal", start, i, { error: "non-terminated raw string" });
      } else {
        i = close + 1;
        push("string", start, i, { value: text.slice(start + 1, close), raw: true });
      }
      continue;
    }
    // `:=`, `==`, `!=`, `<=`, `>=`: one of `:=!<>` then `=`.
    if (text.charCodeAt(i + 1) === 0x3d && (c === 0x3a || c === 0x3d || c === 0x21 || c === 0x3c || c === 0x3e)) {
      i += 2;
      const op = OPERATORS_2[c]!;
      push(op, start, i, undefined, op);
      continue;
    }
    const one = PUNCT[c];
    if (one !== undefined) {
      i++;
      push(one, start, i, undefined, one);
      continue;
    }
    // One illegal token per unknown character (a whole code point).
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < n ? 2 : 1;
    push("illegal", start, i, { error: "illegal token" });
  }
  push("eof", n, n);
  return { tokens, comments };
}

/** Single-character operator and punctuation tokens, by character code (their kind is their spelling). */
const PUNCT: readonly (TokenKind | undefined)[] = (() => {
  const out: (TokenKind | undefined)[] = [];
  for (const ch of "[]{}(),;:.=<>+-*/%&|") out[ch.charCodeAt(0)] = ch as TokenKind;
  return out;
})();

/** Two-character operators by the code of their first character (the second is `=`). */
const OPERATORS_2: readonly (TokenKind | undefined)[] = (() => {
  const out: (TokenKind | undefined)[] = [];
  for (const op of [":=", "==", "!=", "<=", ">="]) out[op.charCodeAt(0)] = op as TokenKind;
  return out;
})();

function isLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** digits [ "." digits ] [ ("e"|"E") ["+"|"-"] digits ]; trailing letters make it illegal. */
function scanNumber(text: string, i: number): { end: number; error?: string } {
  const n = text.length;
  let error: string | undefined;
  while (i < n && isDigit(text.charCodeAt(i))) i++;
  if (text[i] === ".") {
    i++;
    const from = i;
    while (i < n && isDigit(text.charCodeAt(i))) i++;
    if (i === from) error ??= "expected fraction";
  }
  if (text[i] === "e" || text[i] === "E") {
    i++;
    if (text[i] === "+" || text[i] === "-") i++;
    const from = i;
    while (i < n && isDigit(text.charCodeAt(i))) i++;
    if (i === from) error ??= "expected exponent";
  }
  if (i < n && isLetter(text.charCodeAt(i))) {
    error ??= "illegal number format";
    while (i < n && (isLetter(text.charCodeAt(i)) || isDigit(text.charCodeAt(i)))) i++;
  }
  return { end: i, error };
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t",
};

/**
 * A JSON string literal starting at the quote at `i`. Decodes as Go's
 * encoding/json does: `\uXXXX` pairs combine into one code point, and an
 * unpaired surrogate becomes U+FFFD. A raw control character is illegal only
 * in a literal that also has an escape (OPA skips JSON decoding otherwise).
 */
function scanString(text: string, i: number): { end: number; value?: string; error?: string } {
  const n = text.length;
  const start = i;
  let out = "";
  let error: string | undefined;
  let control = false;
  let escaped = false;
  i++;
  // Fast path: no escape before the closing quote, so the value is the text between the quotes.
  for (let j = i; j < n; j++) {
    const cj = text.charCodeAt(j);
    if (cj === 0x22) return { end: j + 1, value: text.slice(i, j) };
    if (cj === 0x5c || cj === 0x0a) break;
  }
  for (;;) {
    if (i >= n || text[i] === "\n") return { end: i, error: "non-terminated string" };
    const ch = text[i]!;
    if (ch === '"') {
      // OPA decodes with encoding/json only when there is an escape, and JSON forbids raw control characters.
      if (!error && control && escaped) error = `illegal string literal: ${text.slice(start, i + 1)}`;
      return error ? { end: i + 1, error } : { end: i + 1, value: out };
    }
    if (ch === "\\") {
      escaped = true;
      const e = text[i + 1];
      if (e !== undefined && e in SIMPLE_ESCAPES) {
        out += SIMPLE_ESCAPES[e];
        i += 2;
        continue;
      }
      if (e === "u") {
        const cu = hex4(text, i + 2);
        if (cu < 0) {
          error ??= "illegal escape sequence";
          i += 2;
          continue;
        }
        i += 6;
        if (cu >= 0xd800 && cu <= 0xdbff && text[i] === "\\" && text[i + 1] === "u") {
          const lo = hex4(text, i + 2);
          if (lo >= 0xdc00 && lo <= 0xdfff) {
            out += String.fromCharCode(cu, lo);
            i += 6;
            continue;
          }
        }
        out += cu >= 0xd800 && cu <= 0xdfff ? "\ufffd" : String.fromCharCode(cu);
        continue;
      }
      error ??= "illegal escape sequence";
      i += e === undefined ? 1 : 2;
      continue;
    }
    if (ch.charCodeAt(0) < 0x20) control = true;
    out += ch;
    i++;
  }
}

function hex4(text: string, i: number): number {
  const s = text.slice(i, i + 4);
  return /^[0-9a-fA-F]{4}$/.test(s) ? parseInt(s, 16) : -1;
}
