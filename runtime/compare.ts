// OPA's total order: null < boolean < number < string < array < object < set.

import {
  T_NULL, T_BOOL, T_NUMBER, T_STRING, T_ARRAY, T_OBJECT, T_SET, tag, strLen, strPtr, collLen, arrayAt, objKeyAt,
  objValAt,
} from "./value";
import { numCompare } from "./number";

/**
 * Bytewise (unsigned, then shorter first) comparison. Eight bytes at a time:
 * the first differing word decides, and byte-swapping both words makes the
 * lowest-addressed byte the most significant, so an integer compare of the
 * swapped words orders them as the bytes would.
 */
export function bytesCompare(a: u32, al: u32, b: u32, bl: u32): i32 {
  let n = al < bl ? al : bl;
  let i: u32 = 0;
  if (a != b) {
    for (; i + 8 <= n; i += 8) {
      let x = load<u64>(a + i), y = load<u64>(b + i);
      if (x != y) return bswap<u64>(x) < bswap<u64>(y) ? -1 : 1;
    }
    for (; i < n; i++) {
      let x = load<u8>(a + i), y = load<u8>(b + i);
      if (x != y) return x < y ? -1 : 1;
    }
  }
  if (al == bl) return 0;
  return al < bl ? -1 : 1;
}

export function compare(a: u32, b: u32): i32 {
  if (a == b) return 0;
  let ta = tag(a), tb = tag(b);
  if (ta != tb) return ta < tb ? -1 : 1;
  switch (ta) {
    case T_NULL:
      return 0;
    case T_BOOL: {
      let x = load<u8>(a, 1), y = load<u8>(b, 1);
      return x == y ? 0 : x < y ? -1 : 1;
    }
    case T_NUMBER:
      return numCompare(a, b);
    case T_STRING:
      return bytesCompare(strPtr(a), strLen(a), strPtr(b), strLen(b));
    case T_ARRAY:
    case T_SET: {
      let na = collLen(a), nb = collLen(b);
      let n = na < nb ? na : nb;
      for (let i: u32 = 0; i < n; i++) {
        let c = compare(arrayAt(a, i), arrayAt(b, i));
        if (c != 0) return c;
      }
      return na == nb ? 0 : na < nb ? -1 : 1;
    }
    case T_OBJECT: {
      let na = collLen(a), nb = collLen(b);
      let n = na < nb ? na : nb;
      for (let i: u32 = 0; i < n; i++) {
        let c = compare(objKeyAt(a, i), objKeyAt(b, i));
        if (c != 0) return c;
        c = compare(objValAt(a, i), objValAt(b, i));
        if (c != 0) return c;
      }
      return na == nb ? 0 : na < nb ? -1 : 1;
    }
  }
  return 0;
}

export function equal(a: u32, b: u32): bool {
  if (a == b) return true;
  let t = tag(a);
  if (t != tag(b)) return false;
  if (t == T_STRING) {
    let n = strLen(a);
    if (n != strLen(b)) return false;
    return bytesCompare(strPtr(a), n, strPtr(b), n) == 0;
  }
  if ((t == T_ARRAY || t == T_OBJECT || t == T_SET) && collLen(a) != collLen(b)) return false;
  return compare(a, b) == 0;
}
