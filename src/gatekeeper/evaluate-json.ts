import type { Inventory } from "./types.js";

/**
 * JSON (UTF-8) for the Wasm engine, built so each inventory object is
 * serialised and encoded once per inventory: `{"inventory": ...}` (the data
 * every module reading `data` loads) records where each object's bytes lie,
 * and an input reviewing that object copies them. Every function here
 * produces exactly the bytes of `JSON.stringify` for the same value; the
 * objects must not change while the inventory is in use (callers build an
 * inventory completely before reviewing against it).
 */

const utf8 = new TextEncoder();

/** A growable byte buffer written with encodeInto (no intermediate strings). */
export class ByteWriter {
  buf: Uint8Array;
  len = 0;

  constructor(size = 1 << 16) {
    this.buf = new Uint8Array(size);
  }

  private ensure(extra: number): void {
    const need = this.len + extra;
    if (need <= this.buf.length) return;
    const next = new Uint8Array(Math.max(need, this.buf.length * 2));
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  text(s: string): void {
    for (;;) {
      const r = utf8.encodeInto(s, this.buf.subarray(this.len));
      if (r.read === s.length) {
        this.len += r.written;
        return;
      }
      // UTF-8 takes at most 3 bytes per UTF-16 code unit.
      this.ensure(s.length * 3);
    }
  }

  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }

  byte(b: number): void {
    this.ensure(1);
    this.buf[this.len++] = b;
  }

  view(): Uint8Array {
    return this.buf.subarray(0, this.len);
  }
}

interface InventoryJson {
  utf8: ArrayBuffer;
  /** Each object at a leaf of the inventory -> [start, end) of its JSON in `utf8`. */
  objects: Map<object, [number, number]>;
}

/**
 * What is built once per inventory object and reused while it is in use
 * (callers build an inventory completely first; nothing in it changes after).
 */
interface InventoryCache {
  /** The whole inventory's JSON, once a template reads all of it. */
  json?: InventoryJson;
  /** The JSON of the parts under a set of paths, by JSON.stringify(paths). */
  cut: Map<string, ArrayBuffer>;
  /** Each Namespace reviews carry as namespaceObject (shared by every object in it). */
  namespaces: WeakMap<object, Uint8Array>;
  /** Each constraint's parameters (evaluate.ts). */
  parameters: WeakMap<object, string | undefined>;
}

const caches = new WeakMap<Inventory, InventoryCache>();

export function inventoryCache(inventory: Inventory): InventoryCache {
  let c = caches.get(inventory);
  if (c === undefined) caches.set(inventory, (c = { cut: new Map(), namespaces: new WeakMap(), parameters: new WeakMap() }));
  return c;
}

/** Records under `inventory.<key>` before the objects: cluster[gv][Kind][name], namespace[ns][gv][Kind][name]. */
const LEVELS: Record<string, number> = { cluster: 3, namespace: 4 };
const COMMA = 0x2c;
const OPEN = 0x7b;
const CLOSE = 0x7d;

function plainRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** JSON.stringify calls toJSON(key) with the key: a value that has one is left to a whole-value JSON.stringify. */
const hasToJson = (v: unknown): boolean => typeof v === "object" && v !== null && typeof (v as { toJSON?: unknown }).toJSON === "function";

class NotPlain extends Error {}

/** Write JSON.stringify(v) (false: undefined, nothing written), recording where each object found after `levels` nested records lies. */
function encode(w: ByteWriter, v: unknown, levels: number, objects: Map<object, [number, number]>): boolean {
  if (hasToJson(v)) throw new NotPlain();
  if (levels > 0 && plainRecord(v)) {
    w.byte(OPEN);
    let first = true;
    for (const k of Object.keys(v)) {
      const x = v[k];
      if (x === undefined || typeof x === "function" || typeof x === "symbol") continue;
      if (!first) w.byte(COMMA);
      first = false;
      w.text(JSON.stringify(k));
      w.byte(0x3a); // :
      encode(w, x, levels - 1, objects);
    }
    w.byte(CLOSE);
    return true;
  }
  const t = JSON.stringify(v);
  if (t === undefined) return false;
  const start = w.len;
  w.text(t);
  if (levels === 0 && typeof v === "object" && v !== null) objects.set(v, [start, w.len]);
  return true;
}

function inventoryJson(inventory: Inventory): InventoryJson {
  const cache = inventoryCache(inventory);
  let j = cache.json;
  if (j === undefined) {
    let objects = new Map<object, [number, number]>();
    let w = new ByteWriter(1 << 20);
    try {
      if (!plainRecord(inventory) || hasToJson(inventory)) throw new NotPlain();
      w.text('{"inventory":');
      const inv = inventory as unknown as Record<string, unknown>;
      w.byte(OPEN);
      let first = true;
      for (const k of Object.keys(inv)) {
        const x = inv[k];
        if (x === undefined || typeof x === "function" || typeof x === "symbol") continue;
        if (!first) w.byte(COMMA);
        first = false;
        w.text(JSON.stringify(k));
        w.byte(0x3a);
        encode(w, x, LEVELS[k] ?? -1, objects);
      }
      w.byte(CLOSE);
      w.byte(CLOSE);
    } catch (e) {
      if (!(e instanceof NotPlain)) throw e;
      objects = new Map();
      w = new ByteWriter();
      w.text(JSON.stringify({ inventory }));
    }
    j = { utf8: w.buf.buffer.slice(0, w.len) as ArrayBuffer, objects };
    cache.json = j;
  }
  return j;
}

