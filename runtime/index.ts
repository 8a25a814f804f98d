// The runtime's export surface (see API.md). Everything exported here is a
// wasm export; builtins are re-exported from builtins/*.ts as builtin$<name>
// and renamed to "builtin:<name>" by scripts/build-runtime.mjs.

import { malloc, heapGet, heapSet } from "./alloc";
import { opa_abort } from "./abort";
import {
  T_ARRAY, T_OBJECT, T_SET, T_STRING, NULL_V, TRUE_V, tag, boolOf, numInt, numFloat, str, newArray, newObject, newSet,
  arrayAppend, collLen, arrayAt, objKeyAt, objValAt, strLen,
} from "./value";
import { numberRef, numToI64, numOk } from "./number";
import { compare, equal } from "./compare";
import { objectInsert, objectInsertOnce, setAdd, valueGet, search, objectCopy, objectGet } from "./collections";
import { jsonParse, jsonDump } from "./json";
import { regoDump } from "./regotext";

export { gwpc_heap_start } from "./alloc";

export const opa_wasm_abi_version: i32 = 1;
export const opa_wasm_abi_minor_version: i32 = 2;

// ---- host builtins (wrappers keep the imports alive; the backend may call either)

// @ts-ignore: decorator
@external("env", "opa_println") declare function opa_println(addr: u32): void;
// @ts-ignore: decorator
@external("env", "opa_builtin0") declare function opa_builtin0(id: u32, ctx: u32): u32;
// @ts-ignore: decorator
@external("env", "opa_builtin1") declare function opa_builtin1(id: u32, ctx: u32, a: u32): u32;
// @ts-ignore: decorator
@external("env", "opa_builtin2") declare function opa_builtin2(id: u32, ctx: u32, a: u32, b: u32): u32;
// @ts-ignore: decorator
@external("env", "opa_builtin3") declare function opa_builtin3(id: u32, ctx: u32, a: u32, b: u32, c: u32): u32;
// @ts-ignore: decorator
@external("env", "opa_builtin4") declare function opa_builtin4(id: u32, ctx: u32, a: u32, b: u32, c: u32, d: u32): u32;

export function gwpc_abort(addr: u32): void {
  opa_abort(addr);
  unreachable();
}
export function gwpc_println(addr: u32): void {
  opa_println(addr);
}
export function gwpc_builtin0(id: u32, ctx: u32): u32 {
  return opa_builtin0(id, ctx);
}
export function gwpc_builtin1(id: u32, ctx: u32, a: u32): u32 {
  return opa_builtin1(id, ctx, a);
}
export function gwpc_builtin2(id: u32, ctx: u32, a: u32, b: u32): u32 {
  return opa_builtin2(id, ctx, a, b);
}
export function gwpc_builtin3(id: u32, ctx: u32, a: u32, b: u32, c: u32): u32 {
  return opa_builtin3(id, ctx, a, b, c);
}
export function gwpc_builtin4(id: u32, ctx: u32, a: u32, b: u32, c: u32, d: u32): u32 {
  return opa_builtin4(id, ctx, a, b, c, d);
}

// ---- allocator

export function opa_malloc(size: u32): u32 {
  return malloc(size);
}
export function opa_free(ptr: u32): void {}
export function opa_heap_ptr_get(): u32 {
  return heapGet();
}
export function opa_heap_ptr_set(ptr: u32): void {
  heapSet(ptr);
}

// ---- constructors

export function opa_value_null(): u32 {
  return NULL_V;
}
export function opa_boolean(b: i32): u32 {
  return boolOf(b != 0);
}
export function opa_number_int(i: i64): u32 {
  return numInt(i);
}
export function opa_number_float(f: f64): u32 {
  return numFloat(f);
}
export function opa_number_ref(ptr: u32, len: u32): u32 {
  return numberRef(ptr, len);
}
export function opa_string(ptr: u32, len: u32): u32 {
  return str(ptr, len);
}
export function opa_array(): u32 {
  return newArray(0);
}
export function opa_array_with_cap(cap: u32): u32 {
  return newArray(cap);
}
export function opa_array_append(arr: u32, v: u32): void {
  arrayAppend(arr, v);
}
export function opa_object(): u32 {
  return newObject(0);
}
export function opa_object_insert(obj: u32, k: u32, v: u32): void {
  objectInsert(obj, k, v);
}
export function gwpc_object_insert_once(obj: u32, k: u32, v: u32): i32 {
  return objectInsertOnce(obj, k, v);
}
export function opa_set(): u32 {
  return newSet(0);
}
export function opa_set_add(set: u32, v: u32): void {
  setAdd(set, v);
}

// ---- access

