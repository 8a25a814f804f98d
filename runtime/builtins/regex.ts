// regex.match: an RE2-syntax parser compiled to a Thompson NFA run as a Pike
// VM over UTF-8 runes (linear time, no backtracking). A boolean match only
// depends on the language a pattern denotes, so any exact matcher for RE2's
// syntax agrees with RE2. What we cannot reproduce exactly (\p classes,
// case folding beyond ASCII) and what RE2 rejects (lookaround,
// backreferences, bad syntax) aborts with a message instead.

import { malloc } from "../alloc";
import { abortWith } from "../abort";
import { T_STRING, tag, strPtr, strLen, boolOf } from "../value";
import { bufNew, bufReserve, bufPtr, bufLen } from "../buf";
import { decodeRune, runeWidth } from "../utf8";
import {
  node, nfaMatch, addRange, appendRanges, normalizeRanges, N_EMPTY, N_LIT, N_CLASS, N_ANY, N_CAT, N_ALT, N_REP, N_ASSERT,
  A_BOT, A_EOT, A_BOL, A_EOL, A_WORD, A_NOTWORD,
} from "../nfa";

// ---- parser state (globals: single-threaded, not re-entrant)

let pat: u32 = 0;
let patLen: u32 = 0;
let pos: u32 = 0;
let flagI = false;
let flagM = false;
let flagS = false;

/**
 * A pattern RE2 rejects: OPA's regex.match errors, which (non-strict
 * builtin errors) makes the call undefined. Parsing stops at the end.
 */
let failed = false;
function fail(): void {
  failed = true;
  pos = patLen;
}

/** Only checking validity (regex.is_valid): RE2-valid but unsupported syntax is fine. */
let checkOnly = false;

/** A pattern RE2 accepts but we cannot run exactly: abort rather than answer differently. */
function unsupported(msg: string): void {
  if (!checkOnly) abortWith(msg, pat, patLen);
}

/** Skips "p{Name}" / "pL" after a backslash (validity checking only; RE2 accepts these). */
function skipUnicodeClass(): void {
  pos++; // p or P
  if (peekByte() == 0x7b) {
    while (more() && peekByte() != 0x7d) pos++;
    if (!more()) fail(/* missing closing } */);
    else pos++;
  } else if (more()) nextRune();
  else fail(/* invalid escape */);
}

function empty(): u32 {
  return node(N_EMPTY, 0, 0, 0);
}

function more(): bool {
  return pos < patLen;
}

function peekByte(): u32 {
  return pos < patLen ? <u32>load<u8>(pat + pos) : 0;
}

function nextRune(): i32 {
  let r = decodeRune(pat + pos, patLen - pos);
  pos += runeWidth;
  return r;
}

function parseAlt(depth: i32): u32 {
  if (depth > 1000) fail(/* pattern nests too deeply */);
  let left = parseCat(depth);
  while (more() && peekByte() == 0x7c) {
    pos++;
    let right = parseCat(depth);
    left = node(N_ALT, <i32>left, <i32>right, 0);
  }
  return left;
}

function parseCat(depth: i32): u32 {
  let acc: u32 = 0;
  while (more()) {
    let c = peekByte();
    if (c == 0x7c || c == 0x29) break;
    let atom = parseRepeat(depth);
    if (atom == 0) continue; // flag group (?i) etc.
    acc = acc == 0 ? atom : node(N_CAT, <i32>acc, <i32>atom, 0);
  }
  return acc == 0 ? node(N_EMPTY, 0, 0, 0) : acc;
}

function isDigit(c: u32): bool {
  return c - 0x30 < 10;
}

/** Parses {n}, {n,}, {n,m} at pos; returns false (pos unchanged) if it is not one. */
let repMin: i32 = 0;
let repMax: i32 = 0;
function parseBraces(): bool {
  let save = pos;
  pos++; // {
  if (!isDigit(peekByte())) {
    pos = save;
    return false;
  }
  let n: i32 = 0;
  while (isDigit(peekByte())) {
    n = n * 10 + <i32>(peekByte() - 0x30);
    if (n > 100000) n = 100000;
    pos++;
  }
  let m = n;
  if (peekByte() == 0x2c) {
    pos++;
    if (isDigit(peekByte())) {
      m = 0;
      while (isDigit(peekByte())) {
        m = m * 10 + <i32>(peekByte() - 0x30);
        if (m > 100000) m = 100000;
        pos++;
      }
    } else m = -1;
  }
  if (peekByte() != 0x7d) {
    pos = save;
    return false;
  }
  pos++;
  if (n > 1000 || m > 1000 || (m >= 0 && m < n)) fail(/* invalid repeat count (RE2 rejects it) */);
  repMin = n;
  repMax = m;
  return true;
}