/**
 * Paths below `data.inventory` a template reads: a string is a fixed key,
 * `null` any key; `[]` is the whole inventory. See src/rego/plan/data-reads.ts.
 */
export type InventoryPath = readonly (string | null)[];

/**
 * `JSON.stringify({inventory})` as UTF-8, built once per inventory object;
 * with `paths`, only the parts of the inventory lying under one of them
 * (and the records holding those), built once per inventory and set of
 * paths. A template reading only those paths sees the same values either
 * way: a ref succeeds only where its whole path exists, and what lies under
 * its path is kept whole.
 */
export function inventoryDataUtf8(inventory: Inventory, paths?: readonly InventoryPath[]): ArrayBuffer {
  if (paths === undefined || paths.some((p) => p.length === 0)) return inventoryJson(inventory).utf8;
  const key = JSON.stringify(paths);
  const byPaths = inventoryCache(inventory).cut;
  let buf = byPaths.get(key);
  if (buf === undefined) {
    const w = new ByteWriter(1 << 12);
    try {
      w.text('{"inventory":');
      if (!writeUnder(w, inventory, paths)) w.text("{}");
      w.byte(CLOSE);
      buf = w.buf.buffer.slice(0, w.len) as ArrayBuffer;
    } catch (e) {
      if (!(e instanceof NotPlain)) throw e;
      buf = inventoryJson(inventory).utf8;
    }
    byPaths.set(key, buf);
  }
  return buf;
}

/**
 * Write the parts of `v` under `paths` (none empty): records are filtered
 * key by key, records left empty are dropped (false: nothing written); any
 * other value on the way down (an array, a scalar) is written whole.
 */
function writeUnder(w: ByteWriter, v: unknown, paths: readonly InventoryPath[]): boolean {
  if (hasToJson(v)) throw new NotPlain();
  if (!plainRecord(v)) return writeWhole(w, v);
  const start = w.len;
  w.byte(OPEN);
  let first = true;
  for (const k of Object.keys(v)) {
    const sub: InventoryPath[] = [];
    let whole = false;
    for (const p of paths) {
      if (p[0] !== null && p[0] !== k) continue;
      if (p.length === 1) whole = true;
      else sub.push(p.slice(1));
    }
    if (!whole && sub.length === 0) continue;
    const x = v[k];
    if (x === undefined || typeof x === "function" || typeof x === "symbol") continue;
    const at = w.len;
    if (!first) w.byte(COMMA);
    w.text(JSON.stringify(k));
    w.byte(0x3a); // :
    if (whole ? writeWhole(w, x) : writeUnder(w, x, sub)) first = false;
    else w.len = at;
  }
  if (first) {
    w.len = start;
    return false;
  }
  w.byte(CLOSE);
  return true;
}

function writeWhole(w: ByteWriter, v: unknown): boolean {
  if (hasToJson(v)) throw new NotPlain();
  const t = JSON.stringify(v);
  if (t === undefined) return false;
  w.text(t);
  return true;
}

const NS_NULL_TAIL = ',"namespaceObject":null}';
const NS_HEAD = utf8.encode(',"namespaceObject":');

/**
 * Write `JSON.stringify(review)`. When the inventory's JSON was built, the
 * top-level values it holds (the object, oldObject, namespaceObject) are
 * copied from it; otherwise a review ending in a namespaceObject (as
 * buildReview's do) gets that Namespace's JSON built once per inventory and
 * the rest from one native JSON.stringify.
 */
export function writeReviewJson(w: ByteWriter, review: Record<string, unknown>, inventory: Inventory): void {
  const j = caches.get(inventory)?.json;
  if (j === undefined || j.objects.size === 0 || !plainRecord(review) || hasToJson(review) || Object.values(review).some(hasToJson)) {
    const ns = plainRecord(review) && !hasToJson(review) ? review["namespaceObject"] : undefined;
    if (typeof ns === "object" && ns !== null && !hasToJson(ns)) {
      // Spreading keeps the key order; a namespaceObject last stringifies as the tail.
      const rest = JSON.stringify({ ...review, namespaceObject: null });
      if (rest.endsWith(NS_NULL_TAIL)) {
        w.text(rest.slice(0, rest.length - NS_NULL_TAIL.length));
        w.bytes(NS_HEAD);
        w.bytes(namespaceBytes(inventory, ns));
        w.byte(CLOSE);
        return;
      }
    }
    w.text(JSON.stringify(review));
    return;
  }
  const src = new Uint8Array(j.utf8);
  w.byte(OPEN);
  let first = true;
  for (const k of Object.keys(review)) {
    const v = review[k];
    const at = typeof v === "object" && v !== null ? j.objects.get(v) : undefined;
    const t = at === undefined ? JSON.stringify(v) : undefined;
    if (at === undefined && t === undefined) continue;
    if (!first) w.byte(COMMA);
    first = false;
    w.text(JSON.stringify(k));
    w.byte(0x3a);
    if (at !== undefined) w.bytes(src.subarray(at[0], at[1]));
    else w.text(t!);
  }
  w.byte(CLOSE);
}

function namespaceBytes(inventory: Inventory, ns: object): Uint8Array {
  const cache = inventoryCache(inventory).namespaces;
  let b = cache.get(ns);
  if (b === undefined) cache.set(ns, (b = utf8.encode(JSON.stringify(ns))));
  return b;
}
