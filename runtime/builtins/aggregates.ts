// count sum product max min sort.

import { T_ARRAY, T_OBJECT, T_SET, T_STRING, T_NUMBER, tag, collLen, arrayAt, numInt, strPtr, strLen, arrayFrom, collData } from "../value";
import { numAdd, numMul } from "../number";
import { compare } from "../compare";
import { runeCount } from "../utf8";
import { sortWords } from "../collections";

export function builtin$count(v: u32): u32 {
  let t = tag(v);
  if (t == T_ARRAY || t == T_OBJECT || t == T_SET) return numInt(collLen(v));
  if (t == T_STRING) return numInt(runeCount(strPtr(v), strLen(v)));
  return 0;
}

function fold(v: u32, mul: bool): u32 {
  let t = tag(v);
  if (t != T_ARRAY && t != T_SET) return 0;
  let n = collLen(v);
  let acc = numInt(mul ? 1 : 0);
  for (let i: u32 = 0; i < n; i++) {
    let x = arrayAt(v, i);
    if (tag(x) != T_NUMBER) return 0;
    acc = mul ? numMul(acc, x) : numAdd(acc, x);
    if (acc == 0) return 0;
  }
  return acc;
}

export function builtin$sum(v: u32): u32 {
  return fold(v, false);
}
export function builtin$product(v: u32): u32 {
  return fold(v, true);
}

function extreme(v: u32, max: bool): u32 {
  let t = tag(v);
  if (t != T_ARRAY && t != T_SET) return 0;
  let n = collLen(v);
  if (n == 0) return 0;
  if (t == T_SET) return arrayAt(v, max ? n - 1 : 0);
  let best = arrayAt(v, 0);
  for (let i: u32 = 1; i < n; i++) {
    let x = arrayAt(v, i);
    let c = compare(x, best);
    if (max ? c > 0 : c < 0) best = x;
  }
  return best;
}

export function builtin$max(v: u32): u32 {
  return extreme(v, true);
}
export function builtin$min(v: u32): u32 {
  return extreme(v, false);
}

export function builtin$sort(v: u32): u32 {
  let t = tag(v);
  if (t == T_SET) return arrayFrom(collData(v), collLen(v));
  if (t != T_ARRAY) return 0;
  let a = arrayFrom(collData(v), collLen(v));
  sortWords(collData(a), collLen(a), 4);
  return a;
}
