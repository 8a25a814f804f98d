// JSON parse (exact numbers, zero-copy strings without escapes) and dump.
// The parser keeps its cursor in globals: wasm is single-threaded and this
// avoids passing a context through every recursive call. Parsing every input
// is the hot path of evaluation, so: string bodies are scanned 8 bytes at a
// time, objects are kept sorted as their keys arrive (no sort for sorted or
// small objects), small integers become ints directly, and the common cases
// of whitespace skipping and value allocation are inlined.

import { malloc16 } from "./alloc";
import {
  T_NULL, T_BOOL, T_NUMBER, T_STRING, T_ARRAY, T_OBJECT, T_SET, NULL_V, TRUE_V, FALSE_V, tag, strLen, strPtr,
  N_INT, newArray, newObject, arrayAppend, collLen, collData, collReserve, arrayAt, objKeyAt, objValAt,
} from "./value";
import { numberRef, writeNumber } from "./number";
import { bytesCompare } from "./compare";
import { sortDedupe } from "./collections";
import { bufNew, bufPtr, bufLen, bufByte, bufBytes, bufLit, bufCStr, bufString } from "./buf";
import { encodeRune } from "./utf8";

let pos: u32 = 0;
let end: u32 = 0;

// @ts-ignore: decorator
@inline function peek(): u32 {
  return pos < end ? <u32>load<u8>(pos) : 0;
}

/** Skips JSON whitespace; inlined for the common case of none. */
// @ts-ignore: decorator
@inline function skipWs(): void {
  if (pos >= end || load<u8>(pos) <= 0x20) skipWsLoop();
}

function skipWsLoop(): void {
  let p = pos, e = end;
  while (p < e) {
    let c = load<u8>(p);
    if (c > 0x20 || (c != 0x20 && c != 0x0a && c != 0x0d && c != 0x09)) break;
    p++;
  }
  pos = p;
}

/**
 * Matches a literal whose bytes, read as a little-endian u32 at pos + skip,
 * are `word` ("true" and "null" whole, "false" after its first byte).
 */
function expectWord(word: u32, skip: u32, v: u32): u32 {
  if (end - pos < skip + 4 || load<u32>(pos + skip) != word) return 0;
  pos += skip + 4;
  return v;
}

function hex4(p: u32): i32 {
  let r: i32 = 0;
  for (let i: u32 = 0; i < 4; i++) {
    let c = <i32>load<u8>(p + i);
    let d: i32;
    if (c >= 0x30 && c <= 0x39) d = c - 0x30;
    else if (c >= 0x61 && c <= 0x66) d = c - 0x57;
    else if (c >= 0x41 && c <= 0x46) d = c - 0x37;
    else return -1;
    r = (r << 4) | d;
  }
  return r;
}

// SWAR constants: a byte repeated in each of the 8 bytes of a u64.
const ONES: u64 = 0x0101010101010101;
const HIGHS: u64 = 0x8080808080808080;

/**
 * Nonzero iff one of the 8 bytes of w (little-endian, so the lowest bits are
 * the first byte) is '"', '\\' or below 0x20. `(x - ONES) & ~x & HIGHS` sets
 * the high bit of each zero byte of x (and `(w - 0x20*ONES) & ~w & HIGHS` of
 * each byte below 0x20); a byte above a hit may be flagged too, through the
 * borrow, but never one below the first hit, so the lowest set bit is exact.
 */
// @ts-ignore: decorator
@inline function stringStops(w: u64): u64 {
  let q = w ^ (ONES * 0x22);
  let b = w ^ (ONES * 0x5c);
  return (((q - ONES) & ~q) | ((b - ONES) & ~b) | ((w - ONES * 0x20) & ~w)) & HIGHS;
}

