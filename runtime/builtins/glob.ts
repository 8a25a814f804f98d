// glob.match(pattern, delimiters, match) with gobwas/glob syntax as OPA uses
// it: `*` (any run of non-delimiters), `**` (any run), `?` (one
// non-delimiter), `[abc]` `[a-z]` `[!...]`, `{a,b}` alternatives, `\` escapes.
// The pattern becomes an anchored NFA (see nfa.ts).

import { T_STRING, T_ARRAY, T_NULL, tag, strPtr, strLen, collLen, arrayAt, boolOf } from "../value";
import { bufNew, bufPtr, bufLen } from "../buf";
import { decodeRune, runeWidth } from "../utf8";
import {
  node, nfaMatch, addRange, appendRanges, normalizeRanges, N_EMPTY, N_LIT, N_CLASS, N_ANY, N_CAT, N_ALT, N_REP,
  N_ASSERT, A_BOT, A_EOT,
} from "../nfa";

let pat: u32 = 0;
let patLen: u32 = 0;
let pos: u32 = 0;
let delims: u32 = 0; // range buffer of delimiter runes (normalized)

/** gobwas rejects the pattern: OPA's glob.match errors, so the call is undefined. */
let failed = false;
function fail(): void {
  failed = true;
  pos = patLen;
}

function peekByte(): u32 {
  return pos < patLen ? <u32>load<u8>(pat + pos) : 0;
}

function nextRune(): i32 {
  let r = decodeRune(pat + pos, patLen - pos);
  pos += runeWidth;
  return r;
}

function cat(acc: u32, n: u32): u32 {
  return acc == 0 ? n : node(N_CAT, <i32>acc, <i32>n, 0);
}

/** Any single rune except delimiters. */
function nonDelim(): u32 {
  if (bufLen(delims) == 0) return node(N_ANY, 1, 0, 0);
  let b = bufNew(bufLen(delims) + 16);
  appendRanges(b, delims, true);
  return node(N_CLASS, <i32>bufPtr(b), <i32>(bufLen(b) >> 3), 0);
}

/** Parses a sequence until end, or (inside braces) ',' or '}'. */
function parseSeq(inBraces: bool, depth: i32): u32 {
  if (depth > 100) fail(/* pattern nests too deeply */);
  let acc: u32 = 0;
  while (pos < patLen) {
    let c = peekByte();
    if (inBraces && (c == 0x2c || c == 0x7d)) break;
    if (c == 0x2a) {
      pos++;
      if (peekByte() == 0x2a) {
        pos++;
        acc = cat(acc, node(N_REP, <i32>node(N_ANY, 1, 0, 0), 0, -1));
      } else acc = cat(acc, node(N_REP, <i32>nonDelim(), 0, -1));
    } else if (c == 0x3f) {
      pos++;
      acc = cat(acc, nonDelim());
    } else if (c == 0x5b) {
      acc = cat(acc, parseList());
    } else if (c == 0x7b) {
      pos++;
      let alt = parseSeq(true, depth + 1);
      while (peekByte() == 0x2c) {
        pos++;
        alt = node(N_ALT, <i32>alt, <i32>parseSeq(true, depth + 1), 0);
      }
      if (peekByte() != 0x7d) fail(/* unclosed { */);
      pos++;
      acc = cat(acc, alt);
    } else if (c == 0x5c) {
      pos++;
      if (pos >= patLen) fail(/* trailing backslash */);
      acc = cat(acc, node(N_LIT, nextRune(), 0, 0));
    } else {
      acc = cat(acc, node(N_LIT, nextRune(), 0, 0));
    }
  }
  return acc == 0 ? node(N_EMPTY, 0, 0, 0) : acc;
}

/** [abc], [a-z], [!...]: one rune (delimiters included, as gobwas). */
function parseList(): u32 {
  pos++; // [
  let neg = false;
  if (peekByte() == 0x21) {
    neg = true;
    pos++;
  }
  let b = bufNew(32);
  let any = false;
  while (true) {
    if (pos >= patLen) {
      fail(/* unclosed [ */);
      return node(N_EMPTY, 0, 0, 0);
    }
    let c = peekByte();
    if (c == 0x5d) {
      pos++;
      break;
    }
    if (c == 0x5c) {
      pos++;
      if (pos >= patLen) fail(/* unclosed [ */);
    }
    let lo = nextRune();
    let hi = lo;
    if (peekByte() == 0x2d && pos + 1 < patLen && load<u8>(pat + pos + 1) != 0x5d) {
      pos++;
      if (peekByte() == 0x5c) pos++;
      hi = nextRune();
      if (hi < lo) fail(/* invalid range */);
    }
    addRange(b, lo, hi);
    any = true;
  }
  if (!any) fail(/* empty character list */);
  let n = normalizeRanges(bufPtr(b), bufLen(b) >> 3);
  store<u32>(b, n << 3, 4);
  if (neg) {
    let out = bufNew(n * 8 + 16);
    appendRanges(out, b, true);
    b = out;
  }
  return node(N_CLASS, <i32>bufPtr(b), <i32>(bufLen(b) >> 3), 0);
}

export function builtin$glob$match(pattern: u32, delimiters: u32, match: u32): u32 {
  if (tag(pattern) != T_STRING || tag(match) != T_STRING) return 0;
  delims = bufNew(32);
  let dt = tag(delimiters);
  if (dt == T_ARRAY) {
    let n = collLen(delimiters);
    for (let i: u32 = 0; i < n; i++) {
      let d = arrayAt(delimiters, i);
      if (tag(d) != T_STRING || strLen(d) == 0) return 0;
      let r = decodeRune(strPtr(d), strLen(d));
      if (runeWidth != strLen(d)) return 0; // one rune per delimiter
      addRange(delims, r, r);
    }
    if (n == 0) addRange(delims, 0x2e, 0x2e); // OPA's default delimiter
    let cnt = normalizeRanges(bufPtr(delims), bufLen(delims) >> 3);
    store<u32>(delims, cnt << 3, 4);
  } else if (dt != T_NULL) return 0;
  pat = strPtr(pattern);
  patLen = strLen(pattern);
  pos = 0;
  failed = false;
  let body = parseSeq(false, 0);
  if (pos < patLen) fail(/* unexpected character */);
  if (failed) return 0;
  let ast = node(N_CAT, <i32>node(N_CAT, <i32>node(N_ASSERT, A_BOT, 0, 0), <i32>body, 0), <i32>node(N_ASSERT, A_EOT, 0, 0), 0);
  return boolOf(nfaMatch(ast, strPtr(match), strLen(match), "glob.match: pattern too large"));
}