function parseRepeat(depth: i32): u32 {
  let atom = parseAtom(depth);
  if (atom == 0) return 0;
  let repeated = false;
  while (more()) {
    let c = peekByte();
    let min: i32 = 0, max: i32 = 0;
    if (c == 0x2a) {
      min = 0;
      max = -1;
      pos++;
    } else if (c == 0x2b) {
      min = 1;
      max = -1;
      pos++;
    } else if (c == 0x3f) {
      min = 0;
      max = 1;
      pos++;
    } else if (c == 0x7b) {
      if (!parseBraces()) break;
      min = repMin;
      max = repMax;
    } else break;
    if (repeated) fail(/* invalid nested repetition operator (RE2 rejects it) */);
    repeated = true;
    // lazy suffix does not change whether a match exists
    if (peekByte() == 0x3f) pos++;
    atom = node(N_REP, <i32>atom, min, max);
  }
  return atom;
}

function litNode(r: i32): u32 {
  if (flagI) {
    let lower = r | 0x20;
    if (lower >= 0x61 && lower <= 0x7a) {
      let rs = malloc(32);
      let n: i32 = 2;
      store<i32>(rs, lower - 32);
      store<i32>(rs, lower - 32, 4);
      store<i32>(rs, lower, 8);
      store<i32>(rs, lower, 12);
      if (lower == 0x6b) {
        store<i32>(rs, 0x212a, 16);
        store<i32>(rs, 0x212a, 20);
        n = 3;
      } else if (lower == 0x73) {
        store<i32>(rs, 0x17f, 16);
        store<i32>(rs, 0x17f, 20);
        n = 3;
      }
      return node(N_CLASS, <i32>rs, n, 0);
    }
    if (r >= 0x80) unsupported("regex.match: case-insensitive matching of non-ASCII text is not supported: ");
  }
  return node(N_LIT, r, 0, 0);
}

function parseAtom(depth: i32): u32 {
  let c = peekByte();
  if (c == 0x28) return parseGroup(depth);
  if (c == 0x5b) return parseClass();
  if (c == 0x2e) {
    pos++;
    return node(N_ANY, flagS ? 1 : 0, 0, 0);
  }
  if (c == 0x5e) {
    pos++;
    return node(N_ASSERT, flagM ? A_BOL : A_BOT, 0, 0);
  }
  if (c == 0x24) {
    pos++;
    return node(N_ASSERT, flagM ? A_EOL : A_EOT, 0, 0);
  }
  if (c == 0x2a || c == 0x2b || c == 0x3f) fail(/* missing argument to repetition operator */);
  if (c == 0x7b) {
    let save = pos;
    if (parseBraces()) {
      pos = save;
      fail(/* missing argument to repetition operator */);
    }
    pos++;
    return litNode(0x7b);
  }
  if (c == 0x5c) return parseEscape();
  return litNode(nextRune());
}

function parseGroup(depth: i32): u32 {
  pos++; // (
  if (peekByte() == 0x3f) {
    pos++;
    let c = peekByte();
    if (c == 0x3d || c == 0x21) fail(/* lookahead is not supported by RE2 */);
    if (c == 0x3c && (load<u8>(pat + pos + 1) == 0x3d || load<u8>(pat + pos + 1) == 0x21)) {
      fail(/* lookbehind is not supported by RE2 */);
    }
    if (c == 0x50 || c == 0x3c) {
      // named group (?P<name>...) or (?<name>...)
      if (c == 0x50) pos++;
      if (peekByte() != 0x3c) fail(/* invalid named capture */);
      pos++;
      let start = pos;
      while (more() && peekByte() != 0x3e) {
        let ch = peekByte();
        if (!(isDigit(ch) || (ch | 0x20) - 0x61 < 26 || ch == 0x5f)) fail(/* invalid named capture */);
        pos++;
      }
      if (!more() || pos == start) fail(/* invalid named capture */);
      pos++;
      return groupBody(depth, flagI, flagM, flagS);
    }
    // flags
    let saveI = flagI, saveM = flagM, saveS = flagS;
    let negate = false;
    let any = false;
    while (more()) {
      let f = peekByte();
      pos++;
      if (f == 0x69) flagI = !negate;
      else if (f == 0x6d) flagM = !negate;
      else if (f == 0x73) flagS = !negate;
      else if (f == 0x55) {} // ungreedy: irrelevant to whether a match exists
      else if (f == 0x2d) {
        if (negate) fail(/* invalid or unsupported Perl syntax */);
        negate = true;
        any = false;
        continue;
      } else if (f == 0x29) {
        if (negate && !any) fail(/* invalid or unsupported Perl syntax */);
        return 0; // flags apply to the rest of the current group
      } else if (f == 0x3a) {
        let n = groupBody(depth, flagI, flagM, flagS);
        flagI = saveI;
        flagM = saveM;
        flagS = saveS;
        return n;
      } else fail(/* invalid or unsupported Perl syntax */);
      any = true;
    }
    fail(/* missing closing ) */);
    return empty();
  }
  return groupBody(depth, flagI, flagM, flagS);
}

