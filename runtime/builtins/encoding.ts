// json.marshal / json.unmarshal / json.is_valid.

import { T_STRING, tag, strPtr, strLen, boolOf } from "../value";
import { bufNew, bufString, bufByte } from "../buf";
import { writeJson, jsonParse } from "../json";

export function builtin$json$marshal(v: u32): u32 {
  let b = bufNew(64);
  writeJson(b, v);
  return bufString(b);
}

export function builtin$json$unmarshal(s: u32): u32 {
  if (tag(s) != T_STRING) return 0;
  return jsonParse(strPtr(s), strLen(s));
}

/** False (not undefined) for a non-string, as OPA. */
export function builtin$json$is_valid(s: u32): u32 {
  if (tag(s) != T_STRING) return boolOf(false);
  return boolOf(jsonParse(strPtr(s), strLen(s)) != 0);
}

const B64: string = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B64URL: string = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

function b64encode(s: u32, alphabet: string, pad: bool): u32 {
  if (tag(s) != T_STRING) return 0;
  let p = strPtr(s), n = strLen(s);
  let b = bufNew(((n + 2) / 3) * 4);
  let al = changetype<usize>(alphabet);
  let i: u32 = 0;
  while (i + 3 <= n) {
    let v = (<u32>load<u8>(p + i) << 16) | (<u32>load<u8>(p + i + 1) << 8) | <u32>load<u8>(p + i + 2);
    for (let k = 18; k >= 0; k -= 6) bufByte(b, <u32>load<u16>(al + (((v >> <u32>k) & 63) << 1)));
    i += 3;
  }
  let rest = n - i;
  if (rest > 0) {
    let v = <u32>load<u8>(p + i) << 16;
    if (rest == 2) v |= <u32>load<u8>(p + i + 1) << 8;
    bufByte(b, <u32>load<u16>(al + (((v >> 18) & 63) << 1)));
    bufByte(b, <u32>load<u16>(al + (((v >> 12) & 63) << 1)));
    if (rest == 2) bufByte(b, <u32>load<u16>(al + (((v >> 6) & 63) << 1)));
    else if (pad) bufByte(b, 0x3d);
    if (pad) bufByte(b, 0x3d);
  }
  return bufString(b);
}

function b64val(c: u32, url: bool): i32 {
  if (c >= 0x41 && c <= 0x5a) return <i32>(c - 0x41);
  if (c >= 0x61 && c <= 0x7a) return <i32>(c - 0x61 + 26);
  if (c >= 0x30 && c <= 0x39) return <i32>(c - 0x30 + 52);
  if (c == (url ? 0x2d : 0x2b)) return 62;
  if (c == (url ? 0x5f : 0x2f)) return 63;
  return -1;
}

/** Go's base64 decoding (strict, padding required unless padOptional; CR/LF ignored). 0 if invalid. */
function b64decode(s: u32, url: bool, padOptional: bool): u32 {
  if (tag(s) != T_STRING) return 0;
  let p = strPtr(s), n = strLen(s);
  let b = bufNew(n);
  let acc: u32 = 0, bits: u32 = 0, chars: u32 = 0, pads: u32 = 0;
  for (let i: u32 = 0; i < n; i++) {
    let c = <u32>load<u8>(p + i);
    if (c == 0x0a || c == 0x0d) continue;
    if (c == 0x3d) {
      pads++;
      continue;
    }
    if (pads > 0) return 0;
    let v = b64val(c, url);
    if (v < 0) return 0;
    acc = (acc << 6) | <u32>v;
    bits += 6;
    chars++;
    if (bits >= 8) {
      bits -= 8;
      bufByte(b, (acc >> bits) & 0xff);
    }
  }
  let rem = chars % 4;
  if (rem == 1) return 0;
  if (pads > 0 || !padOptional) {
    if ((chars + pads) % 4 != 0 || pads > 2 || (rem == 0 && pads > 0)) return 0;
  }
  // the dropped low bits must be zero (Go's strict decoding)
  if (bits > 0 && (acc & ((1 << bits) - 1)) != 0) return 0;
  return bufString(b);
}

export function builtin$base64$encode(s: u32): u32 {
  return b64encode(s, B64, true);
}
export function builtin$base64$decode(s: u32): u32 {
  return b64decode(s, false, false);
}
/** False (not undefined) for a non-string, as OPA. */
export function builtin$base64$is_valid(s: u32): u32 {
  if (tag(s) != T_STRING) return boolOf(false);
  return boolOf(b64decode(s, false, false) != 0);
}
export function builtin$base64url$encode(s: u32): u32 {
  return b64encode(s, B64URL, true);
}
export function builtin$base64url$encode_no_pad(s: u32): u32 {
  return b64encode(s, B64URL, false);
}
/** base64url.decode accepts padded and unpadded input, as OPA. */
export function builtin$base64url$decode(s: u32): u32 {
  return b64decode(s, true, true);
}
