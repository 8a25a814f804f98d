// Helpers shared by builtin families (nothing here is exported from the module).

import { T_STRING, T_NUMBER, N_INT, N_FLOAT, tag, strPtr, strLen, numKind, numI64, numF64, numInt } from "../value";

export function isStr(v: u32): bool {
  return tag(v) == T_STRING;
}

/** OPA's IntOperand: an integer number (1.0 written as such is not). Sets intOk. */
export let intOk: bool = false;
export function intOperand(v: u32): i64 {
  intOk = false;
  if (tag(v) != T_NUMBER) return 0;
  let k = numKind(v);
  if (k == N_INT) {
    intOk = true;
    return numI64(v);
  }
  if (k == N_FLOAT) {
    let f = numF64(v);
    if (f == Math.trunc(f) && Math.abs(f) < 9.2e18) {
      intOk = true;
      return <i64>f;
    }
  }
  return 0;
}

export function startsWith(p: u32, n: u32, q: u32, m: u32): bool {
  if (m > n) return false;
  return memcmp(p, q, m);
}

export function endsWith(p: u32, n: u32, q: u32, m: u32): bool {
  if (m > n) return false;
  return memcmp(p + n - m, q, m);
}

export function memcmp(a: u32, b: u32, n: u32): bool {
  for (let i: u32 = 0; i < n; i++) if (load<u8>(a + i) != load<u8>(b + i)) return false;
  return true;
}

/** Byte index of the first occurrence of q in p, or -1. */
export function indexOf(p: u32, n: u32, q: u32, m: u32, from: u32): i32 {
  if (m == 0) return from <= n ? <i32>from : -1;
  if (m > n) return -1;
  let first = load<u8>(q);
  for (let i = from; i + m <= n; i++) {
    if (load<u8>(p + i) == first && memcmp(p + i, q, m)) return <i32>i;
  }
  return -1;
}

export function sPtr(v: u32): u32 {
  return strPtr(v);
}
export function sLen(v: u32): u32 {
  return strLen(v);
}

export function intValue(i: i64): u32 {
  return numInt(i);
}
