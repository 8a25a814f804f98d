// sprintf with Go's fmt semantics as OPA calls it: numbers whose text has
// '.', 'e' or 'E' are float64, other numbers int64 or *big.Int, strings are
// Go strings, and every other value is passed as its Rego text (a string).
// Bad verbs, missing and extra arguments print like Go ("%!d(string=x)").

import { malloc } from "../alloc";
import { abortMsg } from "../abort";
import { T_ARRAY, T_NUMBER, T_STRING, tag, collLen, arrayAt, strPtr, strLen } from "../value";
import { bufNew, bufByte, bufBytes, bufLit, bufI64, bufString, bufPtr, bufLen, bufRepeat } from "../buf";
import { writeNumber, decToF64, decOfF64 } from "../number";
import { decParse, decExactF64, decRound, decNd, decExp, magToI64, magI64, magDivSmall, magLen, magRem } from "../decimal";
import { writeDecF, writeDecE, writeDecG } from "../number";
import { writeRego, writeGoQuote } from "../regotext";
import { runeCount, runeOffset, encodeRune, isPrint, decodeRune, runeWidth } from "../utf8";

const K_INT: u32 = 1;
const K_BIG: u32 = 2;
const K_FLOAT: u32 = 3;
const K_STR: u32 = 4;

// arg record (24 bytes): kind @0, len @4, payload @8 (i64 | f64 | ptr), neg @16

function classify(rec: u32, v: u32): void {
  let t = tag(v);
  if (t == T_STRING) {
    store<u32>(rec, K_STR);
    store<u32>(rec, strLen(v), 4);
    store<u32>(rec, strPtr(v), 8);
    return;
  }
  let b = bufNew(32);
  if (t != T_NUMBER) {
    writeRego(b, v);
    store<u32>(rec, K_STR);
    store<u32>(rec, bufLen(b), 4);
    store<u32>(rec, bufPtr(b), 8);
    return;
  }
  writeNumber(b, v);
  let p = bufPtr(b), n = bufLen(b);
  let isFloat = false;
  for (let i: u32 = 0; i < n; i++) {
    let c = load<u8>(p + i);
    if (c == 0x2e || c == 0x65 || c == 0x45) isFloat = true;
  }
  if (isFloat) {
    let f = decToF64(decParse(p, n));
    if (isFinite(f)) {
      store<u32>(rec, K_FLOAT);
      store<f64>(rec, f, 8);
    } else {
      store<u32>(rec, K_STR);
      store<u32>(rec, n, 4);
      store<u32>(rec, p, 8);
    }
    return;
  }
  let neg = load<u8>(p) == 0x2d;
  let dp = neg ? p + 1 : p;
  let dn = neg ? n - 1 : n;
  if (magToI64(dp, dn, neg)) {
    store<u32>(rec, K_INT);
    store<i64>(rec, magI64, 8);
    return;
  }
  store<u32>(rec, K_BIG);
  store<u32>(rec, dn, 4);
  store<u32>(rec, dp, 8);
  store<u8>(rec, neg ? 1 : 0, 16);
}

// format state (module globals: sprintf is not re-entrant and wasm is single-threaded)
let fPlus = false;
let fMinus = false;
let fSharp = false;
let fSpace = false;
let fZero = false;
let width: i32 = -1;
let prec: i32 = -1;

/** Writes s (bytes p..p+n) padded to width (counted in runes). */
function pad(out: u32, p: u32, n: u32, zeroOk: bool): void {
  let w = width < 0 ? 0 : width - <i32>runeCount(p, n);
  if (w <= 0) {
    bufBytes(out, p, n);
    return;
  }
  if (fMinus) {
    bufBytes(out, p, n);
    bufRepeat(out, 0x20, w);
  } else if (fZero && zeroOk) {
    // zeros go after a sign
    let c = n > 0 ? load<u8>(p) : 0;
    if (c == 0x2d || c == 0x2b || c == 0x20) {
      bufByte(out, c);
      p++;
      n--;
    }
    bufRepeat(out, 0x30, w);
    bufBytes(out, p, n);
  } else {
    bufRepeat(out, 0x20, w);
    bufBytes(out, p, n);
  }
}

