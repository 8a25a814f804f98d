// Thompson NFA over UTF-8 runes, run as a Pike VM (linear time). Used by
// regex.match and glob.match, whose parsers build the AST nodes below.

import { malloc } from "./alloc";
import { abortWith } from "./abort";
import { bufNew, bufReserve, bufPtr, bufLen } from "./buf";
import { decodeRune, runeWidth } from "./utf8";

// ---- AST nodes (20 bytes: kind, a, b, c, d), referenced by address

export const N_EMPTY = 0;
export const N_LIT = 1; // a = rune
export const N_CLASS = 2; // a = ranges ptr (i32 pairs), b = count
export const N_ANY = 3; // a = 1 if it matches \n
export const N_CAT = 4; // a, b
export const N_ALT = 5; // a, b
export const N_REP = 6; // a = child, b = min, c = max (-1 = unbounded)
export const N_ASSERT = 7; // a = assertion kind

export const A_BOT = 1; // beginning of text
export const A_EOT = 2; // end of text
export const A_BOL = 3; // beginning of line (multi-line ^)
export const A_EOL = 4; // end of line (multi-line $)
export const A_WORD = 5; // \b
export const A_NOTWORD = 6; // \B

export function node(kind: i32, a: i32, b: i32, c: i32): u32 {
  let n = malloc(20);
  store<i32>(n, kind);
  store<i32>(n, a, 4);
  store<i32>(n, b, 8);
  store<i32>(n, c, 12);
  return n;
}

// ---- compiler: instructions are 16 bytes (op, x, y, _)

const I_RUNE = 1; // x = rune
const I_CLASS = 2; // x = ranges, y = count
const I_ANY = 3; // x = 1 if matches \n
const I_SPLIT = 4; // x, y
const I_JMP = 5; // x
const I_MATCH = 6;
const I_ASSERT = 7; // x = kind

const MAX_INSTS: u32 = 100000;

let prog: u32 = 0; // buffer of instructions

function emit(op: i32, x: i32, y: i32): u32 {
  let n = bufLen(prog) >> 4;
  if (n >= MAX_INSTS) abortWith(tooLarge, 0, 0);
  let p = bufReserve(prog, 16);
  store<i32>(p, op);
  store<i32>(p, x, 4);
  store<i32>(p, y, 8);
  store<u32>(prog, bufLen(prog) + 16, 4);
  return n;
}

function patch(pc: u32, x: i32, y: i32): void {
  let p = bufPtr(prog) + (pc << 4);
  store<i32>(p, x, 4);
  store<i32>(p, y, 8);
}

function pcNow(): i32 {
  return <i32>(bufLen(prog) >> 4);
}

function compile(n: u32): void {
  let k = load<i32>(n);
  let a = load<i32>(n, 4), b = load<i32>(n, 8), c = load<i32>(n, 12);
  switch (k) {
    case N_EMPTY: return;
    case N_LIT: emit(I_RUNE, a, 0); return;
    case N_CLASS: emit(I_CLASS, a, b); return;
    case N_ANY: emit(I_ANY, a, 0); return;
    case N_ASSERT: emit(I_ASSERT, a, 0); return;
    case N_CAT:
      compile(<u32>a);
      compile(<u32>b);
      return;
    case N_ALT: {
      let split = emit(I_SPLIT, 0, 0);
      compile(<u32>a);
      let jmp = emit(I_JMP, 0, 0);
      let l2 = pcNow();
      compile(<u32>b);
      patch(split, <i32>split + 1, l2);
      patch(jmp, pcNow(), 0);
      return;
    }
    case N_REP: {
      let child = <u32>a;
      for (let i: i32 = 0; i < b; i++) compile(child);
      if (c < 0) {
        // x*
        let split = emit(I_SPLIT, 0, 0);
        compile(child);
        emit(I_JMP, <i32>split, 0);
        patch(split, <i32>split + 1, pcNow());
      } else {
        // (x(x(x)?)?)? for the optional copies
        let splits = bufNew(16);
        for (let i = b; i < c; i++) {
          let split = emit(I_SPLIT, 0, 0);
          let p = bufReserve(splits, 4);
          store<u32>(p, split);
          store<u32>(splits, bufLen(splits) + 4, 4);
          compile(child);
        }
        let end = pcNow();
        let cnt = bufLen(splits) >> 2;
        for (let i: u32 = 0; i < cnt; i++) {
          let s = load<u32>(bufPtr(splits) + (i << 2));
          patch(s, <i32>s + 1, end);
        }
      }
      return;
    }
  }
}

