// JSON parse (exact numbers, zero-copy strings without escapes) and dump.
// The parser keeps its cursor in globals: wasm is single-threaded and this
// avoids passing a context through every recursive call.

import { malloc } from "./alloc";
import {
  T_NULL, T_BOOL, T_NUMBER, T_STRING, T_ARRAY, T_OBJECT, T_SET, NULL_V, TRUE_V, FALSE_V, tag, str, strLen, strPtr,
  newArray, newObject, arrayAppend, collLen, collData, collReserve, arrayAt, objKeyAt, objValAt,
} from "./value";
import { numberRef, writeNumber } from "./number";
import { sortDedupe } from "./collections";
import { bufNew, bufByte, bufBytes, bufLit, bufCStr, bufString } from "./buf";
import { encodeRune } from "./utf8";

let pos: u32 = 0;
let end: u32 = 0;

// @ts-ignore: decorator
@inline function peek(): u32 {
  return pos < end ? <u32>load<u8>(pos) : 0;
}

function skipWs(): void {
  while (pos < end) {
    let c = load<u8>(pos);
    if (c == 0x20 || c == 0x0a || c == 0x0d || c == 0x09) pos++;
    else break;
  }
}

function expectWord(w: string): bool {
  let n = <u32>w.length;
  if (end - pos < n) return false;
  let s = changetype<usize>(w);
  for (let i: u32 = 0; i < n; i++) {
    if (<u16>load<u8>(pos + i) != load<u16>(s + (i << 1))) return false;
  }
  pos += n;
  return true;
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

function parseString(): u32 {
  pos++; // opening quote
  let start = pos;
  let escaped = false;
  while (pos < end) {
    let c = load<u8>(pos);
    if (c == 0x22) break;
    if (c < 0x20) return 0;
    if (c == 0x5c) {
      escaped = true;
      pos += 2;
    } else pos++;
  }
  if (pos >= end) return 0;
  let stop = pos;
  pos++; // closing quote
  if (!escaped) return str(start, stop - start);
  let b = bufNew(stop - start);
  let i = start;
  while (i < stop) {
    let c = load<u8>(i);
    if (c != 0x5c) {
      bufByte(b, c);
      i++;
      continue;
    }
    if (i + 1 >= stop) return 0;
    let e = load<u8>(i + 1);
    i += 2;
    switch (e) {
      case 0x22: bufByte(b, 0x22); break;
      case 0x5c: bufByte(b, 0x5c); break;
      case 0x2f: bufByte(b, 0x2f); break;
      case 0x62: bufByte(b, 0x08); break;
      case 0x66: bufByte(b, 0x0c); break;
      case 0x6e: bufByte(b, 0x0a); break;
      case 0x72: bufByte(b, 0x0d); break;
      case 0x74: bufByte(b, 0x09); break;
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
        encodeRune(b, r);
        break;
      }
      default:
        return 0;
    }
  }
  return bufString(b);
}

function parseNumber(): u32 {
  let start = pos;
  if (peek() == 0x2d) pos++;
  if (peek() == 0x30) pos++;
  else if (peek() >= 0x31 && peek() <= 0x39) {
    while (peek() >= 0x30 && peek() <= 0x39) pos++;
  } else return 0;
  if (peek() == 0x2e) {
    pos++;
    if (!(peek() >= 0x30 && peek() <= 0x39)) return 0;
    while (peek() >= 0x30 && peek() <= 0x39) pos++;
  }
  if (peek() == 0x65 || peek() == 0x45) {
    pos++;
    if (peek() == 0x2b || peek() == 0x2d) pos++;
    if (!(peek() >= 0x30 && peek() <= 0x39)) return 0;
    while (peek() >= 0x30 && peek() <= 0x39) pos++;
  }
  return numberRef(start, pos - start);
}

function parseValue(depth: u32): u32 {
  if (depth > 10000) return 0;
  skipWs();
  let c = peek();
  if (c == 0x7b) {
    pos++;
    let o = newObject(0);
    skipWs();
    if (peek() == 0x7d) {
      pos++;
      return o;
    }
    while (true) {
      skipWs();
      if (peek() != 0x22) return 0;
      let k = parseString();
      if (k == 0) return 0;
      skipWs();
      if (peek() != 0x3a) return 0;
      pos++;
      let v = parseValue(depth + 1);
      if (v == 0) return 0;
      let data = collReserve(o, 8);
      let n = collLen(o);
      store<u32>(data + (n << 3), k);
      store<u32>(data + (n << 3), v, 4);
      store<u32>(o, n + 1, 4);
      skipWs();
      let d = peek();
      pos++;
      if (d == 0x2c) continue;
      if (d == 0x7d) break;
      return 0;
    }
    sortDedupe(o, 8);
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
      let v = parseValue(depth + 1);
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
  if (c == 0x22) return parseString();
  if (c == 0x74) return expectWord("true") ? TRUE_V : 0;
  if (c == 0x66) return expectWord("false") ? FALSE_V : 0;
  if (c == 0x6e) return expectWord("null") ? NULL_V : 0;
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
