// Numbers: exact integers of any size (i64 fast path, digit strings beyond),
// f64 otherwise; text kept for numbers parsed from JSON. Formatting follows Go.

import { malloc } from "./alloc";
import { dtoa_buffered } from "~lib/util/number";
import {
  T_NUMBER, N_INT, N_FLOAT, N_REF, numInt, numFloat, numRefRaw, numKind, numI64, numF64, refPtr, refLen, tag,
} from "./value";
import {
  decNew, decParse, decNeg, decNd, decExp, decDigits, decIsInt, decCmp, decToMag, magLen, magAdd, magSub, magMul,
  magCmp, magToI64, magI64, magFromU64, decExactBinary, decRound, magDivSmall,
} from "./decimal";
import { bufNew, bufByte, bufBytes, bufI64, bufRepeat } from "./buf";

const DTOA_SCRATCH: u32 = <u32>memory.data(128, 8);

/** Does [p, p+n) follow the JSON number grammar? */
export function isJsonNumber(p: u32, n: u32): bool {
  let i: u32 = 0;
  if (i < n && load<u8>(p) == 0x2d) i++;
  if (i >= n) return false;
  if (load<u8>(p + i) == 0x30) i++;
  else {
    let s = i;
    while (i < n && <u32>load<u8>(p + i) - 0x30 < 10) i++;
    if (i == s) return false;
  }
  if (i < n && load<u8>(p + i) == 0x2e) {
    i++;
    let s = i;
    while (i < n && <u32>load<u8>(p + i) - 0x30 < 10) i++;
    if (i == s) return false;
  }
  if (i < n && (load<u8>(p + i) == 0x65 || load<u8>(p + i) == 0x45)) {
    i++;
    if (i < n && (load<u8>(p + i) == 0x2b || load<u8>(p + i) == 0x2d)) i++;
    let s = i;
    while (i < n && <u32>load<u8>(p + i) - 0x30 < 10) i++;
    if (i == s) return false;
  }
  return i == n;
}

/** Number value from JSON number text; integers that fit i64 become ints. 0 if malformed. */
export function numberRef(p: u32, n: u32): u32 {
  let i: u32 = 0;
  let neg = false;
  if (n > 0 && load<u8>(p) == 0x2d) {
    neg = true;
    i = 1;
  }
  let allDigits = i < n && n - i <= 19;
  for (let k = i; k < n && allDigits; k++) {
    if (<u32>load<u8>(p + k) - 0x30 >= 10) allDigits = false;
  }
  if (allDigits && !(n - i > 1 && load<u8>(p + i) == 0x30)) {
    if (magToI64(p + i, n - i, neg)) return numInt(magI64);
  }
  return numRefRaw(p, n);
}

/** ASCII shortest round-trip text of a finite, nonzero f64 (asc's Grisu2), length in `textLen`. */
let textLen: u32 = 0;
function f64Text(f: f64): u32 {
  let n = dtoa_buffered(DTOA_SCRATCH, f);
  let out = malloc(n);
  for (let i: u32 = 0; i < n; i++) store<u8>(out + i, <u8>load<u16>(DTOA_SCRATCH + (i << 1)));
  textLen = n;
  return out;
}

/**
 * Shortest decimal that round-trips to a finite f64 (the closest one when
 * several have that length), as Go's strconv. Grisu2 is nearly always
 * shortest; when it gives 16+ digits an exact search over the rounding
 * interval looks for a shorter one.
 */
export function decOfF64(f: f64): u32 {
  if (f == 0) return decNew(false, 0, 0, 0);
  let p = f64Text(f);
  let g = decParse(p, textLen);
  let nd = decNd(g);
  if (nd < 16) return g;
  let neg = f < 0;
  let bits = reinterpret<u64>(neg ? -f : f);
  let be = <i32>((bits >> 52) & 0x7ff);
  let m = bits & 0xfffffffffffff;
  if (be == 0) be = 1;
  else m |= 0x10000000000000;
  let e = be - 1075;
  let exact = decExactBinary(neg, m, e);
  // interval bounds: (2m-1)*2^(e-1) .. (2m+1)*2^(e-1); the lower gap halves at a power of two
  let lower = m == 0x10000000000000 && be > 1 ? decExactBinary(neg, 4 * m - 1, e - 2) : decExactBinary(neg, 2 * m - 1, e - 1);
  let upper = decExactBinary(neg, 2 * m + 1, e - 1);
  let inclusive = (m & 1) == 0;
  for (let k: i32 = 1; k <= <i32>nd; k++) {
    let c = decRound(exact, k);
    let lo = decCmp(c, neg ? upper : lower);
    let hi = decCmp(c, neg ? lower : upper);
    if ((inclusive ? lo >= 0 : lo > 0) && (inclusive ? hi <= 0 : hi < 0)) return c;
  }
  return g;
}

