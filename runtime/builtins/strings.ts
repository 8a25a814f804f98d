// The strings family (OPA v1/topdown/strings.go semantics; runes = code points).

import {
  T_ARRAY, T_SET, T_STRING, T_NUMBER, T_OBJECT, TRUE_V, FALSE_V, tag, boolOf, str, strPtr, strLen, collLen, arrayAt,
  newArray, arrayAppend, arrayFrom, collData, numInt, objKeyAt, objValAt,
} from "../value";
import { abortMsg } from "../abort";
import { malloc } from "../alloc";
import { bufNew, bufBytes, bufString, bufByte } from "../buf";
import { runeCount, runeOffset, decodeRune, runeWidth, encodeRune } from "../utf8";
import { isStr, intOperand, intOk, startsWith, endsWith, indexOf } from "./util";
import { magDivSmall, magRem, magLen, decToMag, decNeg } from "../decimal";
import { decOf } from "../number";

export function builtin$startswith(s: u32, p: u32): u32 {
  if (!isStr(s) || !isStr(p)) return 0;
  return boolOf(startsWith(strPtr(s), strLen(s), strPtr(p), strLen(p)));
}

export function builtin$endswith(s: u32, p: u32): u32 {
  if (!isStr(s) || !isStr(p)) return 0;
  return boolOf(endsWith(strPtr(s), strLen(s), strPtr(p), strLen(p)));
}

export function builtin$contains(s: u32, p: u32): u32 {
  if (!isStr(s) || !isStr(p)) return 0;
  return boolOf(indexOf(strPtr(s), strLen(s), strPtr(p), strLen(p), 0) >= 0);
}

export function builtin$indexof(s: u32, p: u32): u32 {
  if (!isStr(s) || !isStr(p) || strLen(p) == 0) return 0; // OPA: "empty search character"
  let i = indexOf(strPtr(s), strLen(s), strPtr(p), strLen(p), 0);
  if (i < 0) return numInt(-1);
  return numInt(runeCount(strPtr(s), <u32>i));
}

export function builtin$trim_prefix(s: u32, p: u32): u32 {
  if (!isStr(s) || !isStr(p)) return 0;
  let n = strLen(s), m = strLen(p);
  if (!startsWith(strPtr(s), n, strPtr(p), m)) return s;
  return str(strPtr(s) + m, n - m);
}

export function builtin$trim_suffix(s: u32, p: u32): u32 {
  if (!isStr(s) || !isStr(p)) return 0;
  let n = strLen(s), m = strLen(p);
  if (!endsWith(strPtr(s), n, strPtr(p), m)) return s;
  return str(strPtr(s), n - m);
}

function inCutset(r: i32, c: u32): bool {
  let p = strPtr(c), n = strLen(c);
  let i: u32 = 0;
  while (i < n) {
    let x = decodeRune(p + i, n - i);
    if (x == r) return true;
    i += runeWidth;
  }
  return false;
}

/** Go's strings.TrimLeft/TrimRight with a cutset (left: bit 1, right: bit 2). */
function trimCutset(s: u32, c: u32, mode: i32): u32 {
  if (!isStr(s) || !isStr(c)) return 0;
  let p = strPtr(s), n = strLen(s);
  let start: u32 = 0, end = n;
  if (mode & 1) {
    while (start < end) {
      let r = decodeRune(p + start, end - start);
      if (!inCutset(r, c)) break;
      start += runeWidth;
    }
  }
  if (mode & 2) {
    while (end > start) {
      // step back one rune
      let k = end - 1;
      while (k > start && (load<u8>(p + k) & 0xc0) == 0x80 && end - k < 4) k--;
      let r = decodeRune(p + k, end - k);
      if (runeWidth != end - k) {
        k = end - 1;
        r = decodeRune(p + k, 1);
      }
      if (!inCutset(r, c)) break;
      end = k;
    }
  }
  if (start == 0 && end == n) return s;
  return str(p + start, end - start);
}

