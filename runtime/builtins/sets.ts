// Set operators and the set-of-sets functions.

import { T_SET, tag, collLen, arrayAt, newSet } from "../value";
import { setAnd, setOr } from "../collections";

export function builtin$and(a: u32, b: u32): u32 {
  if (tag(a) != T_SET || tag(b) != T_SET) return 0;
  return setAnd(a, b);
}

export function builtin$or(a: u32, b: u32): u32 {
  if (tag(a) != T_SET || tag(b) != T_SET) return 0;
  return setOr(a, b);
}

/** intersection(set of sets) */
export function builtin$intersection(s: u32): u32 {
  if (tag(s) != T_SET) return 0;
  let n = collLen(s);
  for (let i: u32 = 0; i < n; i++) if (tag(arrayAt(s, i)) != T_SET) return 0;
  if (n == 0) return newSet(0);
  let r = arrayAt(s, 0);
  for (let i: u32 = 1; i < n; i++) r = setAnd(r, arrayAt(s, i));
  return r;
}

/** union(set of sets) */
export function builtin$union(s: u32): u32 {
  if (tag(s) != T_SET) return 0;
  let n = collLen(s);
  let r = newSet(0);
  for (let i: u32 = 0; i < n; i++) {
    let x = arrayAt(s, i);
    if (tag(x) != T_SET) return 0;
    r = setOr(r, x);
  }
  return r;
}