export function opa_value_type(v: u32): i32 {
  return tag(v);
}
export function opa_value_length(v: u32): u32 {
  let t = tag(v);
  if (t == T_ARRAY || t == T_OBJECT || t == T_SET) return collLen(v);
  if (t == T_STRING) return strLen(v);
  return 0;
}
export function opa_value_get(v: u32, k: u32): u32 {
  return valueGet(v, k);
}
export function opa_value_iter(v: u32, prev: u32): u32 {
  let t = tag(v);
  let n = collLen(v);
  if (t == T_ARRAY) {
    if (prev == 0) return n > 0 ? numInt(0) : 0;
    let i = numToI64(prev);
    if (!numOk || i + 1 >= <i64>n) return 0;
    return numInt(i + 1);
  }
  if (t == T_OBJECT || t == T_SET) {
    let stride: u32 = t == T_OBJECT ? 8 : 4;
    if (prev == 0) return n > 0 ? objOrSetKey(v, 0, stride) : 0;
    let i = search(v, prev, stride);
    let next: u32 = i >= 0 ? <u32>i + 1 : <u32>(-i - 1);
    return next < n ? objOrSetKey(v, next, stride) : 0;
  }
  return 0;
}
function objOrSetKey(v: u32, i: u32, stride: u32): u32 {
  return stride == 8 ? objKeyAt(v, i) : arrayAt(v, i);
}
export function gwpc_value_at(v: u32, i: u32): u32 {
  let t = tag(v);
  if (i >= collLen(v)) return 0;
  if (t == T_OBJECT) return objValAt(v, i);
  if (t == T_ARRAY || t == T_SET) return arrayAt(v, i);
  return 0;
}
export function gwpc_value_key_at(v: u32, i: u32): u32 {
  let t = tag(v);
  if (i >= collLen(v)) return 0;
  if (t == T_OBJECT) return objKeyAt(v, i);
  if (t == T_SET) return arrayAt(v, i);
  if (t == T_ARRAY) return numInt(i);
  return 0;
}
export function opa_value_compare(a: u32, b: u32): i32 {
  return compare(a, b);
}
export function opa_value_equal(a: u32, b: u32): i32 {
  return equal(a, b) ? 1 : 0;
}
export function gwpc_value_is_true(v: u32): i32 {
  return v == TRUE_V ? 1 : 0;
}
export function opa_value_merge(a: u32, b: u32): u32 {
  return merge(a, b);
}
function merge(a: u32, b: u32): u32 {
  if (a == 0) return b;
  if (tag(a) != T_OBJECT || tag(b) != T_OBJECT) return 0;
  let r = objectCopy(a);
  let n = collLen(b);
  for (let i: u32 = 0; i < n; i++) {
    let k = objKeyAt(b, i);
    let bv = objValAt(b, i);
    let av = objectGet(a, k);
    if (av == 0) objectInsert(r, k, bv);
    else {
      let m = merge(av, bv);
      if (m == 0) return 0;
      objectInsert(r, k, m);
    }
  }
  return r;
}
/**
 * Copy-on-write path update for `with`: base with base[path[0]]...[path[n-1]]
 * set to v, copying only the objects along the path (base is not mutated).
 * Missing or non-object intermediates become objects. An empty path gives v.
 * 0 when path is not an array.
 */
export function gwpc_value_upsert(base: u32, path: u32, v: u32): u32 {
  if (tag(path) != T_ARRAY) return 0;
  return upsert(base, path, 0, v);
}
function upsert(base: u32, path: u32, i: u32, v: u32): u32 {
  if (i >= collLen(path)) return v;
  let k = arrayAt(path, i);
  let r = base != 0 && tag(base) == T_OBJECT ? objectCopy(base) : newObject(1);
  let child = base != 0 && tag(base) == T_OBJECT ? objectGet(base, k) : 0;
  objectInsert(r, k, upsert(child, path, i + 1, v));
  return r;
}

export function opa_value_shallow_copy(v: u32): u32 {
  let t = tag(v);
  if (t == T_OBJECT) return objectCopy(v);
  if (t == T_ARRAY || t == T_SET) {
    let n = collLen(v);
    let r = t == T_ARRAY ? newArray(n) : newSet(n);
    for (let i: u32 = 0; i < n; i++) arrayAppend(r, arrayAt(v, i));
    return r;
  }
  return v;
}

// ---- JSON

export function opa_json_parse(ptr: u32, len: u32): u32 {
  return jsonParse(ptr, len);
}
export function opa_value_parse(ptr: u32, len: u32): u32 {
  return jsonParse(ptr, len);
}
export function opa_json_dump(v: u32): u32 {
  return jsonDump(v);
}
export function opa_value_dump(v: u32): u32 {
  return regoDump(v);
}

// ---- builtins

export * from "./builtins/types";
export * from "./builtins/compare";
export * from "./builtins/arith";
export * from "./builtins/sets";
export * from "./builtins/aggregates";
export * from "./builtins/strings";
export * from "./builtins/objects";
export * from "./builtins/arrays";
export * from "./builtins/encoding";
export * from "./builtins/sprintf";
export * from "./builtins/regex";
export * from "./builtins/glob";