/** Parses up to ')' with the given flags, restoring the outer flags afterwards. */
function groupBody(depth: i32, i: bool, m: bool, s: bool): u32 {
  let saveI = flagI, saveM = flagM, saveS = flagS;
  flagI = i;
  flagM = m;
  flagS = s;
  let inner = parseAlt(depth + 1);
  if (peekByte() != 0x29) fail(/* missing closing ) */);
  pos++;
  flagI = saveI;
  flagM = saveM;
  flagS = saveS;
  return inner;
}

// ---- character classes: ranges accumulate in a buffer of i32 pairs

/** Adds \d \w \s (and negations) to the range buffer; returns false if c is not one. */
function addPerlClass(b: u32, c: u32): bool {
  let neg = false;
  if (c == 0x44 || c == 0x57 || c == 0x53) {
    neg = true;
    c += 0x20;
  }
  let tmp = bufNew(64);
  if (c == 0x64) addRange(tmp, 0x30, 0x39);
  else if (c == 0x77) {
    addRange(tmp, 0x30, 0x39);
    addRange(tmp, 0x41, 0x5a);
    addRange(tmp, 0x5f, 0x5f);
    addRange(tmp, 0x61, 0x7a);
  } else if (c == 0x73) {
    addRange(tmp, 0x09, 0x0a);
    addRange(tmp, 0x0c, 0x0d);
    addRange(tmp, 0x20, 0x20);
  } else return false;
  appendRanges(b, tmp, neg);
  return true;
}

function posixClass(b: u32): bool {
  // at "[:" ... ":]"
  let save = pos;
  pos += 2;
  let neg = false;
  if (peekByte() == 0x5e) {
    neg = true;
    pos++;
  }
  let start = pos;
  while (more() && peekByte() != 0x3a) pos++;
  if (!more() || pos + 1 >= patLen || load<u8>(pat + pos + 1) != 0x5d) {
    pos = save;
    return false;
  }
  let name = pat + start, n = pos - start;
  pos += 2;
  let tmp = bufNew(64);
  if (nameIs(name, n, "alnum")) {
    addRange(tmp, 0x30, 0x39);
    addRange(tmp, 0x41, 0x5a);
    addRange(tmp, 0x61, 0x7a);
  } else if (nameIs(name, n, "alpha")) {
    addRange(tmp, 0x41, 0x5a);
    addRange(tmp, 0x61, 0x7a);
  } else if (nameIs(name, n, "ascii")) addRange(tmp, 0, 0x7f);
  else if (nameIs(name, n, "blank")) {
    addRange(tmp, 0x09, 0x09);
    addRange(tmp, 0x20, 0x20);
  } else if (nameIs(name, n, "cntrl")) {
    addRange(tmp, 0, 0x1f);
    addRange(tmp, 0x7f, 0x7f);
  } else if (nameIs(name, n, "digit")) addRange(tmp, 0x30, 0x39);
  else if (nameIs(name, n, "graph")) addRange(tmp, 0x21, 0x7e);
  else if (nameIs(name, n, "lower")) addRange(tmp, 0x61, 0x7a);
  else if (nameIs(name, n, "print")) addRange(tmp, 0x20, 0x7e);
  else if (nameIs(name, n, "punct")) {
    addRange(tmp, 0x21, 0x2f);
    addRange(tmp, 0x3a, 0x40);
    addRange(tmp, 0x5b, 0x60);
    addRange(tmp, 0x7b, 0x7e);
  } else if (nameIs(name, n, "space")) {
    addRange(tmp, 0x09, 0x0d);
    addRange(tmp, 0x20, 0x20);
  } else if (nameIs(name, n, "upper")) addRange(tmp, 0x41, 0x5a);
  else if (nameIs(name, n, "word")) {
    addRange(tmp, 0x30, 0x39);
    addRange(tmp, 0x41, 0x5a);
    addRange(tmp, 0x5f, 0x5f);
    addRange(tmp, 0x61, 0x7a);
  } else if (nameIs(name, n, "xdigit")) {
    addRange(tmp, 0x30, 0x39);
    addRange(tmp, 0x41, 0x46);
    addRange(tmp, 0x61, 0x66);
  } else fail(/* invalid character class range */);
  appendRanges(b, tmp, neg);
  return true;
}

