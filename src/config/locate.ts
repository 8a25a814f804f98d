import { isMap, isScalar, isSeq, type Document, type Node } from "yaml";
import type { SourceFile, Span } from "../diag/index.js";
import { deref } from "./yaml.js";

/** A place in the policy data: keys and list indexes from the root. */
export type DataPath = ReadonlyArray<string | number>;

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `spec.gatewayClasses.rules[1].namespaces[0]`; odd keys as `matchLabels["a.io/b"]`. */
export function renderPath(path: DataPath): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else if (IDENT.test(seg)) out += out === "" ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** Splits an ajv instancePath (JSON Pointer) into keys, turning list indexes into numbers. */
export function fromJsonPointer(pointer: string, data: unknown): (string | number)[] {
  if (pointer === "") return [];
  const segs: (string | number)[] = [];
  let cur: unknown = data;
  for (const raw of pointer.slice(1).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(cur) && /^\d+$/.test(key)) {
      segs.push(Number(key));
      cur = cur[Number(key)];
    } else {
      segs.push(key);
      cur = cur !== null && typeof cur === "object" ? (cur as Record<string, unknown>)[key] : undefined;
    }
  }
  return segs;
}

/**
 * Where a data path is in the YAML: the value node's start, or with
 * `atKey` the key's start (for unknown keys). Falls back to the deepest
 * node that exists, so every diagnostic gets some place in the file.
 */
export class Locator {
  constructor(
    private readonly doc: Document.Parsed,
    private readonly source: SourceFile,
  ) {}

  span(path: DataPath, opts: { atKey?: boolean } = {}): Span {
    let node: unknown = this.doc.contents;
    let at = rangeStart(node) ?? 0;
    for (let i = 0; i < path.length; i++) {
      const seg = path[i]!;
      node = deref(this.doc, node);
      let next: unknown;
      let keyAt: number | undefined;
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
        if (pair) {
          keyAt = rangeStart(pair.key);
          next = pair.value;
        }
      } else if (isSeq(node) && typeof seg === "number") {
        next = node.items[seg];
      }
      if (next === undefined && keyAt === undefined) break;
      const last = i === path.length - 1;
      if (last && opts.atKey && keyAt !== undefined) {
        at = keyAt;
        break;
      }
      // A key with nothing after it (`rules:`) has an empty null node at the line's end; its key is the better place.
      at = (isEmptyScalar(next) ? keyAt : rangeStart(next)) ?? keyAt ?? at;
      if (next === null || next === undefined) break;
      node = next;
    }
    return this.source.span(at);
  }
}

function isEmptyScalar(node: unknown): boolean {
  return isScalar(node) && node.value === null && (node.source ?? "") === "";
}

function rangeStart(node: unknown): number | undefined {
  return (node as Node | null | undefined)?.range?.[0];
}
