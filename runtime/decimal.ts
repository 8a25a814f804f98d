// Exact decimals and arbitrary-size integer magnitudes on ASCII digit strings.
// A decimal is {neg u8 @0, nd u32 @4, exp i32 @8, digits u32 @12} meaning
// (-1)^neg * 0.d1d2...dn * 10^exp, digits without leading or trailing zeros
// (nd = 0 is zero).

import { malloc } from "./alloc";

export function decNew(neg: bool, digits: u32, nd: u32, exp: i32): u32 {
  let d = malloc(16);
  if (nd == 0) {
    neg = false;
    exp = 0;
  }
  store<u8>(d, neg ? 1 : 0);
  store<u32>(d, nd, 4);
  store<i32>(d, exp, 8);
  store<u32>(d, digits, 12);
  return d;
}

// @ts-ignore: decorator
@inline export function decNeg(d: u32): bool {
  return load<u8>(d) != 0;
}
// @ts-ignore: decorator
@inline export function decNd(d: u32): u32 {
  return load<u32>(d, 4);
}
// @ts-ignore: decorator
@inline export function decExp(d: u32): i32 {
  return load<i32>(d, 8);
}
// @ts-ignore: decorator
@inline export function decDigits(d: u32): u32 {
  return load<u32>(d, 12);
}

// @ts-ignore: decorator
@inline function isDigit(c: u32): bool {
  return c - 0x30 < 10;
}

/** Parses number text (JSON grammar, also accepts a leading '+' in the exponent). 0 if malformed. */
export function decParse(p: u32, n: u32): u32 {
  let i: u32 = 0;
  let neg = false;
  if (i < n && load<u8>(p) == 0x2d) {
    neg = true;
    i++;
  }
  let digits = malloc(n + 1);
  let nd: u32 = 0;
  let intDigits: i32 = 0;
  let seenPoint = false;
  let any = false;
  while (i < n) {
    let c = <u32>load<u8>(p + i);
    if (isDigit(c)) {
      store<u8>(digits + nd, <u8>c);
      nd++;
      any = true;
      if (!seenPoint) intDigits++;
    } else if (c == 0x2e && !seenPoint) {
      seenPoint = true;
    } else break;
    i++;
  }
  if (!any) return 0;
  let e: i64 = 0;
  if (i < n) {
    let c = <u32>load<u8>(p + i);
    if (c != 0x65 && c != 0x45) return 0;
    i++;
    let eneg = false;
    if (i < n && (load<u8>(p + i) == 0x2d || load<u8>(p + i) == 0x2b)) {
      eneg = load<u8>(p + i) == 0x2d;
      i++;
    }
    if (i >= n) return 0;
    while (i < n) {
      let c2 = <u32>load<u8>(p + i);
      if (!isDigit(c2)) return 0;
      if (e < 1000000000) e = e * 10 + <i64>(c2 - 0x30);
      i++;
    }
    if (eneg) e = -e;
  }
  let lead: u32 = 0;
  while (lead < nd && load<u8>(digits + lead) == 0x30) lead++;
  let exp = <i64>intDigits - <i64>lead + e;
  nd -= lead;
  digits += lead;
  while (nd > 0 && load<u8>(digits + nd - 1) == 0x30) nd--;
  if (exp > 2000000000) exp = 2000000000;
  if (exp < -2000000000) exp = -2000000000;
  return decNew(neg, digits, nd, <i32>exp);
}

export function decIsInt(d: u32): bool {
  let nd = decNd(d);
  return nd == 0 || <i64>decExp(d) >= <i64>nd;
}

function cmpMagDec(a: u32, b: u32): i32 {
  let ea = decExp(a), eb = decExp(b);
  if (ea != eb) return ea < eb ? -1 : 1;
  let na = decNd(a), nb = decNd(b);
  let pa = decDigits(a), pb = decDigits(b);
  let n = na < nb ? na : nb;
  for (let i: u32 = 0; i < n; i++) {
    let x = load<u8>(pa + i), y = load<u8>(pb + i);
    if (x != y) return x < y ? -1 : 1;
  }
  if (na == nb) return 0;
  return na < nb ? -1 : 1;
}

/** Exact comparison of two decimals. */
export function decCmp(a: u32, b: u32): i32 {
  let sa: i32 = decNd(a) == 0 ? 0 : decNeg(a) ? -1 : 1;
  let sb: i32 = decNd(b) == 0 ? 0 : decNeg(b) ? -1 : 1;
  if (sa != sb) return sa < sb ? -1 : 1;
  if (sa == 0) return 0;
  let m = cmpMagDec(a, b);
  return sa > 0 ? m : -m;
}

