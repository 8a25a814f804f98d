/**
 * A small deterministic YAML emitter for the values the templates splice in
 * (Constraint parameters, parameter schemas). Keys are sorted; a string is
 * written plain only when it cannot be read back as anything else, otherwise
 * as a JSON string (every JSON string is a valid YAML double-quoted scalar).
 */
import type { JsonValue } from "../policy/index.js";

const PLAIN = /^[A-Za-z_][A-Za-z0-9_./-]*$/;
// YAML 1.1 and 1.2 words that a plain scalar would turn into booleans or null.
const RESERVED = new Set(["y", "yes", "n", "no", "true", "false", "on", "off", "null"]);

/**
 * One scalar, safe anywhere a YAML flow or block value may stand: plain when
 * nothing else can be read from it; single-quoted when it is printable ASCII
 * holding `"` or `\\` (JSON-in-a-string reads better so); else a JSON string.
 */
export function yamlScalar(s: string): string {
  if (PLAIN.test(s) && !RESERVED.has(s.toLowerCase())) return s;
  if (/^[\x20-\x7e]*$/.test(s) && /["\\]/.test(s)) return `'${s.replaceAll("'", "''")}'`;
  return JSON.stringify(s);
}

function inline(v: JsonValue): string | undefined {
  if (v === null) return "null";
  if (typeof v === "string") return yamlScalar(v);
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return v.length === 0 ? "[]" : undefined;
  return Object.keys(v).length === 0 ? "{}" : undefined;
}

/**
 * The lines of `value` (an object or array) as a YAML block at `indent`
 * spaces, joined by "\n", without a trailing newline.
 */
export function yamlBlock(value: JsonValue, indent: number): string {
  return blockLines(value, indent).join("\n");
}

function blockLines(value: JsonValue, indent: number): string[] {
  const pad = " ".repeat(indent);
  const scalar = inline(value);
  if (scalar !== undefined) return [pad + scalar];
  const lines: string[] = [];
  if (Array.isArray(value)) {
    for (const item of value) {
      const s = inline(item);
      if (s !== undefined) {
        lines.push(`${pad}- ${s}`);
        continue;
      }
      // The item's first line goes after the dash; the rest keep its indentation.
      const inner = blockLines(item, indent + 2);
      lines.push(`${pad}- ${inner[0]!.slice(indent + 2)}`, ...inner.slice(1));
    }
    return lines;
  }
  for (const key of Object.keys(value as object).sort()) {
    const v = (value as { [k: string]: JsonValue })[key]!;
    const s = inline(v);
    if (s !== undefined) lines.push(`${pad}${yamlScalar(key)}: ${s}`);
    else lines.push(`${pad}${yamlScalar(key)}:`, ...blockLines(v, indent + 2));
  }
  return lines;
}

/**
 * The body of a YAML literal block scalar (the lines after `key: |`) at
 * `indent` spaces: line ends normalized, leading and trailing blank lines
 * dropped, whitespace-only lines emptied. Reads back (with `|` clip) as the
 * normalized text plus one newline. Returns undefined when the first line
 * starts with whitespace, which `|` without an indentation indicator cannot
 * carry.
 */
export function literalBlock(text: string, indent: number): string | undefined {
  const lines = normalizeBlockText(text).split("\n");
  if (/^\s/.test(lines[0] ?? "")) return undefined;
  const pad = " ".repeat(indent);
  return lines.map((l) => (l === "" ? "" : pad + l)).join("\n");
}

/** The text a literal block carries back, without its final newline. */
export function normalizeBlockText(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((l) => (l.trim() === "" ? "" : l))
    .join("\n")
    .replace(/^\n+/, "")
    .replace(/\n+$/, "");
}