function nameIs(p: u32, n: u32, s: string): bool {
  if (n != <u32>s.length) return false;
  for (let i: u32 = 0; i < n; i++) if (<u16>load<u8>(p + i) != load<u16>(changetype<usize>(s) + (i << 1))) return false;
  return true;
}

/** Adds the ASCII case counterparts (and K/S's special folds) of every range. */
function foldRanges(b: u32): void {
  let n = bufLen(b) >> 3;
  for (let i: u32 = 0; i < n; i++) {
    let p = bufPtr(b);
    let lo = load<i32>(p + (i << 3)), hi = load<i32>(p + (i << 3), 4);
    if (hi >= 0x80 && !(lo == hi && (lo == 0x212a || lo == 0x17f))) {
      unsupported("regex.match: case-insensitive classes with non-ASCII characters are not supported: ");
    }
    // upper -> lower
    let a = lo > 0x41 ? lo : 0x41, z = hi < 0x5a ? hi : 0x5a;
    if (a <= z) addRange(b, a + 32, z + 32);
    a = lo > 0x61 ? lo : 0x61;
    z = hi < 0x7a ? hi : 0x7a;
    if (a <= z) addRange(b, a - 32, z - 32);
    if ((lo <= 0x6b && hi >= 0x6b) || (lo <= 0x4b && hi >= 0x4b)) addRange(b, 0x212a, 0x212a);
    if ((lo <= 0x73 && hi >= 0x73) || (lo <= 0x53 && hi >= 0x53)) addRange(b, 0x17f, 0x17f);
  }
}

function classEscapeRune(): i32 {
  // after '\' inside or outside a class, for single-rune escapes
  let c = peekByte();
  pos++;
  if (c == 0x61) return 7;
  if (c == 0x66) return 12;
  if (c == 0x74) return 9;
  if (c == 0x6e) return 10;
  if (c == 0x72) return 13;
  if (c == 0x76) return 11;
  if (c == 0x78) {
    let r: i32 = 0;
    if (peekByte() == 0x7b) {
      pos++;
      let digits = 0;
      while (more() && peekByte() != 0x7d) {
        let h = hexVal(peekByte());
        if (h < 0) fail(/* invalid escape sequence */);
        r = r * 16 + h;
        if (r > 0x10ffff) fail(/* invalid escape sequence */);
        digits++;
        pos++;
      }
      if (!more() || digits == 0) fail(/* invalid escape sequence */);
      pos++;
      return r;
    }
    for (let i = 0; i < 2; i++) {
      let h = hexVal(peekByte());
      if (h < 0) fail(/* invalid escape sequence */);
      r = r * 16 + h;
      pos++;
    }
    return r;
  }
  if (c >= 0x30 && c <= 0x37) {
    // octal: Go accepts \0-\7 followed by up to two more octal digits, but \1-\9 alone are backreferences
    if (c != 0x30 && !(isOct(peekByte()))) fail(/* backreferences are not supported by RE2 */);
    let r = <i32>(c - 0x30);
    for (let i = 0; i < 2 && isOct(peekByte()); i++) {
      r = r * 8 + <i32>(peekByte() - 0x30);
      pos++;
    }
    return r;
  }
  if (c == 0x38 || c == 0x39) fail(/* backreferences are not supported by RE2 */);
  if (c < 0x80 && !((c | 0x20) - 0x61 < 26) && !isDigit(c)) return <i32>c; // escaped punctuation
  pos--;
  return -1;
}

function isOct(c: u32): bool {
  return c >= 0x30 && c <= 0x37;
}

function hexVal(c: u32): i32 {
  if (isDigit(c)) return <i32>(c - 0x30);
  let l = c | 0x20;
  if (l >= 0x61 && l <= 0x66) return <i32>(l - 0x57);
  return -1;
}