/** The exact decimal of a number value. */
export function decOf(v: u32): u32 {
  let k = numKind(v);
  if (k == N_FLOAT && !isFinite(numF64(v))) return decNew(false, 0, 0, 0);
  if (k == N_INT) {
    let i = numI64(v);
    let neg = i < 0;
    let m = magFromU64(neg ? <u64>(-i) : <u64>i);
    let n = magLen;
    let nd = n;
    while (nd > 0 && load<u8>(m + nd - 1) == 0x30) nd--;
    return decNew(neg, m, nd, <i32>n);
  }
  if (k == N_FLOAT) return decOfF64(numF64(v));
  let d = decParse(refPtr(v), refLen(v));
  return d != 0 ? d : decNew(false, 0, 0, 0);
}

const POW10: StaticArray<f64> = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/** f64 nearest (exact for <= 15 significant digits and small exponents) to a decimal. */
export function decToF64(d: u32): f64 {
  let nd = decNd(d);
  if (nd == 0) return 0;
  let take = nd < 19 ? nd : 19;
  let m: u64 = 0;
  let p = decDigits(d);
  for (let i: u32 = 0; i < take; i++) m = m * 10 + <u64>(load<u8>(p + i) - 0x30);
  let scale = decExp(d) - <i32>take;
  let f = <f64>m;
  if (take <= 15 && scale >= -22 && scale <= 22) {
    f = scale >= 0 ? f * unchecked(POW10[scale]) : f / unchecked(POW10[-scale]);
  } else if (scale > 308 + 19) {
    f = Infinity;
  } else if (scale < -343) {
    f = 0;
  } else if (scale < -300) {
    f = (f * Math.pow(10, <f64>(scale + 300))) / 1e300;
  } else {
    f = scale >= 0 ? f * Math.pow(10, <f64>scale) : f / Math.pow(10, <f64>-scale);
  }
  return decNeg(d) ? -f : f;
}

export function numToF64(v: u32): f64 {
  let k = numKind(v);
  if (k == N_INT) return <f64>numI64(v);
  if (k == N_FLOAT) return numF64(v);
  return decToF64(decOf(v));
}

/** Is the number integral (1, 1.0, 1e3 are)? */
export function numIsInt(v: u32): bool {
  let k = numKind(v);
  if (k == N_INT) return true;
  if (k == N_FLOAT) {
    let f = numF64(v);
    return f == Math.trunc(f);
  }
  return decIsInt(decOf(v));
}

/** The number as i64 if integral and in range; sets numOk. */
export let numOk: bool = false;
export function numToI64(v: u32): i64 {
  numOk = false;
  let k = numKind(v);
  if (k == N_INT) {
    numOk = true;
    return numI64(v);
  }
  let d = decOf(v);
  if (!decIsInt(d)) return 0;
  let m = decToMag(d);
  if (!magToI64(m, magLen, decNeg(d))) return 0;
  numOk = true;
  return magI64;
}

