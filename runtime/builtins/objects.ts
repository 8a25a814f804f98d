// object.get object.keys object.remove object.union object.filter, membership.

import {
  T_ARRAY, T_OBJECT, T_SET, tag, collLen, arrayAt, objKeyAt, objValAt, newObject, newSet, boolOf, collData,
} from "../value";
import { objectGet, objectInsert, objectCopy, setHas, valueGet, search } from "../collections";
import { equal } from "../compare";

/** object.get(object, key, default); key may be an array path. */
export function builtin$object$get(o: u32, k: u32, d: u32): u32 {
  if (tag(o) != T_OBJECT) return 0;
  if (tag(k) != T_ARRAY) {
    let v = objectGet(o, k);
    return v != 0 ? v : d;
  }
  let n = collLen(k);
  let cur = o;
  for (let i: u32 = 0; i < n; i++) {
    let t = tag(cur);
    if (t != T_OBJECT && t != T_ARRAY && t != T_SET) return d;
    cur = valueGet(cur, arrayAt(k, i));
    if (cur == 0) return d;
  }
  return cur;
}

export function builtin$object$keys(o: u32): u32 {
  if (tag(o) != T_OBJECT) return 0;
  let n = collLen(o);
  let s = newSet(n);
  let data = collData(s);
  for (let i: u32 = 0; i < n; i++) store<u32>(data + (i << 2), objKeyAt(o, i));
  store<u32>(s, n, 4);
  return s;
}

/** Does coll (array, set or object keys) contain k? */
function keyIn(coll: u32, k: u32): bool {
  let t = tag(coll);
  if (t == T_SET) return setHas(coll, k);
  if (t == T_OBJECT) return search(coll, k, 8) >= 0;
  let n = collLen(coll);
  for (let i: u32 = 0; i < n; i++) if (equal(arrayAt(coll, i), k)) return true;
  return false;
}

function filterKeys(o: u32, keys: u32, keep: bool): u32 {
  if (tag(o) != T_OBJECT) return 0;
  let t = tag(keys);
  if (t != T_ARRAY && t != T_SET && t != T_OBJECT) return 0;
  let n = collLen(o);
  let r = newObject(n);
  let data = collData(r);
  let w: u32 = 0;
  for (let i: u32 = 0; i < n; i++) {
    let k = objKeyAt(o, i);
    if (keyIn(keys, k) == keep) {
      store<u32>(data + (w << 3), k);
      store<u32>(data + (w << 3), objValAt(o, i), 4);
      w++;
    }
  }
  store<u32>(r, w, 4);
  return r;
}

export function builtin$object$remove(o: u32, keys: u32): u32 {
  return filterKeys(o, keys, false);
}
export function builtin$object$filter(o: u32, keys: u32): u32 {
  return filterKeys(o, keys, true);
}

/** Recursive union; b wins on conflicts (OPA's object.union). */
function union(a: u32, b: u32): u32 {
  let r = objectCopy(a);
  let n = collLen(b);
  for (let i: u32 = 0; i < n; i++) {
    let k = objKeyAt(b, i);
    let bv = objValAt(b, i);
    let av = objectGet(a, k);
    if (av != 0 && tag(av) == T_OBJECT && tag(bv) == T_OBJECT) objectInsert(r, k, union(av, bv));
    else objectInsert(r, k, bv);
  }
  return r;
}

export function builtin$object$union(a: u32, b: u32): u32 {
  if (tag(a) != T_OBJECT || tag(b) != T_OBJECT) return 0;
  return union(a, b);
}

/** x in coll */
export function builtin$internal$member_2(x: u32, coll: u32): u32 {
  let t = tag(coll);
  if (t == T_SET) return boolOf(setHas(coll, x));
  if (t == T_ARRAY || t == T_OBJECT) {
    let n = collLen(coll);
    for (let i: u32 = 0; i < n; i++) {
      if (equal(t == T_ARRAY ? arrayAt(coll, i) : objValAt(coll, i), x)) return boolOf(true);
    }
  }
  return boolOf(false);
}

/** k, v in coll */
export function builtin$internal$member_3(k: u32, v: u32, coll: u32): u32 {
  let t = tag(coll);
  if (t != T_ARRAY && t != T_OBJECT && t != T_SET) return boolOf(false);
  let x = valueGet(coll, k);
  return boolOf(x != 0 && equal(x, v));
}

/** object.union_n(array of objects): left to right, later objects win. */
export function builtin$object$union_n(a: u32): u32 {
  if (tag(a) != T_ARRAY) return 0;
  let n = collLen(a);
  let r = newObject(0);
  for (let i: u32 = 0; i < n; i++) {
    let o = arrayAt(a, i);
    if (tag(o) != T_OBJECT) return 0;
    r = union(r, o);
  }
  return r;
}