export function builtin$trim(s: u32, c: u32): u32 {
  return trimCutset(s, c, 3);
}
export function builtin$trim_left(s: u32, c: u32): u32 {
  return trimCutset(s, c, 1);
}
export function builtin$trim_right(s: u32, c: u32): u32 {
  return trimCutset(s, c, 2);
}

function isSpaceRune(r: i32): bool {
  if (r == 0x20 || (r >= 0x09 && r <= 0x0d) || r == 0x85 || r == 0xa0) return true;
  if (r < 0x1680) return false;
  return r == 0x1680 || (r >= 0x2000 && r <= 0x200a) || r == 0x2028 || r == 0x2029 || r == 0x202f ||
    r == 0x205f || r == 0x3000;
}

export function builtin$trim_space(s: u32): u32 {
  if (!isStr(s)) return 0;
  let p = strPtr(s), n = strLen(s);
  let start: u32 = 0, end = n;
  while (start < end) {
    let r = decodeRune(p + start, end - start);
    if (!isSpaceRune(r)) break;
    start += runeWidth;
  }
  while (end > start) {
    let k = end - 1;
    while (k > start && (load<u8>(p + k) & 0xc0) == 0x80 && end - k < 4) k--;
    let r = decodeRune(p + k, end - k);
    if (runeWidth != end - k) {
      k = end - 1;
      r = 0xfffd;
    }
    if (!isSpaceRune(r)) break;
    end = k;
  }
  if (start == 0 && end == n) return s;
  return str(p + start, end - start);
}

function caseMap(s: u32, upper: bool): u32 {
  if (!isStr(s)) return 0;
  let p = strPtr(s), n = strLen(s);
  let b = bufNew(n);
  let i: u32 = 0;
  while (i < n) {
    let c = <u32>load<u8>(p + i);
    if (c < 0x80) {
      if (upper && c >= 0x61 && c <= 0x7a) c -= 32;
      else if (!upper && c >= 0x41 && c <= 0x5a) c += 32;
      bufByte(b, c);
      i++;
      continue;
    }
    let r = decodeRune(p + i, n - i);
    let w = runeWidth;
    // invalid bytes become U+FFFD, as Go's strings.Map
    encodeRune(b, r == 0xfffd && w == 1 ? 0xfffd : mapRune(r, upper));
    i += w;
  }
  return bufString(b);
}

/** Case mapping for Latin-1, Latin Extended-A, Greek and Cyrillic basics (others unchanged). */
function mapRune(r: i32, upper: bool): i32 {
  if (upper) {
    if (r >= 0xe0 && r <= 0xfe && r != 0xf7) return r - 32;
    if (r == 0xff) return 0x178;
    if (r == 0xb5) return 0x39c;
    if (r >= 0x100 && r <= 0x17f && r != 0x130 && r != 0x131 && r != 0x138 && r != 0x149 && r != 0x17f) {
      let even = (r >= 0x139 && r <= 0x148) || (r >= 0x179 && r <= 0x17e) ? (r & 1) == 0 : (r & 1) == 1;
      return even ? r - 1 : r;
    }
    if (r == 0x131) return 0x49;
    if (r == 0x17f) return 0x53;
    if (r >= 0x3b1 && r <= 0x3c9 && r != 0x3c2) return r - 32;
    if (r == 0x3c2) return 0x3a3;
    if (r >= 0x430 && r <= 0x44f) return r - 32;
    if (r >= 0x450 && r <= 0x45f) return r - 80;
    return r;
  }
  if (r >= 0xc0 && r <= 0xde && r != 0xd7) return r + 32;
  if (r == 0x178) return 0xff;
  if (r >= 0x100 && r <= 0x17f && r != 0x130 && r != 0x131 && r != 0x138 && r != 0x149 && r != 0x17f) {
    let isUpper = (r >= 0x139 && r <= 0x148) || (r >= 0x179 && r <= 0x17e) ? (r & 1) == 1 : (r & 1) == 0;
    return isUpper ? r + 1 : r;
  }
  if (r == 0x130) return 0x69;
  if (r >= 0x391 && r <= 0x3a9 && r != 0x3a2) return r + 32;
  if (r >= 0x410 && r <= 0x42f) return r + 32;
  if (r >= 0x400 && r <= 0x40f) return r + 80;
  return r;
}

