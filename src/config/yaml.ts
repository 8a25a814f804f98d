import { isAlias, isMap, isScalar, isSeq, parseAllDocuments, visit, type Document, type Node } from "yaml";
import { error, type Diagnostic, type SourceFile } from "../diag/index.js";
import { MAX_DEPTH, scanFlow } from "./flow-scan.js";
import { fileOnly } from "./text.js";

export { MAX_DEPTH };

/**
 * Alias expansions allowed when converting to plain data: enough to reuse a
 * namespace list, far too few for a "billion laughs" document.
 */
export const MAX_ALIAS_COUNT = 100;

/**
 * Values (scalars, lists, mappings; aliases counted at every use) a policy
 * may hold. Real policies hold hundreds; the cap exists because ajv's
 * allErrors mode slows down super-linearly with the number of errors (10k
 * errors take half a second, 20k take ten), and a 1 MiB file of bad values
 * must still be answered promptly.
 */
export const MAX_VALUES = 10_000;

export interface ParsedYaml {
  doc?: Document.Parsed;
  /** The document as plain data (aliases expanded). */
  data?: unknown;
  diagnostics: Diagnostic[];
}

/** YAML text -> one document and its data, or positioned diagnostics. */
export function parseYaml(source: SourceFile): ParsedYaml {
  const flow = scanFlow(source);
  if (flow.deep) return { diagnostics: [flow.deep] };

  const syntax = (message: string, offset: number) =>
    error("gwpc_yaml_syntax", message, source.span(offset));

  // uniqueKeys is off so that duplicates are reported by us, with both places.
  const docs = parseAllDocuments(source.text, { prettyErrors: false, uniqueKeys: false, schema: "core" });
  const list: Document.Parsed[] = Array.isArray(docs) ? docs : [];
  const diagnostics: Diagnostic[] = [];
  for (const doc of list) {
    for (const e of [...doc.errors, ...doc.warnings]) {
      const unclosed = flow.unclosed !== undefined && /^Flow (sequence|map) in block collection/.test(e.message);
      if (unclosed) {
        const [o, c] = source.text[flow.unclosed!] === "[" ? ["[", "]"] : ["{", "}"];
        diagnostics.push(syntax(`this "${o}" is never closed: expected a "${c}"`, flow.unclosed!));
      } else {
        diagnostics.push(syntax(yamlMessage(e.message), e.pos[0]));
      }
    }
  }
  if (diagnostics.length > 0) return { diagnostics };

  // A stray `---` at either end is common in generated YAML; only documents with content count.
  const contentful = list.filter((d) => !isEmptyDocument(d));
  if (contentful.length === 0) {
    const what = source.text.trim() === "" ? "empty file" : "no YAML content (only comments)";
    return {
      diagnostics: [
        error("gwpc_input", `${what}: expected a GatewayPolicy mapping (\`gwpc init\` writes an example)`, fileOnly(source.name)),
      ],
    };
  }
  if (contentful.length > 1) {
    const second = contentful[1]!;
    return {
      diagnostics: [
        syntax(
          `found ${contentful.length} YAML documents; a policy file holds exactly one (the second starts here)`,
          second.contents?.range?.[0] ?? second.range[0],
        ),
      ],
    };
  }
  const doc = contentful[0]!;

  checkKeysAndDepth(doc.contents, 0, source, diagnostics);
  if (diagnostics.length > 0) return { diagnostics };

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    // yaml throws a ReferenceError when aliases would expand past maxAliasCount.
    const alias = firstAlias(doc);
    const msg = e instanceof ReferenceError
      ? `too many alias expansions (more than ${MAX_ALIAS_COUNT}: an alias bomb?); write the values out instead`
      : `cannot convert the document: ${e instanceof Error ? e.message : String(e)}`;
    return { diagnostics: [syntax(msg, alias ?? 0)] };
  }
  if (countValues(data, MAX_VALUES) > MAX_VALUES) {
    return {
      diagnostics: [
        error("gwpc_input", `more than ${MAX_VALUES} values (aliases counted at each use); a policy file may hold at most ${MAX_VALUES}`, fileOnly(source.name)),
      ],
    };
  }
  return { doc, data, diagnostics };
}

/** Values in plain data, counting shared (aliased) parts at each use; stops once past `limit`. */
function countValues(data: unknown, limit: number): number {
  let n = 0;
  const stack: unknown[] = [data];
  while (stack.length > 0 && n <= limit) {
    const v = stack.pop();
    n++;
    // Pushed one by one: spreading a list of 100k items would overflow the call stack.
    const children = Array.isArray(v) ? v : v !== null && typeof v === "object" && !(v instanceof Uint8Array) ? Object.values(v) : [];
    for (const c of children) {
      if (stack.length + n > limit) break;
      stack.push(c);
    }
  }
  return n;
}

/** yaml's messages may carry a code frame after the first line; we print our own place. */
function yamlMessage(message: string): string {
  const first = message.split("\n")[0]!.trim();
  return first.replace(/ at line \d+, column \d+:?$/, "");
}

function isEmptyDocument(doc: Document.Parsed): boolean {
  const c = doc.contents;
  return c === null || (isScalar(c) && c.value === null && (c.source ?? "") === "" && !c.tag);
}

/**
 * Duplicate keys (reported at the second with the first's line), keys that
 * are not scalars, and nesting beyond MAX_DEPTH. Aliases are not followed:
 * their targets are checked where the anchor is defined.
 */
function checkKeysAndDepth(node: unknown, depth: number, source: SourceFile, out: Diagnostic[]): void {
  if (depth > MAX_DEPTH) {
    const at = (node as Node | null)?.range?.[0] ?? 0;
    // One report is enough: a deep file would otherwise repeat it per branch.
    if (!out.some((d) => d.message.startsWith("nested more than"))) {
      out.push(error("gwpc_yaml_syntax", `nested more than ${MAX_DEPTH} levels deep`, source.span(at)));
    }
    return;
  }
  if (isMap(node)) {
    const seen = new Map<string, number>();
    for (const pair of node.items) {
      const key = pair.key;
      if (!isScalar(key)) {
        const at = (key as Node | null)?.range?.[0] ?? node.range?.[0] ?? 0;
        out.push(error("gwpc_yaml_syntax", "mapping keys must be plain scalars", source.span(at)));
      } else {
        const name = String(key.value);
        const at = key.range?.[0] ?? 0;
        const first = seen.get(name);
        if (first !== undefined) {
          out.push(
            error("gwpc_yaml_syntax", `duplicate key "${name}" (first defined at line ${source.position(first).line})`, source.span(at)),
          );
        } else {
          seen.set(name, at);
        }
      }
      checkKeysAndDepth(pair.value, depth + 1, source, out);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) checkKeysAndDepth(item, depth + 1, source, out);
  }
}

function firstAlias(doc: Document.Parsed): number | undefined {
  let at: number | undefined;
  visit(doc, {
    Alias(_key, node) {
      at = node.range?.[0];
      return visit.BREAK;
    },
  });
  return at;
}

/** Follows an alias to its anchored node; other nodes are returned as they are. */
export function deref(doc: Document.Parsed, node: unknown): unknown {
  return isAlias(node) ? node.resolve(doc) : node;
}