// ---- magnitudes: ASCII digit strings, most significant first, no leading zeros (zero = length 0).

/** Length of the last magnitude produced by a mag* function. */
export let magLen: u32 = 0;

/** Integer magnitude of an integral decimal (digits followed by zeros). */
export function decToMag(d: u32): u32 {
  let nd = decNd(d);
  if (nd == 0) {
    magLen = 0;
    return 0;
  }
  let n = <u32>decExp(d);
  let p = malloc(n);
  memory.copy(p, decDigits(d), nd);
  memory.fill(p + nd, 0x30, n - nd);
  magLen = n;
  return p;
}

export function magCmp(a: u32, al: u32, b: u32, bl: u32): i32 {
  if (al != bl) return al < bl ? -1 : 1;
  for (let i: u32 = 0; i < al; i++) {
    let x = load<u8>(a + i), y = load<u8>(b + i);
    if (x != y) return x < y ? -1 : 1;
  }
  return 0;
}

function magStrip(p: u32, n: u32): u32 {
  let i: u32 = 0;
  while (i < n && load<u8>(p + i) == 0x30) i++;
  magLen = n - i;
  return p + i;
}

export function magAdd(a: u32, al: u32, b: u32, bl: u32): u32 {
  let n = (al > bl ? al : bl) + 1;
  let r = malloc(n);
  let carry: u32 = 0;
  for (let k: u32 = 0; k < n; k++) {
    let x: u32 = k < al ? <u32>load<u8>(a + al - 1 - k) - 0x30 : 0;
    let y: u32 = k < bl ? <u32>load<u8>(b + bl - 1 - k) - 0x30 : 0;
    let s = x + y + carry;
    carry = s >= 10 ? 1 : 0;
    store<u8>(r + n - 1 - k, <u8>(0x30 + s - carry * 10));
  }
  return magStrip(r, n);
}

/** a - b, requires a >= b. */
export function magSub(a: u32, al: u32, b: u32, bl: u32): u32 {
  let n = al;
  let r = malloc(n + 1);
  let borrow: i32 = 0;
  for (let k: u32 = 0; k < n; k++) {
    let x = <i32>load<u8>(a + al - 1 - k) - 0x30;
    let y: i32 = k < bl ? <i32>load<u8>(b + bl - 1 - k) - 0x30 : 0;
    let s = x - y - borrow;
    borrow = s < 0 ? 1 : 0;
    store<u8>(r + n - 1 - k, <u8>(0x30 + s + borrow * 10));
  }
  return magStrip(r, n);
}

export function magMul(a: u32, al: u32, b: u32, bl: u32): u32 {
  if (al == 0 || bl == 0) {
    magLen = 0;
    return 0;
  }
  let n = al + bl;
  let acc = malloc(n << 2);
  memory.fill(acc, 0, n << 2);
  for (let i: u32 = 0; i < al; i++) {
    let x = <u32>load<u8>(a + i) - 0x30;
    if (x == 0) continue;
    for (let j: u32 = 0; j < bl; j++) {
      let y = <u32>load<u8>(b + j) - 0x30;
      let q = acc + ((i + j + 1) << 2);
      store<u32>(q, load<u32>(q) + x * y);
    }
    // normalise periodically to avoid overflow on very long operands
    if ((i & 0xffff) == 0xffff) carryDigits(acc, n);
  }
  carryDigits(acc, n);
  let r = malloc(n);
  for (let k: u32 = 0; k < n; k++) store<u8>(r + k, <u8>(0x30 + load<u32>(acc + (k << 2))));
  return magStrip(r, n);
}

function carryDigits(acc: u32, n: u32): void {
  let carry: u32 = 0;
  for (let k = <i32>n - 1; k >= 0; k--) {
    let q = acc + (<u32>k << 2);
    let s = load<u32>(q) + carry;
    store<u32>(q, s % 10);
    carry = s / 10;
  }
}

/** Divides a magnitude by a small divisor in place-free manner; returns the quotient, remainder in magRem. */
export let magRem: u32 = 0;
export function magDivSmall(a: u32, al: u32, d: u32): u32 {
  let r = malloc(al + 1);
  let rem: u64 = 0;
  for (let i: u32 = 0; i < al; i++) {
    rem = rem * 10 + <u64>(load<u8>(a + i) - 0x30);
    store<u8>(r + i, <u8>(0x30 + <u32>(rem / d)));
    rem = rem % d;
  }
  magRem = <u32>rem;
  return magStrip(r, al);
}