function padBuf(out: u32, tmp: u32, zeroOk: bool): void {
  pad(out, bufPtr(tmp), bufLen(tmp), zeroOk);
}

const DIGITS: string = "0123456789abcdefx0123456789ABCDEFX";

/** Integer magnitude (digits p..n decimal) in base; writes into tmp with sign, prefix, precision. */
function fmtIntegerDigits(out: u32, neg: bool, digits: u32, nd: u32, base: u32, upper: bool, verb: u32): void {
  let tmp = bufNew(nd + 8);
  if (neg) bufByte(tmp, 0x2d);
  else if (fPlus) bufByte(tmp, 0x2b);
  else if (fSpace) bufByte(tmp, 0x20);
  if (fSharp) {
    if (base == 16) bufLit(tmp, upper ? "0X" : "0x");
    else if (base == 8 && !(nd > 0 && load<u8>(digits) == 0x30)) bufByte(tmp, 0x30);
    else if (base == 2) bufLit(tmp, "0b");
  }
  if (verb == 0x4f) bufLit(tmp, "0o");
  if (prec >= 0) {
    if (prec == 0 && nd == 1 && load<u8>(digits) == 0x30) {
      // "%.0d" of zero prints nothing (padding still applies)
      padBuf(out, tmp, false);
      return;
    }
    bufRepeat(tmp, 0x30, prec - <i32>nd);
  }
  bufBytes(tmp, digits, nd);
  // zero padding only when no precision is given
  padBuf(out, tmp, prec < 0);
}

/** Digits of an unsigned magnitude (decimal digit string) in a base. */
function baseDigits(mag: u32, ml: u32, base: u32, upper: bool): u32 {
  let b = bufNew(ml * 4 + 1);
  if (base == 10) {
    if (ml == 0) bufByte(b, 0x30);
    else bufBytes(b, mag, ml);
    return b;
  }
  let rev = bufNew(ml * 4 + 1);
  if (ml == 0) bufByte(rev, 0x30);
  while (ml > 0) {
    mag = magDivSmall(mag, ml, base);
    ml = magLen;
    let r = magRem;
    bufByte(rev, <u32>load<u16>(changetype<usize>(DIGITS) + ((r + (upper ? 17 : 0)) << 1)));
  }
  let rp = bufPtr(rev), rn = bufLen(rev);
  for (let j = <i32>rn - 1; j >= 0; j--) bufByte(b, load<u8>(rp + <u32>j));
  return b;
}

function u64Digits(x: u64, base: u32, upper: bool): u32 {
  let b = bufNew(66);
  if (x == 0) {
    bufByte(b, 0x30);
    return b;
  }
  let tmp = malloc(66);
  let k: u32 = 66;
  while (x != 0) {
    k--;
    let r = <u32>(x % <u64>base);
    store<u8>(tmp + k, <u8>load<u16>(changetype<usize>(DIGITS) + ((r + (upper ? 17 : 0)) << 1)));
    x /= <u64>base;
  }
  bufBytes(b, tmp + k, 66 - k);
  return b;
}

function writeTypeAndValue(out: u32, rec: u32): void {
  let k = load<u32>(rec);
  if (k == K_INT) {
    bufLit(out, "int64=");
    bufI64(out, load<i64>(rec, 8));
  } else if (k == K_FLOAT) {
    bufLit(out, "float64=");
    writeDecG(out, decOfF64(load<f64>(rec, 8)), 6, false);
  } else if (k == K_STR) {
    bufLit(out, "string=");
    bufBytes(out, load<u32>(rec, 8), load<u32>(rec, 4));
  } else {
    bufLit(out, "*big.Int=");
    if (load<u8>(rec, 16)) bufByte(out, 0x2d);
    bufBytes(out, load<u32>(rec, 8), load<u32>(rec, 4));
  }
}

