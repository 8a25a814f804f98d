// Arithmetic: plus minus mul div rem abs round ceil floor, to_number.
// minus also takes two sets (difference).

import {
  T_NUMBER, T_SET, T_NULL, T_BOOL, T_STRING, N_INT, tag, numKind, numI64, numInt, strPtr, strLen,
} from "../value";
import {
  numAdd, numSub, numMul, numDiv, numRem, numNeg, numCompare, numIsInt, numToF64, numberRef, isJsonNumber, numFromMag,
} from "../number";
import { setDiff } from "../collections";
import { newArray, arrayAppend } from "../value";
import { intOperand, intOk } from "./util";
import { abortMsg } from "../abort";
import { decParse, decNd, decExp, decDigits, decIsInt, decToMag, magLen } from "../decimal";
import { bufNew, bufByte, bufBytes, bufI64 } from "../buf";

export function builtin$plus(a: u32, b: u32): u32 {
  return numAdd(a, b);
}

export function builtin$minus(a: u32, b: u32): u32 {
  if (tag(a) == T_SET && tag(b) == T_SET) return setDiff(a, b);
  return numSub(a, b);
}

export function builtin$mul(a: u32, b: u32): u32 {
  return numMul(a, b);
}
export function builtin$div(a: u32, b: u32): u32 {
  return numDiv(a, b);
}
export function builtin$rem(a: u32, b: u32): u32 {
  return numRem(a, b);
}

export function builtin$abs(a: u32): u32 {
  if (tag(a) != T_NUMBER) return 0;
  if (numKind(a) == N_INT && numI64(a) >= 0) return a;
  if (numCompare(a, numInt(0)) >= 0) return a;
  return numNeg(a);
}

/** mode 0 = round half away from zero, 1 = ceil, 2 = floor. */
function rounding(a: u32, mode: i32): u32 {
  if (tag(a) != T_NUMBER) return 0;
  if (numIsInt(a)) return a;
  let f = numToF64(a);
  let r = mode == 1 ? Math.ceil(f) : mode == 2 ? Math.floor(f) : f < 0 ? -Math.floor(-f + 0.5) : Math.floor(f + 0.5);
  if (Math.abs(r) < 9.2e18) return numInt(<i64>r);
  return 0;
}

export function builtin$round(a: u32): u32 {
  return rounding(a, 0);
}
export function builtin$ceil(a: u32): u32 {
  return rounding(a, 1);
}
export function builtin$floor(a: u32): u32 {
  return rounding(a, 2);
}

/** to_number: null -> 0, booleans -> 0/1, numbers as is, strings parsed (Go ParseFloat syntax subset). */
export function builtin$to_number(a: u32): u32 {
  let t = tag(a);
  if (t == T_NULL) return numInt(0);
  if (t == T_BOOL) return numInt(load<u8>(a, 1) != 0 ? 1 : 0);
  if (t == T_NUMBER) return a;
  if (t != T_STRING) return 0;
  let p = strPtr(a), n = strLen(a);
  if (n == 0) return 0;
  // accept [+-]digits[.digits][e[+-]digits], also ".5" and "5."; canonicalise to JSON text
  let i: u32 = 0;
  let neg = false;
  let c = load<u8>(p);
  if (c == 0x2b || c == 0x2d) {
    neg = c == 0x2d;
    i++;
  }
  let intStart = i;
  while (i < n && <u32>load<u8>(p + i) - 0x30 < 10) i++;
  let intDigits = i - intStart;
  let fracDigits: u32 = 0;
  if (i < n && load<u8>(p + i) == 0x2e) {
    i++;
    let fs = i;
    while (i < n && <u32>load<u8>(p + i) - 0x30 < 10) i++;
    fracDigits = i - fs;
  }
  if (intDigits + fracDigits == 0) return 0;
  if (i < n && (load<u8>(p + i) == 0x65 || load<u8>(p + i) == 0x45)) {
    i++;
    if (i < n && (load<u8>(p + i) == 0x2b || load<u8>(p + i) == 0x2d)) i++;
    let es = i;
    while (i < n && <u32>load<u8>(p + i) - 0x30 < 10) i++;
    if (i == es) return 0;
  }
  if (i != n) return 0;
  if (isJsonNumber(p, n)) return numberRef(p, n);
  let d = decParse(c == 0x2b || c == 0x2d ? p + 1 : p, c == 0x2b || c == 0x2d ? n - 1 : n);
  if (d == 0) return 0;
  if (decIsInt(d) && decExp(d) <= 400) {
    let m = decToMag(d);
    return numFromMag(neg, m, magLen);
  }
  let b = bufNew(32);
  if (neg) bufByte(b, 0x2d);
  bufByte(b, 0x30);
  bufByte(b, 0x2e);
  bufBytes(b, decDigits(d), decNd(d));
  bufByte(b, 0x65);
  bufI64(b, decExp(d));
  return numberRef(load<u32>(b), load<u32>(b, 4));
}

/** Integers from a to b inclusive, stepping by step (> 0), descending when a > b. */
function range(a: u32, b: u32, step: i64): u32 {
  let x = intOperand(a);
  if (!intOk) return 0;
  let y = intOperand(b);
  if (!intOk || step <= 0) return 0;
  let count = (x <= y ? y - x : x - y) / step + 1;
  if (count > 10000000) abortMsg("numbers.range: range too large");
  let r = newArray(<u32>count);
  for (let k: i64 = 0; k < count; k++) arrayAppend(r, numInt(x <= y ? x + k * step : x - k * step));
  return r;
}

export function builtin$numbers$range(a: u32, b: u32): u32 {
  return range(a, b, 1);
}

export function builtin$numbers$range_step(a: u32, b: u32, step: u32): u32 {
  let s = intOperand(step);
  if (!intOk) return 0;
  return range(a, b, s);
}
