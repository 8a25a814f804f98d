// Sorted objects and sets: binary search lookup and insertion; sorting.

import { malloc } from "./alloc";
import {
  T_ARRAY, T_OBJECT, T_SET, T_NUMBER, tag, collLen, collData, collReserve, arrayAt, objKeyAt, objValAt, newObject,
  newSet,
} from "./value";
import { compare, equal } from "./compare";
import { numToI64, numOk } from "./number";

/** Index of key, or -(insertion point) - 1. stride: 4 (set) or 8 (object). */
export function search(v: u32, key: u32, stride: u32): i32 {
  let lo: i32 = 0;
  let hi = <i32>collLen(v) - 1;
  let data = collData(v);
  while (lo <= hi) {
    let mid = (lo + hi) >>> 1;
    let c = compare(load<u32>(data + <u32>mid * stride), key);
    if (c == 0) return mid;
    if (c < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return -lo - 1;
}

function insertAt(v: u32, idx: u32, stride: u32): u32 {
  let data = collReserve(v, stride);
  let len = collLen(v);
  let at = data + idx * stride;
  if (idx < len) memory.copy(at + stride, at, (len - idx) * stride);
  store<u32>(v, len + 1, 4);
  return at;
}

export function objectInsert(o: u32, k: u32, val: u32): void {
  let n = collLen(o);
  // fast path: appending in order
  if (n == 0 || compare(objKeyAt(o, n - 1), k) < 0) {
    let at = insertAt(o, n, 8);
    store<u32>(at, k);
    store<u32>(at, val, 4);
    return;
  }
  let i = search(o, k, 8);
  if (i >= 0) {
    store<u32>(collData(o) + (<u32>i << 3), val, 4);
    return;
  }
  let at = insertAt(o, <u32>(-i - 1), 8);
  store<u32>(at, k);
  store<u32>(at, val, 4);
}

/** 0 = inserted (or the same value was there), 1 = conflict. */
export function objectInsertOnce(o: u32, k: u32, val: u32): i32 {
  let i = search(o, k, 8);
  if (i >= 0) return equal(objValAt(o, <u32>i), val) ? 0 : 1;
  let at = insertAt(o, <u32>(-i - 1), 8);
  store<u32>(at, k);
  store<u32>(at, val, 4);
  return 0;
}

export function setAdd(s: u32, x: u32): void {
  let n = collLen(s);
  if (n == 0 || compare(arrayAt(s, n - 1), x) < 0) {
    store<u32>(insertAt(s, n, 4), x);
    return;
  }
  let i = search(s, x, 4);
  if (i >= 0) return;
  store<u32>(insertAt(s, <u32>(-i - 1), 4), x);
}

export function objectGet(o: u32, k: u32): u32 {
  let i = search(o, k, 8);
  return i >= 0 ? objValAt(o, <u32>i) : 0;
}

export function setHas(s: u32, x: u32): bool {
  return search(s, x, 4) >= 0;
}

/** opa_value_get semantics. */
export function valueGet(v: u32, k: u32): u32 {
  let t = tag(v);
  if (t == T_OBJECT) return objectGet(v, k);
  if (t == T_SET) {
    let i = search(v, k, 4);
    return i >= 0 ? arrayAt(v, <u32>i) : 0;
  }
  if (t == T_ARRAY && tag(k) == T_NUMBER) {
    let i = numToI64(k);
    if (!numOk || i < 0 || i >= <i64>collLen(v)) return 0;
    return arrayAt(v, <u32>i);
  }
  return 0;
}

// ---- sorting (stable merge sort on u32 words; the first word of each element is the sort key)

export function sortWords(data: u32, n: u32, stride: u32): void {
  if (n < 2) return;
  let tmp = malloc(n * stride);
  mergeSort(data, tmp, 0, n, stride);
}

function mergeSort(a: u32, tmp: u32, lo: u32, hi: u32, stride: u32): void {
  if (hi - lo <= 8) {
    // insertion sort
    for (let i = lo + 1; i < hi; i++) {
      let k = load<u32>(a + i * stride);
      let v2: u32 = stride == 8 ? load<u32>(a + i * stride, 4) : 0;
      let j = i;
      while (j > lo && compare(load<u32>(a + (j - 1) * stride), k) > 0) {
        memory.copy(a + j * stride, a + (j - 1) * stride, stride);
        j--;
      }
      store<u32>(a + j * stride, k);
      if (stride == 8) store<u32>(a + j * stride, v2, 4);
    }
    return;
  }
  let mid = (lo + hi) >>> 1;
  mergeSort(a, tmp, lo, mid, stride);
  mergeSort(a, tmp, mid, hi, stride);
  if (compare(load<u32>(a + (mid - 1) * stride), load<u32>(a + mid * stride)) <= 0) return;
  memory.copy(tmp + lo * stride, a + lo * stride, (hi - lo) * stride);
  let i = lo, j = mid, k = lo;
  while (i < mid && j < hi) {
    if (compare(load<u32>(tmp + j * stride), load<u32>(tmp + i * stride)) < 0) {
      memory.copy(a + k * stride, tmp + j * stride, stride);
      j++;
    } else {
      memory.copy(a + k * stride, tmp + i * stride, stride);
      i++;
    }
    k++;
  }
  if (i < mid) memory.copy(a + k * stride, tmp + i * stride, (mid - i) * stride);
  if (j < hi) memory.copy(a + k * stride, tmp + j * stride, (hi - j) * stride);
}

/**
 * Sorts a collection's data and removes duplicate keys, keeping the last
 * occurrence (JSON duplicate keys: last wins).
 */
export function sortDedupe(v: u32, stride: u32): void {
  let n = collLen(v);
  let data = collData(v);
  // already strictly sorted?
  let sorted = true;
  for (let i: u32 = 1; i < n; i++) {
    if (compare(load<u32>(data + (i - 1) * stride), load<u32>(data + i * stride)) >= 0) {
      sorted = false;
      break;
    }
  }
  if (sorted) return;
  sortWords(data, n, stride);
  let w: u32 = 0;
  for (let i: u32 = 0; i < n; i++) {
    if (i + 1 < n && compare(load<u32>(data + i * stride), load<u32>(data + (i + 1) * stride)) == 0) continue;
    if (w != i) memory.copy(data + w * stride, data + i * stride, stride);
    w++;
  }
  store<u32>(v, w, 4);
}

/** A set of the elements of an array (or set). */
export function setOfElems(src: u32): u32 {
  let n = collLen(src);
  let s = newSet(n);
  if (n > 0) memory.copy(collData(s), collData(src), n << 2);
  store<u32>(s, n, 4);
  sortDedupe(s, 4);
  return s;
}

export function objectCopy(o: u32): u32 {
  let n = collLen(o);
  let r = newObject(n);
  if (n > 0) memory.copy(collData(r), collData(o), n << 3);
  store<u32>(r, n, 4);
  return r;
}

/** Elements of set a not in set b. */
export function setDiff(a: u32, b: u32): u32 {
  let n = collLen(a);
  let r = newSet(n);
  let w: u32 = 0;
  let data = load<u32>(r, 12);
  for (let i: u32 = 0; i < n; i++) {
    let x = arrayAt(a, i);
    if (!setHas(b, x)) {
      store<u32>(data + (w << 2), x);
      w++;
    }
  }
  store<u32>(r, w, 4);
  return r;
}


/** Elements of set a also in set b. */
export function setAnd(a: u32, b: u32): u32 {
  let n = collLen(a);
  let r = newSet(n);
  let w: u32 = 0;
  let data = collData(r);
  for (let i: u32 = 0; i < n; i++) {
    let x = arrayAt(a, i);
    if (setHas(b, x)) {
      store<u32>(data + (w << 2), x);
      w++;
    }
  }
  store<u32>(r, w, 4);
  return r;
}

/** Union of two sets (linear merge of sorted elements). */
export function setOr(a: u32, b: u32): u32 {
  let na = collLen(a), nb = collLen(b);
  let r = newSet(na + nb);
  let data = collData(r);
  let i: u32 = 0, j: u32 = 0, w: u32 = 0;
  while (i < na || j < nb) {
    let x: u32;
    if (i >= na) x = arrayAt(b, j++);
    else if (j >= nb) x = arrayAt(a, i++);
    else {
      let c = compare(arrayAt(a, i), arrayAt(b, j));
      if (c < 0) x = arrayAt(a, i++);
      else if (c > 0) x = arrayAt(b, j++);
      else {
        x = arrayAt(a, i++);
        j++;
      }
    }
    store<u32>(data + (w << 2), x);
    w++;
  }
  store<u32>(r, w, 4);
  return r;
}
