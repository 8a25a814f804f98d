// Rego text of values, as OPA's Value.String(): what opa_value_dump and
// sprintf("%v") print. Strings are quoted like Go's strconv.Quote.

import { T_STRING, T_ARRAY, T_OBJECT, T_SET, tag, strLen, strPtr, collLen, arrayAt, objKeyAt, objValAt } from "./value";
import { bufNew, bufByte, bufBytes, bufLit, bufCStr } from "./buf";
import { decodeRune, runeWidth, isPrint } from "./utf8";
import { writeJson, hexDigit } from "./json";

/** Go's strconv.Quote. */
export function writeGoQuote(b: u32, p: u32, n: u32): void {
  bufByte(b, 0x22);
  let i: u32 = 0;
  while (i < n) {
    let c = <u32>load<u8>(p + i);
    if (c >= 0x20 && c < 0x7f && c != 0x22 && c != 0x5c) {
      bufByte(b, c);
      i++;
      continue;
    }
    let r = decodeRune(p + i, n - i);
    let w = runeWidth;
    if (r == 0xfffd && w == 1 && c >= 0x80) {
      bufLit(b, "\\x");
      bufByte(b, hexDigit(c >> 4));
      bufByte(b, hexDigit(c & 15));
      i++;
      continue;
    }
    if (r == 0x22 || r == 0x5c) {
      bufByte(b, 0x5c);
      bufByte(b, <u32>r);
    } else if (isPrint(r)) {
      bufBytes(b, p + i, w);
    } else if (r == 7) bufLit(b, "\\a");
    else if (r == 8) bufLit(b, "\\b");
    else if (r == 12) bufLit(b, "\\f");
    else if (r == 10) bufLit(b, "\\n");
    else if (r == 13) bufLit(b, "\\r");
    else if (r == 9) bufLit(b, "\\t");
    else if (r == 11) bufLit(b, "\\v");
    else if (r < 0x20 || r == 0x7f) {
      bufLit(b, "\\x");
      bufByte(b, hexDigit(<u32>r >> 4));
      bufByte(b, hexDigit(<u32>r & 15));
    } else {
      let digits: i32 = r < 0x10000 ? 4 : 8;
      bufLit(b, r < 0x10000 ? "\\u" : "\\U");
      for (let s = (digits - 1) * 4; s >= 0; s -= 4) bufByte(b, hexDigit((<u32>r >> <u32>s) & 15));
    }
    i += w;
  }
  bufByte(b, 0x22);
}

export function writeRego(b: u32, v: u32): void {
  switch (tag(v)) {
    case T_STRING: writeGoQuote(b, strPtr(v), strLen(v)); break;
    case T_ARRAY: {
      bufByte(b, 0x5b);
      let n = collLen(v);
      for (let i: u32 = 0; i < n; i++) {
        if (i > 0) bufLit(b, ", ");
        writeRego(b, arrayAt(v, i));
      }
      bufByte(b, 0x5d);
      break;
    }
    case T_SET: {
      let n = collLen(v);
      if (n == 0) {
        bufLit(b, "set()");
        break;
      }
      bufByte(b, 0x7b);
      for (let i: u32 = 0; i < n; i++) {
        if (i > 0) bufLit(b, ", ");
        writeRego(b, arrayAt(v, i));
      }
      bufByte(b, 0x7d);
      break;
    }
    case T_OBJECT: {
      bufByte(b, 0x7b);
      let n = collLen(v);
      for (let i: u32 = 0; i < n; i++) {
        if (i > 0) bufLit(b, ", ");
        writeRego(b, objKeyAt(v, i));
        bufLit(b, ": ");
        writeRego(b, objValAt(v, i));
      }
      bufByte(b, 0x7d);
      break;
    }
    default:
      writeJson(b, v);
  }
}

export function regoDump(v: u32): u32 {
  let b = bufNew(256);
  writeRego(b, v);
  return bufCStr(b);
}
