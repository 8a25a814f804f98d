import type { Loc, RegoVersion, Term } from "./ast.js";
import { lex } from "./lexer.js";
import { BASE_KEYWORDS, FUTURE_KEYWORDS, keywordOf, tokenName, type Comment, type Token, type TokenKind } from "./tokens.js";

/** A parse error before it becomes a Diagnostic: message and offsets. */
export interface RawError {
  message: string;
  start: number;
  end: number;
}

/** Where the parser is, for backtracking: restoring drops errors found since. */
export interface Mark {
  pos: number;
  nerr: number;
}

interface MemoEntry {
  term: Term | undefined;
  pos: number;
  errors: RawError[];
}

const NO_ERRORS: RawError[] = [];

/** Deeper nesting than this is an error, not a stack overflow. */
const MAX_DEPTH = 1000;

/**
 * The state of one parse: tokens, position, errors, and the keywords in
 * force. The production functions (parser-terms, parser-exprs,
 * parser-rules) take it as their first argument; all state lives here, one
 * instance per parse.
 */
export class Parser {
  readonly tokens: Token[];
  readonly comments: Comment[];
  pos = 0;
  errors: RawError[] = [];
  /** v1 strictness errors, reported only when the module turns out to be v1 (or imports rego.v1) and parsed cleanly. */
  readonly strictErrors: RawError[] = [];
  /** Future keywords in force: all of them in v1; in v0 those imported so far. */
  readonly future: Set<string>;
  /** v0 module that imported `rego.v1`: v1 strictness applies. */
  regoV1Import = false;
  private depth = 0;
  /** memoTerm results by start token index. */
  private readonly memo: (MemoEntry | undefined)[];

  constructor(
    readonly text: string,
    readonly version: RegoVersion,
  ) {
    const { tokens, comments } = lex(text);
    this.tokens = tokens;
    this.comments = comments;
    this.memo = new Array<MemoEntry | undefined>(tokens.length);
    this.future = new Set(version === "v1" ? FUTURE_KEYWORDS : []);
  }

  /** v1 rules apply: parsing v1, or a v0 module that imported `rego.v1`. */
  get strict(): boolean {
    return this.version === "v1" || this.regoV1Import;
  }

  peek(offset = 0): Token {
    const i = this.pos + offset;
    const last = this.tokens.length - 1;
    return this.tokens[i < last ? i : last]!;
  }

  next(): Token {
    const t = this.peek();
    if (t.kind !== "eof") this.pos++;
    return t;
  }

  /** The end offset of the last consumed token. */
  lastEnd(): number {
    return this.pos > 0 ? this.tokens[this.pos - 1]!.end : 0;
  }

  is(kind: TokenKind): boolean {
    return this.peek().kind === kind;
  }

  /** The current token is keyword `word` under the keywords in force. */
  isKw(word: string): boolean {
    // keywordOf(token) === word, testing the spelling first (it rarely matches).
    const t = this.peek();
    return t.text === word && t.kind === "ident" && (BASE_KEYWORDS.has(word) || this.future.has(word));
  }

  keyword(tok: Token = this.peek()): string | undefined {
    return keywordOf(tok, this.future);
  }

  /** A keyword used as the head of a ref (`input.in`, `not.x`): followed at once by `.` or `[`. */
  keywordStartsRef(): boolean {
    const next = this.peek(1);
    return this.keyword() !== undefined && !next.ws && (next.kind === "." || next.kind === "[");
  }

  save(): Mark {
    return { pos: this.pos, nerr: this.errors.length };
  }

  restore(m: Mark): void {
    this.pos = m.pos;
    this.errors.length = m.nerr;
  }

  loc(start: number, end: number = this.lastEnd()): Loc {
    return { start, end: Math.max(start, end) };
  }

  error(message: string, start: number, end: number = start): void {
    this.errors.push({ message, start, end });
  }

  /** OPA's "unexpected X token[: note]" at the current token; lexical errors speak for themselves. */
  illegal(note?: string): void {
    const tok = this.peek();
    if (tok.kind === "illegal") {
      this.error(tok.error ?? "illegal token", tok.start, tok.end);
      return;
    }
    const { name, keyword } = tokenName(tok, this.future);
    const head = `unexpected ${name} ${keyword ? "keyword" : "token"}`;
    this.error(note ? `${head}: ${note}` : head, tok.start, tok.end);
  }

  /** Run `f` one level deeper; past MAX_DEPTH report and fail. */
  nested<T>(f: () => T | undefined): T | undefined {
    if (!this.enter()) return undefined;
    try {
      return f();
    } finally {
      this.leave();
    }
  }

  /** Go one level deeper (pair with `leave`, in a `finally`); past MAX_DEPTH report and return false. */
  enter(): boolean {
    if (this.depth >= MAX_DEPTH) {
      const tok = this.peek();
      this.error("max parsing recursion depth exceeded", tok.start, tok.end);
      return false;
    }
    this.depth++;
    return true;
  }

  leave(): void {
    this.depth--;
  }

  /**
   * Memoise a term production by start position: set and object literals
   * parse their first element twice (as a term, then as an infix
   * expression), which without this is exponential in the nesting depth.
   */
  memoTerm(f: (p: Parser) => Term | undefined): Term | undefined {
    const start = this.pos;
    const hit = this.memo[start];
    if (hit) {
      this.pos = hit.pos;
      this.errors.push(...hit.errors);
      return hit.term;
    }
    const nerr = this.errors.length;
    const term = f(this);
    this.memo[start] = { term, pos: this.pos, errors: this.errors.length > nerr ? this.errors.slice(nerr) : NO_ERRORS };
    return term;
  }
}