function badVerb(out: u32, verb: i32, rec: u32): void {
  bufLit(out, "%!");
  encodeRune(out, verb);
  bufByte(out, 0x28);
  if (load<u32>(rec) == K_BIG) {
    // big.Int's own Format: %!c(big.Int=123)
    bufLit(out, "big.Int=");
    if (load<u8>(rec, 16)) bufByte(out, 0x2d);
    bufBytes(out, load<u32>(rec, 8), load<u32>(rec, 4));
  } else writeTypeAndValue(out, rec);
  bufByte(out, 0x29);
}

function fmtInt(out: u32, rec: u32, verb: i32): void {
  let x = load<i64>(rec, 8);
  let neg = x < 0;
  let ux: u64 = neg ? <u64>(-x) : <u64>x;
  switch (verb) {
    case 0x76: // v
    case 0x64: { // d
      let d = u64Digits(ux, 10, false);
      fmtIntegerDigits(out, neg, bufPtr(d), bufLen(d), 10, false, verb);
      return;
    }
    case 0x78: // x
    case 0x58: { // X
      let d = u64Digits(ux, 16, verb == 0x58);
      fmtIntegerDigits(out, neg, bufPtr(d), bufLen(d), 16, verb == 0x58, verb);
      return;
    }
    case 0x6f: // o
    case 0x4f: { // O
      let d = u64Digits(ux, 8, false);
      fmtIntegerDigits(out, neg, bufPtr(d), bufLen(d), 8, false, verb);
      return;
    }
    case 0x62: { // b
      let d = u64Digits(ux, 2, false);
      fmtIntegerDigits(out, neg, bufPtr(d), bufLen(d), 2, false, verb);
      return;
    }
    case 0x63: { // c
      let tmp = bufNew(4);
      encodeRune(tmp, x < 0 || x > 0x10ffff ? 0xfffd : <i32>x);
      padBuf(out, tmp, true);
      return;
    }
    case 0x55: { // U
      let tmp = bufNew(12);
      bufLit(tmp, "U+");
      let d = u64Digits(ux, 16, true);
      bufRepeat(tmp, 0x30, 4 - <i32>bufLen(d));
      bufBytes(tmp, bufPtr(d), bufLen(d));
      padBuf(out, tmp, true);
      return;
    }
    case 0x71: { // q
      let tmp = bufNew(12);
      let r: i32 = x < 0 || x > 0x10ffff || (x >= 0xd800 && x < 0xe000) ? 0xfffd : <i32>x;
      bufByte(tmp, 0x27);
      if (r == 0x27) bufLit(tmp, "\\'");
      else if (r == 0x5c) bufLit(tmp, "\\\\");
      else if (isPrint(r)) encodeRune(tmp, r);
      else {
        // reuse Go string quoting for the escape, without the double quotes
        let e = bufNew(12);
        encodeRune(e, r);
        let q = bufNew(16);
        writeGoQuote(q, bufPtr(e), bufLen(e));
        bufBytes(tmp, bufPtr(q) + 1, bufLen(q) - 2);
      }
      bufByte(tmp, 0x27);
      padBuf(out, tmp, true);
      return;
    }
  }
  badVerb(out, verb, rec);
}

function fmtBig(out: u32, rec: u32, verb: i32): void {
  let base: u32 = 0;
  if (verb == 0x64 || verb == 0x73 || verb == 0x76) base = 10;
  else if (verb == 0x78 || verb == 0x58) base = 16;
  else if (verb == 0x6f || verb == 0x4f) base = 8;
  else if (verb == 0x62) base = 2;
  if (base == 0) {
    badVerb(out, verb, rec);
    return;
  }
  let d = baseDigits(load<u32>(rec, 8), load<u32>(rec, 4), base, verb == 0x58);
  fmtIntegerDigits(out, load<u8>(rec, 16) != 0, bufPtr(d), bufLen(d), base, verb == 0x58, verb == 0x4f ? 0x4f : 0);
}