export function builtin$lower(s: u32): u32 {
  return caseMap(s, false);
}
export function builtin$upper(s: u32): u32 {
  return caseMap(s, true);
}

/**
 * Splits into runes as Go's strings.Split(s, "") (invalid bytes become U+FFFD);
 * stops after `limit` pieces (the first `limit` of the full split).
 */
function explode(s: u32, limit: u32): u32 {
  let p = strPtr(s), n = strLen(s);
  let a = newArray(n < limit ? n : limit);
  let i: u32 = 0;
  while (i < n && collLen(a) < limit) {
    let r = decodeRune(p + i, n - i);
    let w = runeWidth;
    if (r == 0xfffd && w == 1) {
      let b = bufNew(3);
      encodeRune(b, 0xfffd);
      arrayAppend(a, bufString(b));
    } else arrayAppend(a, str(p + i, w));
    i += w;
  }
  return a;
}

/** The first `limit` pieces of Go's strings.Split(s, d) (s, d strings; limit > 0). */
function splitFirst(s: u32, d: u32, limit: u32): u32 {
  let m = strLen(d);
  if (m == 0) return explode(s, limit);
  let p = strPtr(s), n = strLen(s), q = strPtr(d);
  let a = newArray(4);
  let start: u32 = 0;
  while (collLen(a) < limit) {
    let i = indexOf(p, n, q, m, start);
    if (i < 0) {
      arrayAppend(a, str(p + start, n - start));
      break;
    }
    arrayAppend(a, str(p + start, <u32>i - start));
    start = <u32>i + m;
  }
  return a;
}

export function builtin$split(s: u32, d: u32): u32 {
  if (!isStr(s) || !isStr(d)) return 0;
  return splitFirst(s, d, u32.MAX_VALUE);
}

/**
 * OPA's strings.split_n: n > 0 the first n pieces of split(s, d), n < 0 the
 * last -n, n == 0 none (all pieces when there are fewer). n must be an integer.
 */
export function builtin$strings$split_n(s: u32, d: u32, nv: u32): u32 {
  if (!isStr(s) || !isStr(d)) return 0;
  let n = intOperand(nv);
  if (!intOk) return 0;
  if (n == 0) return newArray(0);
  if (n > 0) return splitFirst(s, d, n >= <i64>u32.MAX_VALUE ? u32.MAX_VALUE : <u32>n);
  let all = splitFirst(s, d, u32.MAX_VALUE);
  let len = <i64>collLen(all);
  if (n <= -len) return all;
  let k = <u32>(-n);
  return arrayFrom(collData(all) + ((<u32>len - k) << 2), k);
}

export function builtin$replace(s: u32, old: u32, nw: u32): u32 {
  if (!isStr(s) || !isStr(old) || !isStr(nw)) return 0;
  let p = strPtr(s), n = strLen(s), q = strPtr(old), m = strLen(old);
  let b = bufNew(n);
  if (m == 0) {
    // Go: insert new at the start and after each rune
    bufBytes(b, strPtr(nw), strLen(nw));
    let i: u32 = 0;
    while (i < n) {
      decodeRune(p + i, n - i);
      bufBytes(b, p + i, runeWidth);
      i += runeWidth;
      bufBytes(b, strPtr(nw), strLen(nw));
    }
    return bufString(b);
  }
  let start: u32 = 0;
  let any = false;
  while (true) {
    let i = indexOf(p, n, q, m, start);
    if (i < 0) break;
    any = true;
    bufBytes(b, p + start, <u32>i - start);
    bufBytes(b, strPtr(nw), strLen(nw));
    start = <u32>i + m;
  }
  if (!any) return s;
  bufBytes(b, p + start, n - start);
  return bufString(b);
}

