import { error, type Diagnostic, type SourceFile } from "../diag/index.js";

/**
 * Deeper than any policy file needs (the deepest SPEC path is 6 levels);
 * bounding it keeps the recursive walks of yaml.ts and yaml's own composer far
 * from the stack limit. Flow collections are checked before parsing because
 * yaml spends unbounded memory on thousands of unclosed `[`.
 */
export const MAX_DEPTH = 32;

/**
 * A lexical pre-scan for flow collections. Approximate on purpose: it skips
 * quoted strings and comments and counts a bracket only where a flow
 * collection can start. That is enough to stop pathological nesting
 * (`[[[[...`) before the parser sees it, and to find the bracket a
 * "Flow sequence ... must end with a ]" error is about, which yaml reports
 * at the end of the input; real files never come near the depth limit.
 */
export function scanFlow(source: SourceFile): { deep?: Diagnostic; unclosed?: number } {
  const t = source.text;
  const open: number[] = [];
  let prev = "\n";
  for (let i = 0; i < t.length; i++) {
    const c = t[i]!;
    const tokenStart = /[\s:,[{\-]/.test(prev);
    if ((c === '"' || c === "'") && tokenStart) {
      const end = skipQuoted(t, i, c);
      // Unterminated: the parser will say so; keep scanning as if it were plain text.
      if (end >= 0) {
        i = end;
        prev = c;
        continue;
      }
    }
    if (c === "#" && (prev === " " || prev === "\t" || prev === "\n")) {
      while (i < t.length && t[i] !== "\n") i++;
      prev = "\n";
      continue;
    }
    if ((c === "[" || c === "{") && tokenStart) {
      open.push(i);
      if (open.length > MAX_DEPTH) {
        return { deep: error("gwpc_yaml_syntax", `nested more than ${MAX_DEPTH} levels deep`, source.span(i)) };
      }
    } else if ((c === "]" || c === "}") && open.length > 0) {
      open.pop();
    }
    prev = c;
  }
  return open.length > 0 ? { unclosed: open[open.length - 1]! } : {};
}

function skipQuoted(t: string, start: number, q: string): number {
  for (let i = start + 1; i < t.length; i++) {
    if (q === '"' && t[i] === "\\") i++;
    else if (t[i] === q) {
      if (q === "'" && t[i + 1] === "'") i++;
      else return i;
    }
  }
  return -1;
}