function parseString(): u32 {
  let p = pos + 1; // after the opening quote
  let e = end;
  let start = p;
  let escaped = false;
  // Find the closing quote: skip 8 plain bytes at a time, then look at the
  // first '"', '\\' or control byte. A backslash skips the byte after it.
  while (true) {
    let c: u32;
    if (p + 8 <= e) {
      let m = stringStops(load<u64>(p));
      if (m == 0) {
        p += 8;
        continue;
      }
      p += <u32>ctz<u64>(m) >> 3;
      c = load<u8>(p);
    } else {
      if (p >= e) return 0;
      c = load<u8>(p);
      if (c != 0x22 && c != 0x5c && c >= 0x20) {
        p++;
        continue;
      }
    }
    if (c == 0x22) break;
    if (c < 0x20) return 0;
    escaped = true; // backslash
    p += 2;
  }
  let stop = p;
  pos = p + 1; // after the closing quote
  if (!escaped) {
    // str(), inlined: the zero-copy string value
    let v = malloc16();
    store<u8>(v, T_STRING);
    store<u32>(v, stop - start, 4);
    store<u32>(v, start, 8);
    return v;
  }
  // Decode. The result is never longer than the escaped text (an escape of
  // 2, 6 or 12 bytes gives at most 1, 3 or 4), so the buffer never grows and
  // bytes are written straight into it; its length is synced around encodeRune.
  let b = bufNew(stop - start);
  let w = bufPtr(b);
  let i = start;
  while (i < stop) {
    let c = load<u8>(i);
    if (c != 0x5c) {
      store<u8>(w, c);
      w++;
      i++;
      continue;
    }
    if (i + 1 >= stop) return 0;
    let e = load<u8>(i + 1);
    i += 2;
    let out: u32;
    switch (e) {
      case 0x22: out = 0x22; break;
      case 0x5c: out = 0x5c; break;
      case 0x2f: out = 0x2f; break;
      case 0x62: out = 0x08; break;
      case 0x66: out = 0x0c; break;
      case 0x6e: out = 0x0a; break;
      case 0x72: out = 0x0d; break;
      case 0x74: out = 0x09; break;
      case 0x75: {
        if (i + 4 > stop) return 0;
        let r = hex4(i);
        if (r < 0) return 0;
        i += 4;
        if (r >= 0xd800 && r < 0xdc00) {
          // surrogate pair
          if (i + 6 <= stop && load<u8>(i) == 0x5c && load<u8>(i + 1) == 0x75) {
            let r2 = hex4(i + 2);
            if (r2 >= 0xdc00 && r2 < 0xe000) {
              r = 0x10000 + ((r - 0xd800) << 10) + (r2 - 0xdc00);
              i += 6;
            } else r = 0xfffd;
          } else r = 0xfffd;
        } else if (r >= 0xdc00 && r < 0xe000) r = 0xfffd;
        store<u32>(b, w - bufPtr(b), 4);
        encodeRune(b, r);
        w = bufPtr(b) + bufLen(b);
        continue;
      }
      default:
        return 0;
    }
    store<u8>(w, <u8>out);
    w++;
  }
  store<u32>(b, w - bufPtr(b), 4);
  return bufString(b);
}

/** Scans digits from p; the first index that is not one. */
// @ts-ignore: decorator
@inline function skipDigits(p: u32, e: u32): u32 {
  while (p < e && <u32>load<u8>(p) - 0x30 < 10) p++;
  return p;
}

function parseNumber(): u32 {
  let p = pos, e = end;
  let start = p;
  let neg = false;
  if (p < e && load<u8>(p) == 0x2d) {
    neg = true;
    p++;
  }
  let intStart = p;
  let x: u64 = 0; // the integer part's value, exact up to 19 digits
  if (p < e && load<u8>(p) == 0x30) p++;
  else {
    while (p < e) {
      let d = <u32>load<u8>(p) - 0x30;
      if (d >= 10) break;
      x = x * 10 + d;
      p++;
    }
    if (p == intStart) return 0;
  }
  let intEnd = p;
  if (p < e && load<u8>(p) == 0x2e) {
    p++;
    let s = p;
    p = skipDigits(p, e);
    if (p == s) return 0;
  }
  if (p < e && (load<u8>(p) | 0x20) == 0x65) {
    p++;
    if (p < e && (load<u8>(p) == 0x2b || load<u8>(p) == 0x2d)) p++;
    let s = p;
    p = skipDigits(p, e);
    if (p == s) return 0;
  }
  pos = p;
  // Fast path: an integer of at most 18 digits always fits i64 (numberRef
  // gives the same int; longer ones and non-integers go through it).
  if (p == intEnd && p - intStart <= 18) {
    // numInt(), inlined
    let v = malloc16();
    store<u8>(v, T_NUMBER);
    store<u8>(v, N_INT, 1);
    store<u32>(v, 0, 4);
    store<i64>(v, neg ? -<i64>x : <i64>x, 8);
    return v;
  }
  return numberRef(start, p - start);
}

// Object keys are always strings, so they sort by bytes (see compare).
// Keys mostly differ in their first byte: that case needs no call.
// @ts-ignore: decorator
@inline function keyCompare(a: u32, b: u32): i32 {
  let pa = strPtr(a), la = strLen(a), pb = strPtr(b), lb = strLen(b);
  if (la != 0 && lb != 0) {
    let x = load<u8>(pa), y = load<u8>(pb);
    if (x != y) return x < y ? -1 : 1;
  }
  return bytesCompare(pa, la, pb, lb);
}

/**
 * Up to this many entries, a key that arrives out of order is inserted in
 * place (objects are small and often nearly sorted); beyond it the entries
 * are appended and sorted once at the end.
 */