export function builtin$substring(s: u32, off: u32, len: u32): u32 {
  if (!isStr(s)) return 0;
  let o = intOperand(off);
  if (!intOk || o < 0) return 0;
  let l = intOperand(len);
  if (!intOk) return 0;
  let p = strPtr(s), n = strLen(s);
  let count = <i64>runeCount(p, n);
  if (o >= count) return str(p, 0);
  let startB = runeOffset(p, n, <u32>o);
  if (l < 0 || o + l >= count) return str(p + startB, n - startB);
  let endB = startB + runeOffset(p + startB, n - startB, <u32>l);
  return str(p + startB, endB - startB);
}

export function builtin$concat(d: u32, coll: u32): u32 {
  if (!isStr(d)) return 0;
  let t = tag(coll);
  if (t != T_ARRAY && t != T_SET) return 0;
  let n = collLen(coll);
  let b = bufNew(64);
  for (let i: u32 = 0; i < n; i++) {
    let x = arrayAt(coll, i);
    if (!isStr(x)) return 0;
    if (i > 0) bufBytes(b, strPtr(d), strLen(d));
    bufBytes(b, strPtr(x), strLen(x));
  }
  return bufString(b);
}

/** Strings of a string, array or set operand (0 if any element is not a string); count in listLen. */
let listLen: u32 = 0;
function stringList(v: u32): u32 {
  let t = tag(v);
  if (t == T_STRING) {
    let a = newArray(1);
    arrayAppend(a, v);
    listLen = 1;
    return a;
  }
  if (t != T_ARRAY && t != T_SET) return 0;
  let n = collLen(v);
  for (let i: u32 = 0; i < n; i++) if (!isStr(arrayAt(v, i))) return 0;
  listLen = n;
  return v;
}

function anyAffixMatch(search: u32, base: u32, suffix: bool): u32 {
  let a = stringList(search);
  if (a == 0) return 0;
  let na = listLen;
  let b = stringList(base);
  if (b == 0) return 0;
  let nb = listLen;
  for (let i: u32 = 0; i < na; i++) {
    let s = arrayAt(a, i);
    for (let j: u32 = 0; j < nb; j++) {
      let x = arrayAt(b, j);
      let ok = suffix
        ? endsWith(strPtr(s), strLen(s), strPtr(x), strLen(x))
        : startsWith(strPtr(s), strLen(s), strPtr(x), strLen(x));
      if (ok) return TRUE_V;
    }
  }
  return FALSE_V;
}

export function builtin$strings$any_prefix_match(search: u32, base: u32): u32 {
  return anyAffixMatch(search, base, false);
}
export function builtin$strings$any_suffix_match(search: u32, base: u32): u32 {
  return anyAffixMatch(search, base, true);
}

export function builtin$strings$reverse(s: u32): u32 {
  if (!isStr(s)) return 0;
  let p = strPtr(s), n = strLen(s);
  // rune start offsets, then the runes in reverse (invalid bytes become U+FFFD, as Go's []rune)
  let starts = malloc((n + 1) << 2);
  let m: u32 = 0;
  let k: u32 = 0;
  while (k < n) {
    store<u32>(starts + (m << 2), k);
    m++;
    decodeRune(p + k, n - k);
    k += runeWidth;
  }
  store<u32>(starts + (m << 2), n);
  let out = bufNew(n);
  for (let j = <i32>m - 1; j >= 0; j--) {
    let st = load<u32>(starts + (<u32>j << 2));
    let en = load<u32>(starts + ((<u32>j + 1) << 2));
    let r = decodeRune(p + st, en - st);
    if (r == 0xfffd && runeWidth == 1) encodeRune(out, 0xfffd);
    else bufBytes(out, p + st, en - st);
  }
  return bufString(out);
}