// ---- Pike VM

function isWordRune(r: i32): bool {
  return (r >= 0x30 && r <= 0x39) || (r >= 0x41 && r <= 0x5a) || (r >= 0x61 && r <= 0x7a) || r == 0x5f;
}

function classHas(ranges: u32, n: u32, r: i32): bool {
  let lo: i32 = 0, hi = <i32>n - 1;
  while (lo <= hi) {
    let mid = (lo + hi) >> 1;
    let a = load<i32>(ranges + (<u32>mid << 3)), b = load<i32>(ranges + (<u32>mid << 3), 4);
    if (r < a) hi = mid - 1;
    else if (r > b) lo = mid + 1;
    else return true;
  }
  return false;
}

// thread lists: dense array of pcs + generation marks per pc
let marks: u32 = 0;
let gen: u32 = 0;
let stack: u32 = 0;
let code: u32 = 0;
let ninst: u32 = 0;

/** Adds pc and its epsilon closure at the position (prev rune, next rune) to list; true if MATCH reached. */
function addThread(list: u32, pc0: u32, prev: i32, next: i32): bool {
  let sp: u32 = 0;
  store<u32>(stack, pc0);
  sp = 1;
  while (sp > 0) {
    sp--;
    let pc = load<u32>(stack + (sp << 2));
    if (load<u32>(marks + (pc << 2)) == gen) continue;
    store<u32>(marks + (pc << 2), gen);
    let ins = code + (pc << 4);
    let op = load<i32>(ins);
    if (op == I_JMP) {
      store<u32>(stack + (sp << 2), load<u32>(ins, 4));
      sp++;
    } else if (op == I_SPLIT) {
      store<u32>(stack + (sp << 2), load<u32>(ins, 8));
      sp++;
      store<u32>(stack + (sp << 2), load<u32>(ins, 4));
      sp++;
    } else if (op == I_ASSERT) {
      let kind = load<i32>(ins, 4);
      let ok = false;
      if (kind == A_BOT) ok = prev < 0;
      else if (kind == A_EOT) ok = next < 0;
      else if (kind == A_BOL) ok = prev < 0 || prev == 10;
      else if (kind == A_EOL) ok = next < 0 || next == 10;
      else {
        let wb = isWordRune(prev) != isWordRune(next);
        ok = kind == A_WORD ? wb : !wb;
      }
      if (ok) {
        store<u32>(stack + (sp << 2), pc + 1);
        sp++;
      }
    } else if (op == I_MATCH) {
      return true;
    } else {
      let n = load<u32>(list);
      store<u32>(list + 4 + (n << 2), pc);
      store<u32>(list, n + 1);
    }
  }
  return false;
}

function step(ins: u32, r: i32): bool {
  let op = load<i32>(ins);
  if (op == I_RUNE) return load<i32>(ins, 4) == r;
  if (op == I_CLASS) return classHas(load<u32>(ins, 4), load<u32>(ins, 8), r);
  if (op == I_ANY) return r != 10 || load<i32>(ins, 4) != 0;
  return false;
}

