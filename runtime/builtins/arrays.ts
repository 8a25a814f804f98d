// array.concat array.slice array.reverse.

import { T_ARRAY, tag, collLen, collData, newArray, arrayFrom, arrayAppend } from "../value";
import { intOperand, intOk } from "./util";

export function builtin$array$concat(a: u32, b: u32): u32 {
  if (tag(a) != T_ARRAY || tag(b) != T_ARRAY) return 0;
  let na = collLen(a), nb = collLen(b);
  let r = newArray(na + nb);
  if (na > 0) memory.copy(collData(r), collData(a), na << 2);
  if (nb > 0) memory.copy(collData(r) + (na << 2), collData(b), nb << 2);
  store<u32>(r, na + nb, 4);
  return r;
}

/** array.slice(arr, start, stop): clamps like OPA. */
export function builtin$array$slice(a: u32, s: u32, e: u32): u32 {
  if (tag(a) != T_ARRAY) return 0;
  let start = intOperand(s);
  if (!intOk) return 0;
  let stop = intOperand(e);
  if (!intOk) return 0;
  let n = <i64>collLen(a);
  if (stop > n) stop = n;
  if (start < 0) start = 0;
  if (start > stop) start = stop;
  return arrayFrom(collData(a) + (<u32>start << 2), <u32>(stop - start));
}

export function builtin$array$reverse(a: u32): u32 {
  if (tag(a) != T_ARRAY) return 0;
  let n = collLen(a);
  let r = newArray(n);
  let src = collData(a), dst = collData(r);
  for (let i: u32 = 0; i < n; i++) store<u32>(dst + (i << 2), load<u32>(src + ((n - 1 - i) << 2)));
  store<u32>(r, n, 4);
  return r;
}

/** array.flatten: splices elements that are arrays, one level deep. */
export function builtin$array$flatten(a: u32): u32 {
  if (tag(a) != T_ARRAY) return 0;
  let n = collLen(a);
  let r = newArray(n);
  for (let i: u32 = 0; i < n; i++) {
    let x = load<u32>(collData(a) + (i << 2));
    if (tag(x) == T_ARRAY) {
      let m = collLen(x);
      for (let j: u32 = 0; j < m; j++) arrayAppend(r, load<u32>(collData(x) + (j << 2)));
    } else arrayAppend(r, x);
  }
  return r;
}