function fmtFloat(out: u32, rec: u32, verb: i32): void {
  let f = load<f64>(rec, 8);
  let tmp = bufNew(32);
  let neg = f < 0 || (f == 0 && 1 / f < 0);
  let upper = verb == 0x45 || verb == 0x47;
  let d: u32;
  switch (verb) {
    case 0x76: // v
    case 0x67: // g
    case 0x47: { // G
      if (prec < 0) {
        d = decOfF64(f);
        writeDecG(tmp, d, 6, upper);
      } else {
        let p = prec == 0 ? 1 : prec;
        d = decRound(decExactF64(f), p);
        let eprec = p;
        let nd = <i32>decNd(d);
        if (eprec > nd && nd >= decExp(d)) eprec = nd;
        if (fSharp) eprec = p;
        writeDecG(tmp, d, eprec, upper);
      }
      break;
    }
    case 0x66: // f
    case 0x46: { // F
      let p = prec < 0 ? 6 : prec;
      let ex = decExactF64(f);
      d = decRound(ex, decExp(ex) + p);
      writeDecF(tmp, d, p);
      break;
    }
    case 0x65: // e
    case 0x45: { // E
      let p = prec < 0 ? 6 : prec;
      d = decRound(decExactF64(f), p + 1);
      writeDecE(tmp, d, p, upper);
      break;
    }
    case 0x78: // x
    case 0x58: // X
    case 0x62: // b
      abortMsg("sprintf: %x, %X and %b of a float are not supported");
      return;
    default:
      badVerb(out, verb, rec);
      return;
  }
  // negative zero and signs
  let p0 = bufPtr(tmp), n0 = bufLen(tmp);
  let signed = bufNew(n0 + 2);
  if (neg && (n0 == 0 || load<u8>(p0) != 0x2d)) bufByte(signed, 0x2d);
  else if (!neg && fPlus) bufByte(signed, 0x2b);
  else if (!neg && fSpace) bufByte(signed, 0x20);
  bufBytes(signed, p0, n0);
  padBuf(out, signed, true);
}

function fmtStr(out: u32, rec: u32, verb: i32): void {
  let p = load<u32>(rec, 8), n = load<u32>(rec, 4);
  switch (verb) {
    case 0x76: // v
    case 0x73: { // s
      if (prec >= 0) n = runeOffset(p, n, <u32>prec);
      pad(out, p, n, true);
      return;
    }
    case 0x71: { // q
      if (prec >= 0) n = runeOffset(p, n, <u32>prec);
      if (fPlus || fSharp) abortMsg("sprintf: %+q and %#q are not supported");
      let tmp = bufNew(n + 2);
      writeGoQuote(tmp, p, n);
      padBuf(out, tmp, true);
      return;
    }
    case 0x78: // x
    case 0x58: { // X
      let m = prec >= 0 && <u32>prec < n ? <u32>prec : n;
      let tmp = bufNew(m * 3 + 2);
      let off: u32 = verb == 0x58 ? 17 : 0;
      for (let i: u32 = 0; i < m; i++) {
        if (fSpace && i > 0) bufByte(tmp, 0x20);
        if (fSharp && (fSpace || i == 0)) bufLit(tmp, verb == 0x58 ? "0X" : "0x");
        let c = <u32>load<u8>(p + i);
        bufByte(tmp, <u32>load<u16>(changetype<usize>(DIGITS) + (((c >> 4) + off) << 1)));
        bufByte(tmp, <u32>load<u16>(changetype<usize>(DIGITS) + (((c & 15) + off) << 1)));
      }
      padBuf(out, tmp, true);
      return;
    }
  }
  badVerb(out, verb, rec);
}

