export * from "./ast.js";
export { parseModule, parseModuleAhead, leadingPackageClause, parseQuery, parseTerm, PARSE_ERROR, type ParseOptions } from "./parser.js";
export { printModule, printRule, printExpr, printTerm, printPackage, printImport } from "./printer.js";
export { lex } from "./lexer.js";
export { type Token, type TokenKind, type Comment, BASE_KEYWORDS, FUTURE_KEYWORDS } from "./tokens.js";
