// Value representation (see API.md): tagged structs on the bump heap.

import { malloc, realloc } from "./alloc";

export const T_NULL: u8 = 1;
export const T_BOOL: u8 = 2;
export const T_NUMBER: u8 = 3;
export const T_STRING: u8 = 4;
export const T_ARRAY: u8 = 5;
export const T_OBJECT: u8 = 6;
export const T_SET: u8 = 7;

export const N_INT: u8 = 0;
export const N_FLOAT: u8 = 1;
export const N_REF: u8 = 2;

// Static singletons (never on the heap, so they survive heap resets).
export const NULL_V: u32 = <u32>memory.data<u8>([1, 0, 0, 0, 0, 0, 0, 0], 8);
export const FALSE_V: u32 = <u32>memory.data<u8>([2, 0, 0, 0, 0, 0, 0, 0], 8);
export const TRUE_V: u32 = <u32>memory.data<u8>([2, 1, 0, 0, 0, 0, 0, 0], 8);

// @ts-ignore: decorator
@inline export function tag(v: u32): u8 {
  return load<u8>(v);
}

// @ts-ignore: decorator
@inline export function boolOf(b: bool): u32 {
  return b ? TRUE_V : FALSE_V;
}

// ---- numbers: u8 tag, u8 kind @1, u32 len @4, payload @8

export function numInt(i: i64): u32 {
  let v = malloc(16);
  store<u8>(v, T_NUMBER);
  store<u8>(v, N_INT, 1);
  store<u32>(v, 0, 4);
  store<i64>(v, i, 8);
  return v;
}

export function numFloat(f: f64): u32 {
  let v = malloc(16);
  store<u8>(v, T_NUMBER);
  store<u8>(v, N_FLOAT, 1);
  store<u32>(v, 0, 4);
  store<f64>(v, f, 8);
  return v;
}

/** A number kept as its JSON text (not copied). */
export function numRefRaw(ptr: u32, len: u32): u32 {
  let v = malloc(16);
  store<u8>(v, T_NUMBER);
  store<u8>(v, N_REF, 1);
  store<u32>(v, len, 4);
  store<u32>(v, ptr, 8);
  return v;
}

// @ts-ignore: decorator
@inline export function numKind(v: u32): u8 {
  return load<u8>(v, 1);
}
// @ts-ignore: decorator
@inline export function numI64(v: u32): i64 {
  return load<i64>(v, 8);
}
// @ts-ignore: decorator
@inline export function numF64(v: u32): f64 {
  return load<f64>(v, 8);
}
// @ts-ignore: decorator
@inline export function refPtr(v: u32): u32 {
  return load<u32>(v, 8);
}
// @ts-ignore: decorator
@inline export function refLen(v: u32): u32 {
  return load<u32>(v, 4);
}

// ---- strings: u8 tag, u32 len @4, u32 ptr @8

export function str(ptr: u32, len: u32): u32 {
  let v = malloc(16);
  store<u8>(v, T_STRING);
  store<u32>(v, len, 4);
  store<u32>(v, ptr, 8);
  return v;
}

// @ts-ignore: decorator
@inline export function strLen(v: u32): u32 {
  return load<u32>(v, 4);
}
// @ts-ignore: decorator
@inline export function strPtr(v: u32): u32 {
  return load<u32>(v, 8);
}

/** A string value holding a copy of an ASCII literal. */
export function strLit(s: string): u32 {
  let n = <u32>s.length;
  let p = malloc(n);
  let src = changetype<usize>(s);
  for (let i: u32 = 0; i < n; i++) store<u8>(p + i, <u8>load<u16>(src + (i << 1)));
  return str(p, n);
}

// ---- collections: u8 tag, u32 len @4, u32 cap @8, u32 data @12
// arrays and sets: data = u32 value pointers; objects: (key, value) pairs.

// @ts-ignore: decorator
@inline export function collLen(v: u32): u32 {
  return load<u32>(v, 4);
}
// @ts-ignore: decorator
@inline export function collData(v: u32): u32 {
  return load<u32>(v, 12);
}

function newColl(t: u8, cap: u32, stride: u32): u32 {
  let v = malloc(16);
  store<u8>(v, t);
  store<u32>(v, 0, 4);
  store<u32>(v, cap, 8);
  store<u32>(v, cap > 0 ? malloc(cap * stride) : 0, 12);
  return v;
}

export function newArray(cap: u32): u32 {
  return newColl(T_ARRAY, cap, 4);
}
export function newObject(cap: u32): u32 {
  return newColl(T_OBJECT, cap, 8);
}
export function newSet(cap: u32): u32 {
  return newColl(T_SET, cap, 4);
}

/** Makes room for one more element of `stride` bytes; returns the data pointer. */
export function collReserve(v: u32, stride: u32): u32 {
  let len = load<u32>(v, 4);
  let cap = load<u32>(v, 8);
  let data = load<u32>(v, 12);
  if (len < cap) return data;
  let ncap = cap < 4 ? 4 : cap * 2;
  data = realloc(data, cap * stride, ncap * stride);
  store<u32>(v, ncap, 8);
  store<u32>(v, data, 12);
  return data;
}

export function arrayAppend(a: u32, x: u32): void {
  let data = collReserve(a, 4);
  let len = load<u32>(a, 4);
  store<u32>(data + (len << 2), x);
  store<u32>(a, len + 1, 4);
}

// @ts-ignore: decorator
@inline export function arrayAt(a: u32, i: u32): u32 {
  return load<u32>(load<u32>(a, 12) + (i << 2));
}
// @ts-ignore: decorator
@inline export function objKeyAt(o: u32, i: u32): u32 {
  return load<u32>(load<u32>(o, 12) + (i << 3));
}
// @ts-ignore: decorator
@inline export function objValAt(o: u32, i: u32): u32 {
  return load<u32>(load<u32>(o, 12) + (i << 3), 4);
}

/** Array of the given u32 pointers' length copied from data. */
export function arrayFrom(data: u32, n: u32): u32 {
  let a = newArray(n);
  if (n > 0) memory.copy(collData(a), data, n << 2);
  store<u32>(a, n, 4);
  return a;
}