function run(s: u32, n: u32): bool {
  code = bufPtr(prog);
  ninst = bufLen(prog) >> 4;
  marks = malloc(ninst << 2);
  memory.fill(marks, 0, ninst << 2);
  stack = malloc((ninst * 2 + 2) << 2);
  let clist = malloc((ninst + 1) << 2);
  let nlist = malloc((ninst + 1) << 2);
  store<u32>(clist, 0);
  gen = 1;
  let prev: i32 = -1;
  let i: u32 = 0;
  while (true) {
    let next: i32 = -1;
    let w: u32 = 0;
    if (i < n) {
      next = decodeRune(s + i, n - i);
      w = runeWidth;
    }
    // unanchored search: a new thread starts at every position
    if (addThread(clist, 0, prev, next)) return true;
    if (i >= n) return false;
    gen++;
    store<u32>(nlist, 0);
    let cnt = load<u32>(clist);
    // the rune after `next`, for assertions in the next position's closure
    let after: i32 = -1;
    if (i + w < n) {
      after = decodeRune(s + i + w, n - i - w);
    }
    for (let t: u32 = 0; t < cnt; t++) {
      let pc = load<u32>(clist + 4 + (t << 2));
      if (step(code + (pc << 4), next)) {
        if (addThread(nlist, pc + 1, next, after)) return true;
      }
    }
    let tmp = clist;
    clist = nlist;
    nlist = tmp;
    prev = next;
    i += w;
  }
  return false;
}

/** Compiles an AST and reports whether it matches anywhere in s (use A_BOT/A_EOT nodes to anchor). */
export function nfaMatch(ast: u32, s: u32, n: u32, what: string): bool {
  tooLarge = what;
  prog = bufNew(256);
  compile(ast);
  emit(I_MATCH, 0, 0);
  return run(s, n);
}

let tooLarge: string = "";

// ---- character-class range buffers (i32 pairs)

export function addRange(b: u32, lo: i32, hi: i32): void {
  let p = bufReserve(b, 8);
  store<i32>(p, lo);
  store<i32>(p, hi, 4);
  store<u32>(b, bufLen(b) + 8, 4);
}

export function appendRanges(dst: u32, src: u32, neg: bool): void {
  let n = bufLen(src) >> 3;
  let p = bufPtr(src);
  if (!neg) {
    for (let i: u32 = 0; i < n; i++) addRange(dst, load<i32>(p + (i << 3)), load<i32>(p + (i << 3), 4));
    return;
  }
  let next: i32 = 0;
  for (let i: u32 = 0; i < n; i++) {
    let lo = load<i32>(p + (i << 3)), hi = load<i32>(p + (i << 3), 4);
    if (lo > next) addRange(dst, next, lo - 1);
    next = hi + 1;
  }
  if (next <= 0x10ffff) addRange(dst, next, 0x10ffff);
}

/** Sorts and merges ranges in place; returns the count. */
export function normalizeRanges(p: u32, n: u32): u32 {
  for (let i: u32 = 1; i < n; i++) {
    let lo = load<i32>(p + (i << 3)), hi = load<i32>(p + (i << 3), 4);
    let j = i;
    while (j > 0 && load<i32>(p + ((j - 1) << 3)) > lo) {
      store<i64>(p + (j << 3), load<i64>(p + ((j - 1) << 3)));
      j--;
    }
    store<i32>(p + (j << 3), lo);
    store<i32>(p + (j << 3), hi, 4);
  }
  let w: u32 = 0;
  for (let i: u32 = 0; i < n; i++) {
    let lo = load<i32>(p + (i << 3)), hi = load<i32>(p + (i << 3), 4);
    if (w > 0 && lo <= load<i32>(p + ((w - 1) << 3), 4) + 1) {
      if (hi > load<i32>(p + ((w - 1) << 3), 4)) store<i32>(p + ((w - 1) << 3), hi, 4);
    } else {
      store<i32>(p + (w << 3), lo);
      store<i32>(p + (w << 3), hi, 4);
      w++;
    }
  }
  return w;
}