function parseClass(): u32 {
  pos++; // [
  let neg = false;
  if (peekByte() == 0x5e) {
    neg = true;
    pos++;
  }
  let b = bufNew(64);
  let first = true;
  while (true) {
    if (!more()) {
      fail(/* missing closing ] */);
      return empty();
    }
    let c = peekByte();
    if (c == 0x5d && !first) {
      pos++;
      break;
    }
    first = false;
    if (c == 0x5b && pos + 1 < patLen && load<u8>(pat + pos + 1) == 0x3a) {
      if (posixClass(b)) continue;
    }
    let lo: i32;
    if (c == 0x5c) {
      pos++;
      let e = peekByte();
      if (e == 0x70 || e == 0x50) {
        unsupported("regex.match: Unicode classes (\\p) are not supported: ");
        skipUnicodeClass();
        continue;
      }
      if (addPerlClass(b, e)) {
        pos++;
        continue;
      }
      lo = classEscapeRune();
      if (lo < 0) fail(/* invalid escape sequence */);
    } else lo = nextRune();
    let hi = lo;
    if (peekByte() == 0x2d && pos + 1 < patLen && load<u8>(pat + pos + 1) != 0x5d) {
      pos++;
      if (peekByte() == 0x5c) {
        pos++;
        hi = classEscapeRune();
        if (hi < 0) fail(/* invalid character class range */);
      } else hi = nextRune();
      if (hi < lo) fail(/* invalid character class range */);
    }
    addRange(b, lo, hi);
  }
  if (flagI) foldRanges(b);
  let n = normalizeRanges(bufPtr(b), bufLen(b) >> 3);
  store<u32>(b, n << 3, 4);
  if (neg) {
    let out = bufNew(n * 8 + 16);
    appendRanges(out, b, true);
    b = out;
  }
  return node(N_CLASS, <i32>bufPtr(b), <i32>(bufLen(b) >> 3), 0);
}

function parseEscape(): u32 {
  pos++; // backslash
  if (!more()) fail(/* trailing backslash at end of expression */);
  let c = peekByte();
  if (c == 0x70 || c == 0x50) {
    unsupported("regex.match: Unicode classes (\\p) are not supported: ");
    skipUnicodeClass();
    return empty();
  }
  if (c == 0x62) {
    pos++;
    return node(N_ASSERT, A_WORD, 0, 0);
  }
  if (c == 0x42) {
    pos++;
    return node(N_ASSERT, A_NOTWORD, 0, 0);
  }
  if (c == 0x41) {
    pos++;
    return node(N_ASSERT, A_BOT, 0, 0);
  }
  if (c == 0x7a) {
    pos++;
    return node(N_ASSERT, A_EOT, 0, 0);
  }
  if (c == 0x51) {
    // \Q...\E literal text
    pos++;
    let acc: u32 = 0;
    while (more()) {
      if (peekByte() == 0x5c && pos + 1 < patLen && load<u8>(pat + pos + 1) == 0x45) {
        pos += 2;
        break;
      }
      let l = litNode(nextRune());
      acc = acc == 0 ? l : node(N_CAT, <i32>acc, <i32>l, 0);
    }
    return acc == 0 ? node(N_EMPTY, 0, 0, 0) : acc;
  }
  let b = bufNew(64);
  if (addPerlClass(b, c)) {
    pos++;
    return node(N_CLASS, <i32>bufPtr(b), <i32>(bufLen(b) >> 3), 0);
  }
  let r = classEscapeRune();
  if (r < 0) fail(/* invalid escape sequence */);
  return litNode(r);
}

/** Compiles a pattern (aborting on what RE2 rejects or we cannot match exactly). */
function parsePattern(p: u32, n: u32): u32 {
  pat = p;
  patLen = n;
  pos = 0;
  flagI = flagM = flagS = false;
  failed = false;
  let ast = parseAlt(0);
  if (pos < patLen) {
    if (peekByte() == 0x29) fail(/* unexpected ) */);
    fail(/* invalid pattern */);
  }
  return ast;
}

export function builtin$regex$match(pattern: u32, value: u32): u32 {
  if (tag(pattern) != T_STRING || tag(value) != T_STRING) return 0;
  let ast = parsePattern(strPtr(pattern), strLen(pattern));
  if (failed) return 0;
  return boolOf(nfaMatch(ast, strPtr(value), strLen(value), "regex.match: pattern too large"));
}

/** Deprecated alias kept by OPA. */
export function builtin$re_match(pattern: u32, value: u32): u32 {
  return builtin$regex$match(pattern, value);
}

/** regex.is_valid: does RE2 accept the pattern? (false for non-strings, as OPA) */
export function builtin$regex$is_valid(pattern: u32): u32 {
  if (tag(pattern) != T_STRING) return boolOf(false);
  checkOnly = true;
  parsePattern(strPtr(pattern), strLen(pattern));
  checkOnly = false;
  return boolOf(!failed);
}
