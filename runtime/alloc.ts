// Bump allocator with OPA's heap-pointer semantics: opa_heap_ptr_set(p)
// frees everything allocated at or above p. Memory grows on demand.

import { abortMsg } from "./abort";

/** Heap start; the backend patches this global's init expression to the end of its data segment. */
export let gwpc_heap_start: u32 = 0;

let heapPtr: u32 = 0;

// @ts-ignore: decorator
@inline function align8(n: u32): u32 {
  return (n + 7) & ~7;
}

function heapBase(): u32 {
  return gwpc_heap_start != 0 ? align8(gwpc_heap_start) : align8(<u32>__heap_base);
}

/** Bytes of memory known to exist (the host may grow memory too: re-read before growing). */
let memEnd: u32 = 0;

/** Makes memory cover `end` (inlined: the common case is one compare). */
// @ts-ignore: decorator
@inline function ensureMemory(end: u32): void {
  if (end > memEnd) growMemory(end);
}

/** Grows memory to cover `end`, doubling when it can (growing page by page is quadratic in V8). */
function growMemory(end: u32): void {
  let have = <u32>memory.size() << 16;
  memEnd = have;
  if (end > have) {
    let needed = <i32>((end - have + 0xffff) >>> 16);
    let current = memory.size();
    if (memory.grow(needed > current ? needed : current) < 0) {
      if (memory.grow(needed) < 0) abortMsg("gwpc: out of memory");
    }
    memEnd = <u32>memory.size() << 16;
  }
}

export function heapGet(): u32 {
  if (heapPtr == 0) heapPtr = heapBase();
  return heapPtr;
}

export function heapSet(p: u32): void {
  heapPtr = p;
}

/** Allocates size bytes, 8-aligned, zero-initialised is NOT guaranteed. */
export function malloc(size: u32): u32 {
  let p = heapPtr;
  if (p == 0) p = heapBase();
  let end = align8(p + size);
  if (end < p) abortMsg("gwpc: out of memory");
  ensureMemory(end);
  heapPtr = end;
  return p;
}

/**
 * malloc(16) with its common case inlined (hot value allocation in the JSON
 * parser): the heap is set up and has room.
 */
// @ts-ignore: decorator
@inline export function malloc16(): u32 {
  let p = heapPtr;
  let end = align8(p + 16);
  if (p == 0 || end > memEnd || end < p) return malloc(16);
  heapPtr = end;
  return p;
}

/** Allocates and zero-fills. */
export function calloc(size: u32): u32 {
  let p = malloc(size);
  memory.fill(p, 0, size);
  return p;
}

/** Grows a block; extends in place when it is the last allocation. */
export function realloc(p: u32, oldSize: u32, newSize: u32): u32 {
  if (p != 0 && align8(p + oldSize) == heapPtr) {
    let end = align8(p + newSize);
    ensureMemory(end);
    heapPtr = end;
    return p;
  }
  let q = malloc(newSize);
  if (oldSize > 0) memory.copy(q, p, oldSize < newSize ? oldSize : newSize);
  return q;
}
