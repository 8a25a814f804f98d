import * as fs from "node:fs";
import { error, type Diagnostic, type Span } from "../diag/index.js";
import type { ConstraintTemplateInfo } from "../gatekeeper/index.js";
import { leadingPackageClause, parseModule, parseModuleAhead, type Loc } from "../rego/syntax/index.js";
import type { RegoSource } from "./frontend.js";

/** Gatekeeper evaluates a template's Rego as `data.template`, whatever its package says. */
export const TEMPLATE_PACKAGE = "template";
export const TEMPLATE_ENTRYPOINT = `${TEMPLATE_PACKAGE}/violation`;

/** Source names the front end sees; diagnostics in them are mapped back to the template file. */
export const TEMPLATE_REGO_FILE = "template.rego";
export const libFile = (i: number): string => `lib-${i}.rego`;

/**
 * Replace the `package ...` clause (located by the parser, so comments and
 * strings that look like one are left alone) with `package template`. Only
 * that span changes: every other line keeps its number and columns. A Rego
 * that does not parse gives its parse errors.
 *
 * The usual case parses once: a module opening with a clause alone on its
 * line parses after the replacement exactly when it parsed before, so the
 * rewritten text is parsed instead of the original, and that parse is
 * handed to the front end, which parses the same text next. Otherwise, or
 * when it does not parse (its errors are the original's), the original is
 * parsed as well.
 */
export function rewriteTemplatePackage(text: string, regoVersion: "v0" | "v1"): { text?: string; diagnostics: Diagnostic[] } {
  const opts = { regoVersion };
  const clause = leadingPackageClause(text, opts);
  if (clause) {
    const rewritten = withTemplatePackage(text, clause);
    if (parseModuleAhead(TEMPLATE_REGO_FILE, rewritten, opts).module) return { text: rewritten, diagnostics: [] };
  }
  const r = parseModule(TEMPLATE_REGO_FILE, text, opts);
  if (!r.module) return { diagnostics: r.diagnostics };
  return { text: withTemplatePackage(text, r.module.package.loc), diagnostics: [] };
}

function withTemplatePackage(text: string, { start, end }: Loc): string {
  return `${text.slice(0, start)}package ${TEMPLATE_PACKAGE}${text.slice(end)}`;
}

/** The front end's sources for a template: its Rego (package rewritten), then its libs under their own packages. */
export function templateSources(t: ConstraintTemplateInfo): { sources?: RegoSource[]; diagnostics: Diagnostic[] } {
  const rw = rewriteTemplatePackage(t.rego ?? "", t.regoVersion);
  if (rw.text === undefined) return { diagnostics: rw.diagnostics };
  const sources: RegoSource[] = [{ file: TEMPLATE_REGO_FILE, text: rw.text, regoVersion: t.regoVersion }];
  t.libs.forEach((text, i) => sources.push({ file: libFile(i), text, regoVersion: t.regoVersion }));
  return { sources, diagnostics: [] };
}

/**
 * Diagnostics in the template's Rego -> the template file's line:col
 * (`regoLine` offsets the line; a block scalar's indentation, read from the
 * file when it can be, offsets the column). Diagnostics in a lib name the
 * lib, and those in a template whose Rego position is unknown name the
 * place within the Rego (`rego:4:3: ...`). Anything else names the template file.
 */
export function mapTemplateDiagnostics(t: ConstraintTemplateInfo, ds: readonly Diagnostic[]): Diagnostic[] {
  const file = t.file ?? `<template ${t.name}>`;
  const fileLines = t.regoLine !== undefined ? templateFileLines(t) : undefined;
  const regoLines = (t.rego ?? "").split("\n");
  return ds.map((d) => {
    const loc = d.location;
    const out: Diagnostic = { code: d.code, message: d.message, severity: d.severity };
    if (d.path !== undefined) out.path = d.path;
    if (!loc) {
      out.location = { file, line: 0, col: 0 };
      return out;
    }
    const lib = /^lib-(\d+)\.rego$/.exec(loc.file);
    if (lib) {
      out.location = { file, line: 0, col: 0 };
      out.message = `libs[${lib[1]}]:${loc.line}:${loc.col}: ${d.message}`;
      return out;
    }
    if (loc.file !== TEMPLATE_REGO_FILE || t.regoLine === undefined) {
      // Where the Rego sits in the file is unknown (a template built in memory): say the place within the Rego.
      out.location = { file, line: 0, col: 0 };
      out.message = `${loc.file === TEMPLATE_REGO_FILE ? "rego" : loc.file}:${loc.line}:${loc.col}: ${d.message}`;
      return out;
    }
    const shift = (line: number, col: number): { line: number; col: number } => {
      if (line <= 0) return { line, col };
      const fileLine = t.regoLine! + line - 1;
      const indent = indentation(fileLines?.[fileLine - 1], regoLines[line - 1]);
      return { line: fileLine, col: col + indent };
    };
    const a = shift(loc.line, loc.col);
    const span: Span = { file, line: a.line, col: a.col };
    if (loc.endLine !== undefined && loc.endCol !== undefined) {
      const b = shift(loc.endLine, loc.endCol);
      span.endLine = b.line;
      span.endCol = b.col;
    }
    out.location = span;
    return out;
  });
}

/** Columns a YAML block scalar stripped from this line: the file's line ends with the Rego's. */
function indentation(fileLine: string | undefined, regoLine: string | undefined): number {
  if (fileLine === undefined || regoLine === undefined || regoLine === "") return 0;
  const f = fileLine.replace(/\r$/, "");
  return f.endsWith(regoLine) ? f.length - regoLine.length : 0;
}

/**
 * The template file's lines: from the text the cache key carries (`file NUL
 * content`, when the loader had the file's text), else read from disk.
 * Either way a line is only used when it ends with the Rego line it should
 * hold, so a wrong guess costs nothing but the column offset.
 */
function templateFileLines(t: ConstraintTemplateInfo): string[] | undefined {
  const nul = t.cacheKey.indexOf("\u0000");
  const text = nul >= 0 ? t.cacheKey.slice(nul + 1) : "";
  if (text.includes("\n")) return text.split("\n");
  if (t.file === undefined) return undefined;
  try {
    return fs.readFileSync(t.file, "utf8").split("\n");
  } catch {
    return undefined;
  }
}

/** A compile failure as the PolicyEngine contract wants it: GwpcError diagnostics positioned in the template file. */
export function templateError(t: ConstraintTemplateInfo, message: string, code = "gwpc_template"): Diagnostic {
  return error(code, message, { file: t.file ?? `<template ${t.name}>`, line: 0, col: 0 });
}
