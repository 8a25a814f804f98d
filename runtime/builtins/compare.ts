// Comparison operators as builtins (the IR calls them by these names).

import { boolOf } from "../value";
import { compare, equal } from "../compare";

export function builtin$equal(a: u32, b: u32): u32 {
  return boolOf(equal(a, b));
}
export function builtin$neq(a: u32, b: u32): u32 {
  return boolOf(!equal(a, b));
}
export function builtin$lt(a: u32, b: u32): u32 {
  return boolOf(compare(a, b) < 0);
}
export function builtin$lte(a: u32, b: u32): u32 {
  return boolOf(compare(a, b) <= 0);
}
export function builtin$gt(a: u32, b: u32): u32 {
  return boolOf(compare(a, b) > 0);
}
export function builtin$gte(a: u32, b: u32): u32 {
  return boolOf(compare(a, b) >= 0);
}
