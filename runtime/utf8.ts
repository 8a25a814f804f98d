// UTF-8 decoding with Go's semantics: an invalid byte decodes as U+FFFD, width 1.

import { bufByte } from "./buf";

export let runeWidth: u32 = 0;

/** Decodes the rune at p (n bytes available, n > 0); width in runeWidth. */
export function decodeRune(p: u32, n: u32): i32 {
  let c0 = <u32>load<u8>(p);
  runeWidth = 1;
  if (c0 < 0x80) return <i32>c0;
  if (c0 < 0xc2 || c0 > 0xf4) return 0xfffd;
  if (c0 < 0xe0) {
    if (n < 2) return 0xfffd;
    let c1 = <u32>load<u8>(p + 1);
    if ((c1 & 0xc0) != 0x80) return 0xfffd;
    runeWidth = 2;
    return <i32>(((c0 & 0x1f) << 6) | (c1 & 0x3f));
  }
  if (c0 < 0xf0) {
    if (n < 3) return 0xfffd;
    let c1 = <u32>load<u8>(p + 1), c2 = <u32>load<u8>(p + 2);
    if ((c1 & 0xc0) != 0x80 || (c2 & 0xc0) != 0x80) return 0xfffd;
    if (c0 == 0xe0 && c1 < 0xa0) return 0xfffd;
    if (c0 == 0xed && c1 > 0x9f) return 0xfffd; // surrogates
    runeWidth = 3;
    return <i32>(((c0 & 0x0f) << 12) | ((c1 & 0x3f) << 6) | (c2 & 0x3f));
  }
  if (n < 4) return 0xfffd;
  let c1 = <u32>load<u8>(p + 1), c2 = <u32>load<u8>(p + 2), c3 = <u32>load<u8>(p + 3);
  if ((c1 & 0xc0) != 0x80 || (c2 & 0xc0) != 0x80 || (c3 & 0xc0) != 0x80) return 0xfffd;
  if (c0 == 0xf0 && c1 < 0x90) return 0xfffd;
  if (c0 == 0xf4 && c1 > 0x8f) return 0xfffd;
  runeWidth = 4;
  return <i32>(((c0 & 0x07) << 18) | ((c1 & 0x3f) << 12) | ((c2 & 0x3f) << 6) | (c3 & 0x3f));
}

/** Number of runes (code points, invalid bytes counting one each). */
export function runeCount(p: u32, n: u32): u32 {
  let count: u32 = 0;
  let i: u32 = 0;
  while (i < n) {
    if (load<u8>(p + i) < 0x80) i++;
    else {
      decodeRune(p + i, n - i);
      i += runeWidth;
    }
    count++;
  }
  return count;
}

/** Byte offset of the k-th rune (or n if past the end). */
export function runeOffset(p: u32, n: u32, k: u32): u32 {
  let i: u32 = 0;
  while (k > 0 && i < n) {
    if (load<u8>(p + i) < 0x80) i++;
    else {
      decodeRune(p + i, n - i);
      i += runeWidth;
    }
    k--;
  }
  return i;
}

export function encodeRune(b: u32, r: i32): void {
  let c = <u32>r;
  if (c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) c = 0xfffd;
  if (c < 0x80) bufByte(b, c);
  else if (c < 0x800) {
    bufByte(b, 0xc0 | (c >> 6));
    bufByte(b, 0x80 | (c & 0x3f));
  } else if (c < 0x10000) {
    bufByte(b, 0xe0 | (c >> 12));
    bufByte(b, 0x80 | ((c >> 6) & 0x3f));
    bufByte(b, 0x80 | (c & 0x3f));
  } else {
    bufByte(b, 0xf0 | (c >> 18));
    bufByte(b, 0x80 | ((c >> 12) & 0x3f));
    bufByte(b, 0x80 | ((c >> 6) & 0x3f));
    bufByte(b, 0x80 | (c & 0x3f));
  }
}

/** Approximates Go's unicode.IsPrint for the runes strconv.Quote keeps raw. */
export function isPrint(r: i32): bool {
  if (r < 0x20) return false;
  if (r < 0x7f) return true;
  if (r <= 0x9f) return false;
  if (r == 0xad || r == 0x61c || r == 0x6dd || r == 0x70f || r == 0x180e || r == 0xfeff) return false;
  if (r >= 0x600 && r <= 0x605) return false;
  if (r >= 0x200b && r <= 0x200f) return false;
  if (r >= 0x2028 && r <= 0x202e) return false;
  if (r >= 0x2060 && r <= 0x206f) return false;
  if (r >= 0xd800 && r <= 0xf8ff) return false;
  if (r >= 0xfff9 && r <= 0xfffb) return false;
  if (r == 0xfffe || r == 0xffff) return false;
  if (r >= 0xe0000) return false;
  return true;
}