export function builtin$strings$count(s: u32, sub: u32): u32 {
  if (!isStr(s) || !isStr(sub)) return 0;
  let p = strPtr(s), n = strLen(s), q = strPtr(sub), m = strLen(sub);
  if (m == 0) return numInt(<i64>runeCount(p, n) + 1);
  let c: i64 = 0;
  let start: u32 = 0;
  while (true) {
    let i = indexOf(p, n, q, m, start);
    if (i < 0) break;
    c++;
    start = <u32>i + m;
  }
  return numInt(c);
}

export function builtin$format_int(x: u32, base: u32): u32 {
  if (tag(x) != T_NUMBER || tag(base) != T_NUMBER) return 0;
  let bs = intOperand(base);
  if (!intOk || (bs != 2 && bs != 8 && bs != 10 && bs != 16)) return 0;
  let d = decOf(x);
  // truncate toward zero
  let nd = load<u32>(d, 4);
  let exp = load<i32>(d, 8);
  let neg = decNeg(d);
  let mag: u32 = 0;
  let ml: u32 = 0;
  if (nd > 0 && exp > 0) {
    let keep = <u32>exp < nd ? <u32>exp : nd;
    store<u32>(d, keep, 4);
    mag = decToMag(d);
    ml = magLen;
  }
  let b = bufNew(32);
  if (ml == 0) {
    bufByte(b, 0x30);
    return bufString(b);
  }
  if (neg) bufByte(b, 0x2d);
  if (bs == 10) {
    bufBytes(b, mag, ml);
    return bufString(b);
  }
  // repeated division; digits come out least significant first
  let digits = bufNew(ml * 4);
  while (ml > 0) {
    mag = magDivSmall(mag, ml, <u32>bs);
    ml = magLen;
    let r = magRem;
    bufByte(digits, r < 10 ? 0x30 + r : 0x57 + r);
  }
  let dp = load<u32>(digits);
  let dn = load<u32>(digits, 4);
  for (let j = <i32>dn - 1; j >= 0; j--) bufByte(b, load<u8>(dp + <u32>j));
  return bufString(b);
}


/** indexof_n: code point indexes of every (possibly overlapping) occurrence. */
export function builtin$indexof_n(s: u32, sub: u32): u32 {
  if (!isStr(s) || !isStr(sub) || strLen(sub) == 0) return 0;
  let p = strPtr(s), n = strLen(s), q = strPtr(sub), m = strLen(sub);
  let a = newArray(4);
  let i: u32 = 0;
  let rune: i64 = 0;
  while (i < n) {
    if (startsWith(p + i, n - i, q, m)) arrayAppend(a, numInt(rune));
    decodeRune(p + i, n - i);
    i += runeWidth;
    rune++;
  }
  return a;
}

/**
 * strings.replace_n(patterns, s): Go's strings.NewReplacer over the object's
 * pairs in key order: at each position the first key that matches wins.
 */
export function builtin$strings$replace_n(patterns: u32, s: u32): u32 {
  if (tag(patterns) != T_OBJECT || !isStr(s)) return 0;
  let np = collLen(patterns);
  for (let k: u32 = 0; k < np; k++) {
    if (!isStr(objKeyAt(patterns, k)) || !isStr(objValAt(patterns, k))) return 0;
    if (strLen(objKeyAt(patterns, k)) == 0) abortMsg("strings.replace_n: an empty pattern is not supported");
  }
  let p = strPtr(s), n = strLen(s);
  let b = bufNew(n);
  let i: u32 = 0;
  while (i < n) {
    let hit = false;
    for (let k: u32 = 0; k < np; k++) {
      let key = objKeyAt(patterns, k);
      if (startsWith(p + i, n - i, strPtr(key), strLen(key))) {
        let val = objValAt(patterns, k);
        bufBytes(b, strPtr(val), strLen(val));
        i += strLen(key);
        hit = true;
        break;
      }
    }
    if (!hit) {
      bufByte(b, load<u8>(p + i));
      i++;
    }
  }
  return bufString(b);
}
