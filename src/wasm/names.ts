import { ByteReader, ByteWriter } from "./bytes.js";

/**
 * The "name" custom section: module name (subsection 0), function names (1),
 * and whatever else (locals, labels, ...) kept as raw subsections so a
 * parse -> encode without changes gives the same bytes.
 */
export interface NameSection {
  subsections: { id: number; bytes: Uint8Array }[];
}

export function parseNameSection(bytes: Uint8Array): NameSection {
  const r = new ByteReader(bytes);
  const subsections: { id: number; bytes: Uint8Array }[] = [];
  while (!r.eof) {
    const id = r.byte();
    const n = r.u32();
    subsections.push({ id, bytes: r.bytes(n) });
  }
  return { subsections };
}

export function encodeNameSection(ns: NameSection): Uint8Array {
  const w = new ByteWriter();
  for (const s of ns.subsections) w.byte(s.id).vec(s.bytes);
  return w.finish();
}

/** Function index -> name, from subsection 1. */
export function functionNames(ns: NameSection): Map<number, string> {
  const out = new Map<number, string>();
  const sub = ns.subsections.find((s) => s.id === 1);
  if (!sub) return out;
  const r = new ByteReader(sub.bytes);
  const n = r.u32();
  for (let i = 0; i < n; i++) {
    const idx = r.u32();
    out.set(idx, r.name());
  }
  return out;
}

/** Replaces subsection 1 with `names` (sorted by index, as the spec requires). */
export function setFunctionNames(ns: NameSection, names: ReadonlyMap<number, string>): void {
  const w = new ByteWriter();
  const sorted = [...names.entries()].sort((a, b) => a[0] - b[0]);
  w.u32(sorted.length);
  for (const [idx, name] of sorted) w.u32(idx).name(name);
  const bytes = w.finish();
  const at = ns.subsections.findIndex((s) => s.id === 1);
  if (at >= 0) ns.subsections[at] = { id: 1, bytes };
  else {
    const before = ns.subsections.findIndex((s) => s.id > 1);
    ns.subsections.splice(before < 0 ? ns.subsections.length : before, 0, { id: 1, bytes });
  }
}
