import { Composer, isScalar, parseAllDocuments, Parser, Scalar, type Document } from "yaml";
import { error, SourceFile, type Diagnostic } from "../diag/index.js";

/** One non-empty YAML document of a file. */
export interface YamlDocument {
  value: unknown;
  /** 1-based index among all documents of the file, empty ones included. */
  index: number;
  /** 1-based line where the document starts. */
  line: number;
  /** The parsed document (positions of its nodes); absent with `keepDocs: false`. */
  doc?: Document;
}

export interface YamlParseOptions {
  /**
   * Keep each document's node tree in the result (default true: templates
   * locate their Rego with it). Without it, documents are parsed one at a
   * time and dropped once converted, so a big cluster dump never holds all
   * its node trees at once (garbage collection was a quarter of its parse).
   */
  keepDocs?: boolean;
}

/**
 * Parse every document of a file as YAML 1.2 (core schema: `yes`/`no` stay
 * strings, as in gator). A malformed document becomes a diagnostic naming the
 * file, the document and the line; the other documents are still returned.
 * Empty documents (only comments or blank) are skipped, as gator skips them.
 */
export function parseYamlDocuments(text: string, file: string, opts: YamlParseOptions = {}): { docs: YamlDocument[]; diagnostics: Diagnostic[] } {
  const src = new SourceFile(file, text);
  const docs: YamlDocument[] = [];
  const diagnostics: Diagnostic[] = [];
  if (text.includes("\u0000")) {
    return { docs, diagnostics: [error("gwpc_yaml", "not a YAML file: it contains NUL bytes (binary?)", { file, line: 0, col: 0 })] };
  }
  const keepDocs = opts.keepDocs ?? true;
  if (!keepDocs) {
    // One document at a time while none has errors; at the first error, the
    // whole text again as below (the retry needs every document).
    let i = 0;
    let clean = true;
    for (const doc of composeAll(text)) {
      if (doc.errors.length > 0) {
        clean = false;
        break;
      }
      addDocument(doc, ++i, src, docs, diagnostics, false);
    }
    if (clean) return { docs, diagnostics };
    docs.length = 0;
    diagnostics.length = 0;
  }
  let list = parseAll(text);
  if (list.some((d) => d.errors.length > 0)) {
    // Go's YAML (gator's) accepts quoted scalars continued at the key's own
    // indentation, which YAML 1.2 and the yaml package refuse; gatekeeper-library
    // has them. Retry with those lines indented: lines do not move, so positions hold.
    const relaxed = relaxQuotedContinuations(text);
    if (relaxed !== text) {
      const again = parseAll(relaxed);
      if (!again.some((d) => d.errors.length > 0)) list = again;
    }
  }
  list.forEach((doc, i) => addDocument(doc, i + 1, src, docs, diagnostics, keepDocs));
  return { docs, diagnostics };
}

/** One parsed document: its value, or a diagnostic when it is malformed; nothing when it is empty. */
function addDocument(doc: Document.Parsed, index: number, src: SourceFile, docs: YamlDocument[], diagnostics: Diagnostic[], keepDoc: boolean): void {
  const file = src.name;
  const start = doc.range?.[0] ?? 0;
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const pos = src.position(e.pos[0]);
    const msg = e.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
    diagnostics.push(error("gwpc_yaml", `malformed YAML in document ${index}: ${msg}`, { file, line: pos.line, col: pos.col }));
    return;
  }
  if (doc.contents === null) return;
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 1000 });
  } catch (err) {
    const pos = src.position(start);
    diagnostics.push(error("gwpc_yaml", `malformed YAML in document ${index}: ${(err as Error).message}`, { file, line: pos.line, col: pos.col }));
    return;
  }
  if (value === null || value === undefined) return;
  const contentStart = (doc.contents as { range?: [number, number, number] }).range?.[0] ?? start;
  const line = src.position(contentStart).line;
  docs.push(keepDoc ? { value, index, line, doc } : { value, index, line });
}

const YAML_OPTIONS = { version: "1.2", schema: "core", prettyErrors: false } as const;

function parseAll(text: string): Document.Parsed[] {
  const all = parseAllDocuments(text, YAML_OPTIONS);
  return Array.isArray(all) ? all : [];
}

/** The documents parseAllDocuments returns, one at a time (its own composition, without collecting them). */
function composeAll(text: string): Iterable<Document.Parsed> {
  return new Composer(YAML_OPTIONS).compose(new Parser().parse(text)) as Iterable<Document.Parsed>;
}

/**
 * Indent the continuation lines of a quoted scalar that a `key: "...` line
 * opens and does not close, when they sit at or left of the key.
 */
export function relaxQuotedContinuations(text: string): string {
  const lines = text.split("\n");
  const opener = /^(\s*)(?:- +)?[^\s#"'][^#"']*?:[ \t]+(["'])(.*)$/;
  for (let i = 0; i < lines.length; i++) {
    const m = opener.exec(lines[i]!);
    if (!m || closes(m[3]!, m[2]!)) continue;
    const need = m[1]!.length + 1;
    for (let j = i + 1; j < lines.length; j++) {
      const line = lines[j]!;
      const indent = line.length - line.trimStart().length;
      if (line.trim() !== "" && indent < need) lines[j] = " ".repeat(need - indent) + line;
      if (closes(line, m[2]!)) {
        i = j;
        break;
      }
    }
  }
  return lines.join("\n");
}

/** Whether `rest` (the text after an opening quote) holds the closing quote. */
function closes(rest: string, quote: string): boolean {
  for (let k = 0; k < rest.length; k++) {
    const ch = rest[k];
    if (quote === '"' && ch === "\\") k++;
    else if (ch === quote) {
      if (quote === "'" && rest[k + 1] === "'") k++;
      else return true;
    }
  }
  return false;
}

/** The 1-based line where a node parsed from `text` starts. */
export function lineOfNode(node: unknown, text: string): number | undefined {
  const range = (node as { range?: [number, number, number] } | undefined)?.range;
  if (!range) return undefined;
  return new SourceFile("", text).position(range[0]).line;
}

/** A `|` or `>` scalar, whose text starts on the line after its indicator. */
export function isBlockScalar(node: unknown): boolean {
  return isScalar(node) && (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED);
}
