// Growable byte buffer on the bump heap: {ptr @0, len @4, cap @8}.

import { malloc, realloc } from "./alloc";
import { str } from "./value";

export function bufNew(cap: u32): u32 {
  let b = malloc(12);
  if (cap < 16) cap = 16;
  store<u32>(b, malloc(cap));
  store<u32>(b, 0, 4);
  store<u32>(b, cap, 8);
  return b;
}

// @ts-ignore: decorator
@inline export function bufPtr(b: u32): u32 {
  return load<u32>(b);
}
// @ts-ignore: decorator
@inline export function bufLen(b: u32): u32 {
  return load<u32>(b, 4);
}

/** Reserves n more bytes and returns the write address. */
export function bufReserve(b: u32, n: u32): u32 {
  let ptr = load<u32>(b);
  let len = load<u32>(b, 4);
  let cap = load<u32>(b, 8);
  if (len + n > cap) {
    let ncap = cap * 2;
    if (ncap < len + n) ncap = len + n;
    ptr = realloc(ptr, cap, ncap);
    store<u32>(b, ptr);
    store<u32>(b, ncap, 8);
  }
  return ptr + len;
}

export function bufByte(b: u32, c: u32): void {
  let p = bufReserve(b, 1);
  store<u8>(p, <u8>c);
  store<u32>(b, load<u32>(b, 4) + 1, 4);
}

export function bufBytes(b: u32, src: u32, n: u32): void {
  if (n == 0) return;
  let p = bufReserve(b, n);
  memory.copy(p, src, n);
  store<u32>(b, load<u32>(b, 4) + n, 4);
}

/** Appends an ASCII literal. */
export function bufLit(b: u32, s: string): void {
  let n = <u32>s.length;
  let p = bufReserve(b, n);
  let src = changetype<usize>(s);
  for (let i: u32 = 0; i < n; i++) store<u8>(p + i, <u8>load<u16>(src + (i << 1)));
  store<u32>(b, load<u32>(b, 4) + n, 4);
}

export function bufRepeat(b: u32, c: u32, n: i32): void {
  if (n <= 0) return;
  let p = bufReserve(b, <u32>n);
  memory.fill(p, <u8>c, <u32>n);
  store<u32>(b, load<u32>(b, 4) + <u32>n, 4);
}

export function bufU64(b: u32, x: u64): void {
  let tmp = bufReserve(b, 20);
  // write digits backwards into a scratch area then move
  let n: u32 = 0;
  let t = x;
  do {
    n++;
    t /= 10;
  } while (t != 0);
  let i = n;
  do {
    i--;
    store<u8>(tmp + i, <u8>(0x30 + <u32>(x % 10)));
    x /= 10;
  } while (x != 0);
  store<u32>(b, load<u32>(b, 4) + n, 4);
}

export function bufI64(b: u32, x: i64): void {
  if (x < 0) {
    bufByte(b, 0x2d);
    bufU64(b, <u64>(-x)); // -MIN wraps to 2^63 as u64, which is right
  } else {
    bufU64(b, <u64>x);
  }
}

/** Truncates to len bytes. */
export function bufTruncate(b: u32, len: u32): void {
  store<u32>(b, len, 4);
}

/** The buffer's bytes as a string value. */
export function bufString(b: u32): u32 {
  return str(load<u32>(b), load<u32>(b, 4));
}

/** NUL-terminates and returns the start address. */
export function bufCStr(b: u32): u32 {
  bufByte(b, 0);
  return load<u32>(b);
}
