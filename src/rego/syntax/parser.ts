/**
 * The public parse functions. Each parse builds its own `Parser`; errors
 * come back as diagnostics with code `rego_parse_error`, sorted by place,
 * never thrown.
 */
import { SourceFile, error, sortDiagnostics, type Diagnostic } from "../../diag/index.js";
import type { Body, Import, Loc, Module, Package, RegoVersion, Rule, Term } from "./ast.js";
import { Parser, type RawError } from "./parser-core.js";
import { parseQueryBody } from "./parser-exprs.js";
import { parseImport, parsePackage, parseRule } from "./parser-rules.js";
import { parseTermInfix } from "./parser-terms.js";

export interface ParseOptions {
  regoVersion: RegoVersion;
}

export const PARSE_ERROR = "rego_parse_error";

function diagnostics(file: string, text: string, errs: readonly RawError[]): Diagnostic[] {
  const src = new SourceFile(file, text);
  return sortDiagnostics(errs.map((e) => error(PARSE_ERROR, e.message, src.span(e.start, e.end))));
}

/**
 * A module: `package`, then imports and rules. In v0, `import
 * future.keywords[.kw]` and `import rego.v1` switch keywords on from there
 * on; `rego.v1` (and v1 itself) also brings v1's strictness: `if` before
 * bodies, `contains` for partial sets.
 */
export function parseModule(file: string, text: string, opts: ParseOptions): ModuleResult {
  const ahead = parsedAhead;
  if (ahead && ahead.text === text && ahead.file === file && ahead.regoVersion === opts.regoVersion) {
    parsedAhead = undefined;
    return ahead.result;
  }
  return parseModuleText(file, text, opts);
}

export type ModuleResult = { module?: Module; diagnostics: Diagnostic[] };

/**
 * A parse done ahead of time (parseModuleAhead), waiting for the parseModule
 * call it was done for. Parsing is deterministic, so handing it over is the
 * same as parsing again; it is handed over once, as the caller owns the AST.
 */
let parsedAhead: { file: string; text: string; regoVersion: RegoVersion; result: ModuleResult } | undefined;

/**
 * parseModule for a caller that needs to know whether a text parses and then
 * passes the text on to the front end, which parses it too: the result is
 * kept and the next parseModule of the same file, text and syntax version
 * returns it instead of parsing again. The caller must not modify the result.
 */
export function parseModuleAhead(file: string, text: string, opts: ParseOptions): ModuleResult {
  const result = parseModuleText(file, text, opts);
  parsedAhead = { file, text, regoVersion: opts.regoVersion, result };
  return result;
}

/**
 * The span of the package clause a module opens with, when it is well formed
 * and nothing follows it on its line. Replacing that span by another
 * well-formed clause (`package template`) then leaves the rest of the module
 * lexed and parsed exactly as before: the module parses after the
 * replacement if and only if it parsed before. Undefined otherwise (the
 * module does not open with a clause, or it is malformed or followed on its line).
 */
export function leadingPackageClause(text: string, opts: ParseOptions): Loc | undefined {
  const p = new Parser(text, opts.regoVersion);
  if (!p.isKw("package") || p.keywordStartsRef()) return undefined;
  const pkg = parsePackage(p);
  if (!pkg || p.errors.length > 0 || p.strictErrors.length > 0) return undefined;
  const next = p.peek();
  return next.kind === "eof" || next.nl ? pkg.loc : undefined;
}

function parseModuleText(file: string, text: string, opts: ParseOptions): ModuleResult {
  const p = new Parser(text, opts.regoVersion);
  let pkg: Package | undefined;
  const imports: Import[] = [];
  const rules: Rule[] = [];
  while (!p.is("eof")) {
    const tok = p.peek();
    if (p.isKw("package") && !p.keywordStartsRef()) {
      const got = parsePackage(p);
      if (!got) break;
      if (pkg || imports.length > 0 || rules.length > 0) {
        p.error(pkg ? "unexpected package" : "package expected", got.loc.start, got.loc.end);
        break;
      }
      pkg = got;
      continue;
    }
    if (!pkg) {
      p.error("package expected", tok.start, tok.end);
      break;
    }
    if (p.isKw("import") && !p.keywordStartsRef()) {
      const imp = parseImport(p);
      if (!imp) break;
      imports.push(imp);
      continue;
    }
    const rs = parseRule(p);
    if (!rs) break;
    rules.push(...rs);
  }
  // A production that gave up must have said why; if one did not, say something rather than return half a module.
  if (p.errors.length === 0 && !p.is("eof")) p.illegal();
  if (p.errors.length === 0 && !pkg) p.error("empty module", 0);
  if (p.errors.length > 0) return { diagnostics: diagnostics(file, text, p.errors) };
  if (p.strict && p.strictErrors.length > 0) return { diagnostics: diagnostics(file, text, p.strictErrors) };
  const module: Module = { file, package: pkg!, imports, rules, regoVersion: opts.regoVersion, loc: { start: 0, end: text.length } };
  return { module, diagnostics: [] };
}

/** A query, as `opa eval` takes one: `data.test.p = x`, `x := 1; y := x + 1`. */
export function parseQuery(text: string, opts: ParseOptions, file = "query"): { body?: Body; diagnostics: Diagnostic[] } {
  const p = new Parser(text, opts.regoVersion);
  const body = parseQueryBody(p);
  if (!body && p.errors.length === 0) p.illegal();
  if (!body || p.errors.length > 0) return { diagnostics: diagnostics(file, text, p.errors) };
  return { body, diagnostics: [] };
}

/** A single term (a conformance case's `input_term`): `{"a": [1, 2]}`, `set()`. */
export function parseTerm(text: string, opts: ParseOptions, file = "term"): { term?: Term; diagnostics: Diagnostic[] } {
  const p = new Parser(text, opts.regoVersion);
  const term = parseTermInfix(p, false);
  if ((term && !p.is("eof")) || (!term && p.errors.length === 0)) p.illegal(term ? "expected end of term" : undefined);
  if (!term || p.errors.length > 0) return { diagnostics: diagnostics(file, text, p.errors) };
  return { term, diagnostics: [] };
}