const INSERT_MAX: u32 = 32;

/**
 * Adds (k, v) to an object being parsed. `sorted`: its entries are strictly
 * sorted so far; the result says whether they still are. While sorted, a key
 * after the last one is appended, and up to INSERT_MAX entries an earlier key
 * is inserted in place, an equal key's entry replaced (JSON duplicate keys:
 * the last one wins, key and value, as sortDedupe keeps). Otherwise the entry
 * is appended and the caller sorts once at the end.
 * (Kept out of the recursive parseValue: a small frame there lets 10000
 * nesting levels fit the host's stack.)
 */
function objectAppend(o: u32, k: u32, v: u32, sorted: bool): bool {
  let n = collLen(o);
  let data = n < load<u32>(o, 8) ? collData(o) : collReserve(o, 8);
  if (sorted && n > 0 && keyCompare(load<u32>(data + ((n - 1) << 3)), k) >= 0) {
    if (n > INSERT_MAX) {
      sorted = false;
    } else {
      let j = n; // k goes before entry j
      while (j > 0) {
        let c = keyCompare(load<u32>(data + ((j - 1) << 3)), k);
        if (c < 0) break;
        if (c == 0) {
          store<u32>(data + ((j - 1) << 3), k);
          store<u32>(data + ((j - 1) << 3), v, 4);
          return true;
        }
        j--;
      }
      // shift entries j.. up by one (8-byte moves) and write the entry at j
      for (let i = n; i > j; i--) store<u64>(data + (i << 3), load<u64>(data + ((i - 1) << 3)));
      store<u32>(data + (j << 3), k);
      store<u32>(data + (j << 3), v, 4);
      store<u32>(o, n + 1, 4);
      return true;
    }
  }
  store<u32>(data + (n << 3), k);
  store<u32>(data + (n << 3), v, 4);
  store<u32>(o, n + 1, 4);
  return sorted;
}

/** Nesting limit: a value deeper than this (the top level is 0) is malformed. */
const MAX_DEPTH: u32 = 10000;

/**
 * A value at nesting depth `depth`. Collections parse string members
 * directly (the hot case), other members through here.
 */
function parseValue(depth: u32): u32 {
  if (depth > MAX_DEPTH) return 0;
  skipWs();
  let c = peek();
  if (c == 0x22) return parseString();
  if (c == 0x7b) {
    pos++;
    let o = newObject(0);
    skipWs();
    if (peek() == 0x7d) {
      pos++;
      return o;
    }
    let sorted = true; // see objectAppend
    while (true) {
      skipWs();
      if (peek() != 0x22) return 0;
      let k = parseString();
      if (k == 0) return 0;
      skipWs();
      if (peek() != 0x3a) return 0;
      pos++;
      skipWs();
      let v = peek() == 0x22 && depth < MAX_DEPTH ? parseString() : parseValue(depth + 1);
      if (v == 0) return 0;
      sorted = objectAppend(o, k, v, sorted);
      skipWs();
      let d = peek();
      pos++;
      if (d == 0x2c) continue;
      if (d == 0x7d) break;
      return 0;
    }
    if (!sorted) sortDedupe(o, 8);
    return o;
  }
  if (c == 0x5b) {
    pos++;
    let a = newArray(0);
    skipWs();
    if (peek() == 0x5d) {
      pos++;
      return a;
    }
    while (true) {
      skipWs();
      let v = peek() == 0x22 && depth < MAX_DEPTH ? parseString() : parseValue(depth + 1);
      if (v == 0) return 0;
      arrayAppend(a, v);
      skipWs();
      let d = peek();
      pos++;
      if (d == 0x2c) continue;
      if (d == 0x5d) break;
      return 0;
    }
    return a;
  }
  if (c == 0x74) return expectWord(0x65757274, 0, TRUE_V); // "true"
  if (c == 0x66) return expectWord(0x65736c61, 1, FALSE_V); // "alse"
  if (c == 0x6e) return expectWord(0x6c6c756e, 0, NULL_V); // "null"
  if (c == 0x2d || (c >= 0x30 && c <= 0x39)) return parseNumber();
  return 0;
}

/** Parses len bytes at p; 0 when malformed. */
export function jsonParse(p: u32, len: u32): u32 {
  pos = p;
  end = p + len;
  let v = parseValue(0);
  if (v == 0) return 0;
  skipWs();
  if (pos != end) return 0;
  return v;
}

// ---- dump

const HEX: string = "0123456789abcdef";

export function hexDigit(d: u32): u32 {
  return <u32>load<u16>(changetype<usize>(HEX) + (d << 1));
}