export function numCompare(a: u32, b: u32): i32 {
  if (numKind(a) == N_INT && numKind(b) == N_INT) {
    let x = numI64(a), y = numI64(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (numKind(a) == N_FLOAT && numKind(b) == N_FLOAT) {
    let x = numF64(a), y = numF64(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return decCmp(decOf(a), decOf(b));
}

/** Number from a signed magnitude: int when it fits, else decimal text. */
export function numFromMag(neg: bool, p: u32, n: u32): u32 {
  if (n == 0) return numInt(0);
  if (magToI64(p, n, neg)) return numInt(magI64);
  let t = malloc(n + 1);
  let o: u32 = 0;
  if (neg) {
    store<u8>(t, 0x2d);
    o = 1;
  }
  memory.copy(t + o, p, n);
  return numRefRaw(t, n + o);
}

function floatResult(f: f64): u32 {
  if (!isFinite(f)) return 0;
  if (f == Math.trunc(f) && Math.abs(f) < 9007199254740992) return numInt(<i64>f);
  return numFloat(f);
}

const OP_ADD = 0;
const OP_SUB = 1;
const OP_MUL = 2;

function bigAddSub(da: u32, db: u32, sub: bool): u32 {
  let a = decToMag(da);
  let al = magLen;
  let b = decToMag(db);
  let bl = magLen;
  let na = decNeg(da);
  let nb = decNeg(db) != sub;
  if (na == nb) {
    let r = magAdd(a, al, b, bl);
    return numFromMag(na, r, magLen);
  }
  let c = magCmp(a, al, b, bl);
  if (c == 0) return numInt(0);
  if (c > 0) {
    let r = magSub(a, al, b, bl);
    return numFromMag(na, r, magLen);
  }
  let r = magSub(b, bl, a, al);
  return numFromMag(nb, r, magLen);
}

/** Exact on integers of any size; f64 otherwise. 0 = undefined (non-number, overflow to infinity). */
export function numArith(op: i32, a: u32, b: u32): u32 {
  if (tag(a) != T_NUMBER || tag(b) != T_NUMBER) return 0;
  if (numKind(a) == N_INT && numKind(b) == N_INT) {
    let x = numI64(a), y = numI64(b);
    if (op == OP_ADD) {
      let r = x + y;
      if (((x ^ r) & (y ^ r)) >= 0) return numInt(r);
    } else if (op == OP_SUB) {
      let r = x - y;
      if (((x ^ y) & (x ^ r)) >= 0) return numInt(r);
    } else {
      let ok = true;
      let r = x * y;
      if (x != 0 && (r / x != y || (x == -1 && y == i64.MIN_VALUE))) ok = false;
      if (ok) return numInt(r);
    }
  }
  let da = decOf(a), db = decOf(b);
  // exact integer arithmetic, bounded so absurd exponents (1e99999) cannot hang: those fall to f64
  if (decIsInt(da) && decIsInt(db) && decExp(da) < 100000 && decExp(db) < 100000) {
    if (op == OP_MUL && decExp(da) + decExp(db) <= 20000) {
      let x = decToMag(da);
      let xl = magLen;
      let y = decToMag(db);
      let yl = magLen;
      let r = magMul(x, xl, y, yl);
      return numFromMag(decNeg(da) != decNeg(db), r, magLen);
    }
    if (op != OP_MUL) return bigAddSub(da, db, op == OP_SUB);
  }
  let r = decArith(op, da, db);
  if (r != 0) return r;
  let x = numToF64(a), y = numToF64(b);
  return floatResult(op == OP_ADD ? x + y : op == OP_SUB ? x - y : x * y);
}

/** Significant digits beyond which decimal results fall back to f64. */
const MAX_EXACT_DIGITS: u32 = 40;

/**
 * Exact decimal + - * (OPA computes with big.Float and prints the shortest
 * text, so 0.1 + 0.2 is 0.3 and 1.1 * 1000 is 1100 there, not f64's
 * 0.30000000000000004 and 1100.0000000000002). 0 when the result would be
 * too long (then f64 is used).
 */
function decArith(op: i32, da: u32, db: u32): u32 {
  let n1 = decNd(da), n2 = decNd(db);
  // scale exponents: value = D * 10^s
  let s1 = <i64>decExp(da) - <i64>n1, s2 = <i64>decExp(db) - <i64>n2;
  if (op == OP_MUL) {
    if (n1 + n2 > MAX_EXACT_DIGITS * 2) return 0;
    let p = magMul(decDigits(da), n1, decDigits(db), n2);
    let pl = magLen;
    return numFromDec(decNeg(da) != decNeg(db), p, pl, s1 + s2);
  }
  let m = s1 < s2 ? s1 : s2;
  let z1 = s1 - m, z2 = s2 - m;
  if (z1 > <i64>MAX_EXACT_DIGITS || z2 > <i64>MAX_EXACT_DIGITS) return 0;
  let a = padZeros(decDigits(da), n1, <u32>z1);
  let al = n1 == 0 ? 0 : n1 + <u32>z1;
  let b = padZeros(decDigits(db), n2, <u32>z2);
  let bl = n2 == 0 ? 0 : n2 + <u32>z2;
  let na = decNeg(da);
  let nb = decNeg(db) != (op == OP_SUB);
  if (na == nb) {
    let r = magAdd(a, al, b, bl);
    return numFromDec(na, r, magLen, m);
  }
  let c = magCmp(a, al, b, bl);
  if (c == 0) return numInt(0);
  if (c > 0) {
    let r = magSub(a, al, b, bl);
    return numFromDec(na, r, magLen, m);
  }
  let r = magSub(b, bl, a, al);
  return numFromDec(nb, r, magLen, m);
}

function padZeros(p: u32, n: u32, z: u32): u32 {
  if (n == 0 || z == 0) return p;
  let r = malloc(n + z);
  memory.copy(r, p, n);
  memory.fill(r + n, 0x30, z);
  return r;
}

/** Number for (-1)^neg * mag * 10^scale: an int when integral, else OPA's float text; 0 if too long. */
function numFromDec(neg: bool, mag: u32, n: u32, scale: i64): u32 {
  if (n == 0) return numInt(0);
  let nd = n;
  while (nd > 0 && load<u8>(mag + nd - 1) == 0x30) nd--;
  let exp = <i64>n + scale;
  if (nd > MAX_EXACT_DIGITS || exp > 400 || exp < -400) return 0;
  let d = decNew(neg, mag, nd, <i32>exp);
  if (decIsInt(d)) {
    let m = decToMag(d);
    return numFromMag(neg, m, magLen);
  }
  let b = bufNew(nd + 16);
  writeDecG(b, d, 6, false);
  return numRefRaw(load<u32>(b), load<u32>(b, 4));
}

export function numAdd(a: u32, b: u32): u32 {
  return numArith(OP_ADD, a, b);
}
export function numSub(a: u32, b: u32): u32 {
  return numArith(OP_SUB, a, b);
}
export function numMul(a: u32, b: u32): u32 {
  return numArith(OP_MUL, a, b);
}

export function numDiv(a: u32, b: u32): u32 {
  if (tag(a) != T_NUMBER || tag(b) != T_NUMBER) return 0;
  if (numKind(a) == N_INT && numKind(b) == N_INT) {
    let x = numI64(a), y = numI64(b);
    if (y == 0) return 0;
    if (!(x == i64.MIN_VALUE && y == -1) && x % y == 0) return numInt(x / y);
  }
  let da = decOf(a), db = decOf(b);
  if (decNd(db) == 0) return 0;
  let q = decDivExact(da, db);
  if (q != 0) return q;
  let y = numToF64(b);
  if (y == 0) return 0;
  return floatResult(numToF64(a) / y);
}

/**
 * a / b as an exact decimal when b has at most 9 significant digits and the
 * quotient terminates within MAX_EXACT_DIGITS (1.1 / 10 = 0.11, where f64
 * gives 0.11000000000000001); 0 otherwise.
 */
function decDivExact(da: u32, db: u32): u32 {
  let n2 = decNd(db);
  if (n2 > 9) return 0;
  let n1 = decNd(da);
  if (n1 == 0) return numInt(0);
  let d2: u64 = 0;
  let p2 = decDigits(db);
  for (let i: u32 = 0; i < n2; i++) d2 = d2 * 10 + <u64>(load<u8>(p2 + i) - 0x30);
  let p1 = decDigits(da);
  let r: u64 = 0;
  for (let i: u32 = 0; i < n1; i++) r = (r * 10 + <u64>(load<u8>(p1 + i) - 0x30)) % d2;
  let k: u32 = 0;
  while (r != 0 && k < MAX_EXACT_DIGITS) {
    r = (r * 10) % d2;
    k++;
  }
  if (r != 0) return 0;
  let num = padZeros(p1, n1, k);
  let q = magDivSmall(num, n1 + k, <u32>d2);
  let ql = magLen;
  let s1 = <i64>decExp(da) - <i64>n1, s2 = <i64>decExp(db) - <i64>n2;
  return numFromDec(decNeg(da) != decNeg(db), q, ql, s1 - <i64>k - s2);
}

export function numRem(a: u32, b: u32): u32 {
  if (tag(a) != T_NUMBER || tag(b) != T_NUMBER) return 0;
  let x = numToI64(a);
  if (!numOk) return 0;
  let y = numToI64(b);
  if (!numOk || y == 0) return 0;
  if (x == i64.MIN_VALUE && y == -1) return numInt(0);
  return numInt(x % y);
}

export function numNeg(a: u32): u32 {
  return numArith(OP_SUB, numInt(0), a);
}

// ---- formatting

/** Go strconv 'f' with shortest digits (no exponent). */
export function writeDecF(b: u32, d: u32, minFrac: i32): void {
  let nd = <i32>decNd(d);
  let exp = decExp(d);
  let p = decDigits(d);
  if (decNeg(d)) bufByte(b, 0x2d);
  if (exp <= 0) {
    bufByte(b, 0x30);
  } else {
    let k = exp < nd ? exp : nd;
    bufBytes(b, p, <u32>k);
    bufRepeat(b, 0x30, exp - k);
  }
  let frac = nd - exp; // digits after the point
  let fracDigits = frac > 0 ? frac : 0;
  let total = fracDigits > minFrac ? fracDigits : minFrac;
  if (total > 0) {
    bufByte(b, 0x2e);
    let written: i32 = 0;
    if (exp < 0) {
      let z = -exp < total ? -exp : total;
      bufRepeat(b, 0x30, z);
      written = z;
    }
    if (frac > 0 && written < total) {
      let start = exp > 0 ? exp : 0;
      let cnt = nd - start;
      if (cnt > total - written) cnt = total - written;
      bufBytes(b, p + <u32>start, <u32>cnt);
      written += cnt;
    }
    bufRepeat(b, 0x30, total - written);
  }
}

/** Go strconv 'e': d.ddde±XX with at least minFrac fraction digits. */
export function writeDecE(b: u32, d: u32, minFrac: i32, upper: bool): void {
  let nd = <i32>decNd(d);
  let p = decDigits(d);
  if (decNeg(d)) bufByte(b, 0x2d);
  bufByte(b, nd > 0 ? load<u8>(p) : 0x30);
  let frac = nd - 1;
  let total = frac > minFrac ? frac : minFrac;
  if (total > 0) {
    bufByte(b, 0x2e);
    if (frac > 0) bufBytes(b, p + 1, <u32>frac);
    bufRepeat(b, 0x30, total - (frac > 0 ? frac : 0));
  }
  bufByte(b, upper ? 0x45 : 0x65);
  let x = nd == 0 ? 0 : decExp(d) - 1;
  if (x < 0) {
    bufByte(b, 0x2d);
    x = -x;
  } else bufByte(b, 0x2b);
  if (x < 10) bufByte(b, 0x30);
  bufI64(b, x);
}

/** Go strconv 'g' with precision eprec deciding the exponent form (shortest: 6). */
export function writeDecG(b: u32, d: u32, eprec: i32, upper: bool): void {
  let x = decNd(d) == 0 ? 0 : decExp(d) - 1;
  if (x < -4 || x >= eprec) writeDecE(b, d, 0, upper);
  else writeDecF(b, d, 0);
}

/** A number as OPA prints it: source text, integer digits, or Go's float rule. */
export function writeNumber(b: u32, v: u32): void {
  let k = numKind(v);
  if (k == N_INT) bufI64(b, numI64(v));
  else if (k == N_REF) bufBytes(b, refPtr(v), refLen(v));
  else {
    let f = numF64(v);
    if (!isFinite(f)) {
      // never produced by the runtime (results that overflow are undefined); JSON has no spelling for it
      bufByte(b, 0x6e);
      bufByte(b, 0x75);
      bufByte(b, 0x6c);
      bufByte(b, 0x6c);
      return;
    }
    let d = decOfF64(f);
    if (decIsInt(d)) writeDecF(b, d, 0);
    else writeDecG(b, d, 6, false);
  }
}