function isDigit(c: u32): bool {
  return c - 0x30 < 10;
}

export function builtin$sprintf(fmt: u32, args: u32): u32 {
  if (tag(fmt) != T_STRING || tag(args) != T_ARRAY) return 0;
  let nargs = collLen(args);
  let recs = malloc(nargs * 24 + 8);
  for (let i: u32 = 0; i < nargs; i++) classify(recs + i * 24, arrayAt(args, i));
  let p = strPtr(fmt), n = strLen(fmt);
  let out = bufNew(n + 16 * nargs);
  let argi: u32 = 0;
  let i: u32 = 0;
  while (i < n) {
    let c = <u32>load<u8>(p + i);
    if (c != 0x25) {
      let j = i;
      while (j < n && load<u8>(p + j) != 0x25) j++;
      bufBytes(out, p + i, j - i);
      i = j;
      continue;
    }
    i++;
    fPlus = fMinus = fSharp = fSpace = fZero = false;
    width = -1;
    prec = -1;
    // flags
    while (i < n) {
      let f = load<u8>(p + i);
      if (f == 0x2b) fPlus = true;
      else if (f == 0x2d) fMinus = true;
      else if (f == 0x23) fSharp = true;
      else if (f == 0x20) fSpace = true;
      else if (f == 0x30) fZero = true;
      else break;
      i++;
    }
    if (fMinus) fZero = false;
    // width
    if (i < n && load<u8>(p + i) == 0x2a) {
      abortMsg("sprintf: '*' width is not supported");
    }
    if (i < n && isDigit(load<u8>(p + i))) {
      width = 0;
      while (i < n && isDigit(load<u8>(p + i))) {
        width = width * 10 + <i32>(load<u8>(p + i) - 0x30);
        if (width > 1000000) width = 1000000;
        i++;
      }
    }
    // precision
    if (i < n && load<u8>(p + i) == 0x2e) {
      i++;
      if (i < n && load<u8>(p + i) == 0x2a) abortMsg("sprintf: '*' precision is not supported");
      prec = 0;
      while (i < n && isDigit(load<u8>(p + i))) {
        prec = prec * 10 + <i32>(load<u8>(p + i) - 0x30);
        if (prec > 1000000) prec = 1000000;
        i++;
      }
    }
    if (i < n && load<u8>(p + i) == 0x5b) abortMsg("sprintf: explicit argument indexes are not supported");
    if (i >= n) {
      bufLit(out, "%!(NOVERB)");
      break;
    }
    // verb (a rune)
    let verb: i32 = <i32>load<u8>(p + i);
    let vw: u32 = 1;
    if (verb >= 0x80) {
      verb = decodeVerb(p + i, n - i);
      vw = verbWidth;
    }
    i += vw;
    if (verb == 0x25) {
      bufByte(out, 0x25);
      continue;
    }
    if (argi >= nargs) {
      bufLit(out, "%!");
      encodeRune(out, verb);
      bufLit(out, "(MISSING)");
      continue;
    }
    let rec = recs + argi * 24;
    argi++;
    if (verb == 0x54) abortMsg("sprintf: %T is not supported");
    let k = load<u32>(rec);
    if (k == K_INT) fmtInt(out, rec, verb);
    else if (k == K_BIG) fmtBig(out, rec, verb);
    else if (k == K_FLOAT) fmtFloat(out, rec, verb);
    else fmtStr(out, rec, verb);
  }
  if (argi < nargs) {
    bufLit(out, "%!(EXTRA ");
    for (let j = argi; j < nargs; j++) {
      if (j > argi) bufLit(out, ", ");
      writeTypeAndValue(out, recs + j * 24);
    }
    bufByte(out, 0x29);
  }
  return bufString(out);
}

let verbWidth: u32 = 1;
function decodeVerb(p: u32, n: u32): i32 {
  let r = decodeRune(p, n);
  verbWidth = runeWidth;
  return r;
}