/** Magnitude of an unsigned 64-bit integer. */
export function magFromU64(x: u64): u32 {
  let r = malloc(20);
  let k: u32 = 20;
  while (x != 0) {
    k--;
    store<u8>(r + k, <u8>(0x30 + <u32>(x % 10)));
    x /= 10;
  }
  magLen = 20 - k;
  return r + k;
}

/** 1 if the magnitude fits in i64 (with the sign), and its value in magI64. */
export let magI64: i64 = 0;
export function magToI64(p: u32, n: u32, neg: bool): bool {
  if (n > 19) return false;
  let x: u64 = 0;
  for (let i: u32 = 0; i < n; i++) {
    let nx = x * 10 + <u64>(load<u8>(p + i) - 0x30);
    if (nx / 10 != x) return false;
    x = nx;
  }
  if (neg) {
    if (x > 0x8000000000000000) return false;
    magI64 = -(<i64>x);
  } else {
    if (x > 0x7fffffffffffffff) return false;
    magI64 = <i64>x;
  }
  return true;
}

// ---- rounding (Go's strconv decimal rounding: round half to even on exact decimals)

/** Rounds d to keep `keep` leading digits (keep may be <= 0). Returns a new decimal. */
export function decRound(d: u32, keep: i32): u32 {
  let nd = <i32>decNd(d);
  if (keep >= nd) return d;
  let digits = decDigits(d);
  let neg = decNeg(d);
  let exp = decExp(d);
  if (keep < 0) return decNew(neg, digits, 0, 0);
  let up: bool;
  let c = load<u8>(digits + keep);
  if (c == 0x35 && keep + 1 == nd) {
    up = keep > 0 && ((load<u8>(digits + keep - 1) - 0x30) & 1) == 1;
  } else {
    up = c >= 0x35;
  }
  if (!up) {
    let k = keep;
    while (k > 0 && load<u8>(digits + k - 1) == 0x30) k--;
    return decNew(neg, digits, <u32>k, exp);
  }
  let out = malloc(<u32>keep + 1);
  memory.copy(out, digits, <u32>keep);
  let i = keep - 1;
  while (i >= 0 && load<u8>(out + i) == 0x39) i--;
  if (i < 0) {
    store<u8>(out, 0x31);
    return decNew(neg, out, 1, exp + 1);
  }
  store<u8>(out + i, load<u8>(out + i) + 1);
  return decNew(neg, out, <u32>(i + 1), exp);
}

/** The exact decimal value of a finite f64. */
export function decExactF64(f: f64): u32 {
  let neg = f < 0;
  if (neg) f = -f;
  if (f == 0) return decNew(false, 0, 0, 0);
  let bits = reinterpret<u64>(f);
  let be = <i32>((bits >> 52) & 0x7ff);
  let m = bits & 0xfffffffffffff;
  if (be == 0) be = 1;
  else m |= 0x10000000000000;
  return decExactBinary(neg, m, be - 1075);
}

/** Exact decimal of m * 2^e. */
export function decExactBinary(neg: bool, m: u64, e: i32): u32 {
  let p = magFromU64(m);
  let n = magLen;
  let exp10: i32 = 0;
  if (e > 0) {
    let k = e;
    while (k > 0) {
      let s = k < 30 ? k : 30;
      p = magMulSmall(p, n, <u64>1 << <u64>s);
      n = magLen;
      k -= s;
    }
  } else if (e < 0) {
    let k = -e;
    while (k > 0) {
      let s = k < 13 ? k : 13;
      let f: u64 = 1;
      for (let i = 0; i < s; i++) f *= 5;
      p = magMulSmall(p, n, f);
      n = magLen;
      k -= s;
    }
    exp10 = e;
  }
  // value = mag * 10^exp10
  let nd = n;
  while (nd > 0 && load<u8>(p + nd - 1) == 0x30) nd--;
  return decNew(neg, p, nd, <i32>n + exp10);
}

function magMulSmall(a: u32, al: u32, k: u64): u32 {
  let r = malloc(al + 20);
  let carry: u64 = 0;
  let w: u32 = al + 20;
  for (let i = <i32>al - 1; i >= 0; i--) {
    let s = <u64>(load<u8>(a + i) - 0x30) * k + carry;
    w--;
    store<u8>(r + w, <u8>(0x30 + <u32>(s % 10)));
    carry = s / 10;
  }
  while (carry != 0) {
    w--;
    store<u8>(r + w, <u8>(0x30 + <u32>(carry % 10)));
    carry /= 10;
  }
  magLen = al + 20 - w;
  return r + w;
}