/**
 * Writes a JSON string. `goEnc` adds the escapes of Go's json.Encoder (HTML
 * `<` `>` `&` as \u003c \u003e \u0026, and U+2028 / U+2029), used for the
 * text of non-string object keys, where the escapes end up in the key's value.
 */
export function writeJsonString(b: u32, p: u32, n: u32, goEnc: bool = false): void {
  bufByte(b, 0x22);
  let run = p;
  for (let i: u32 = 0; i < n; i++) {
    let c = <u32>load<u8>(p + i);
    if (c >= 0x20 && c != 0x22 && c != 0x5c) {
      if (!goEnc) continue;
      if (c == 0x3c || c == 0x3e || c == 0x26) {
        bufBytes(b, run, p + i - run);
        run = p + i + 1;
        bufLit(b, "\\u00");
        bufByte(b, hexDigit(c >> 4));
        bufByte(b, hexDigit(c & 15));
      } else if (c == 0xe2 && i + 2 < n && load<u8>(p + i + 1) == 0x80 && (load<u8>(p + i + 2) & 0xfe) == 0xa8) {
        bufBytes(b, run, p + i - run);
        run = p + i + 3;
        bufLit(b, "\\u202");
        bufByte(b, hexDigit(<u32>load<u8>(p + i + 2) - 0xa0));
        i += 2;
      }
      continue;
    }
    bufBytes(b, run, p + i - run);
    run = p + i + 1;
    bufByte(b, 0x5c);
    if (c == 0x22 || c == 0x5c) bufByte(b, c);
    else if (c == 0x0a) bufByte(b, 0x6e);
    else if (c == 0x0d) bufByte(b, 0x72);
    else if (c == 0x09) bufByte(b, 0x74);
    else if (c == 0x08) bufByte(b, 0x62);
    else if (c == 0x0c) bufByte(b, 0x66);
    else {
      bufLit(b, "u00");
      bufByte(b, hexDigit(c >> 4));
      bufByte(b, hexDigit(c & 15));
    }
  }
  bufBytes(b, run, p + n - run);
  bufByte(b, 0x22);
}

/**
 * An object whose non-string keys are replaced by their JSON text (as OPA's
 * ast.JSON: Go's json.Encoder output of the key, so a set key is a JSON array),
 * entries sorted by the resulting strings as Go's map encoding does; when two
 * keys give the same string the later one in key order wins.
 */
function stringKeyed(v: u32): u32 {
  let n = collLen(v);
  let o = newObject(n);
  let data = collData(o);
  for (let i: u32 = 0; i < n; i++) {
    let k = objKeyAt(v, i);
    if (tag(k) != T_STRING) {
      let kb = bufNew(32);
      writeJson(kb, k, true);
      k = bufString(kb);
    }
    store<u32>(data + (i << 3), k);
    store<u32>(data + (i << 3), objValAt(v, i), 4);
  }
  store<u32>(o, n, 4);
  sortDedupe(o, 8);
  return o;
}

/**
 * Writes v as JSON: sets as arrays, non-string object keys as strings holding
 * their JSON text (see stringKeyed). `goEnc`: Go json.Encoder string escapes.
 */
export function writeJson(b: u32, v: u32, goEnc: bool = false): void {
  switch (tag(v)) {
    case T_NULL: bufLit(b, "null"); break;
    case T_BOOL: bufLit(b, load<u8>(v, 1) != 0 ? "true" : "false"); break;
    case T_NUMBER: writeNumber(b, v); break;
    case T_STRING: writeJsonString(b, strPtr(v), strLen(v), goEnc); break;
    case T_ARRAY:
    case T_SET: {
      bufByte(b, 0x5b);
      let n = collLen(v);
      for (let i: u32 = 0; i < n; i++) {
        if (i > 0) bufByte(b, 0x2c);
        writeJson(b, arrayAt(v, i), goEnc);
      }
      bufByte(b, 0x5d);
      break;
    }
    case T_OBJECT: {
      let n = collLen(v);
      for (let i: u32 = 0; i < n; i++) {
        if (tag(objKeyAt(v, i)) != T_STRING) {
          v = stringKeyed(v);
          n = collLen(v);
          break;
        }
      }
      bufByte(b, 0x7b);
      for (let i: u32 = 0; i < n; i++) {
        if (i > 0) bufByte(b, 0x2c);
        let k = objKeyAt(v, i);
        writeJsonString(b, strPtr(k), strLen(k), goEnc);
        bufByte(b, 0x3a);
        writeJson(b, objValAt(v, i), goEnc);
      }
      bufByte(b, 0x7d);
      break;
    }
  }
}

export function jsonDump(v: u32): u32 {
  let b = bufNew(256);
  writeJson(b, v);
  return bufCStr(b);
}
