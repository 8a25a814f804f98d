// Type tests: is_*, type_name.

import { T_NULL, T_BOOL, T_NUMBER, T_STRING, T_ARRAY, T_OBJECT, T_SET, tag, boolOf, strLit } from "../value";

export function builtin$is_null(v: u32): u32 {
  return boolOf(tag(v) == T_NULL);
}
export function builtin$is_boolean(v: u32): u32 {
  return boolOf(tag(v) == T_BOOL);
}
export function builtin$is_number(v: u32): u32 {
  return boolOf(tag(v) == T_NUMBER);
}
export function builtin$is_string(v: u32): u32 {
  return boolOf(tag(v) == T_STRING);
}
export function builtin$is_array(v: u32): u32 {
  return boolOf(tag(v) == T_ARRAY);
}
export function builtin$is_object(v: u32): u32 {
  return boolOf(tag(v) == T_OBJECT);
}
export function builtin$is_set(v: u32): u32 {
  return boolOf(tag(v) == T_SET);
}
export function builtin$type_name(v: u32): u32 {
  switch (tag(v)) {
    case T_NULL: return strLit("null");
    case T_BOOL: return strLit("boolean");
    case T_NUMBER: return strLit("number");
    case T_STRING: return strLit("string");
    case T_ARRAY: return strLit("array");
    case T_OBJECT: return strLit("object");
    case T_SET: return strLit("set");
  }
  return 0;
}
