// Aborts: messages go to the host's opa_abort as NUL-terminated ASCII.

// @ts-ignore: decorator
@external("env", "opa_abort") export declare function opa_abort(addr: u32): void;

import { malloc } from "./alloc";

/** Aborts with a static ASCII message. */
export function abortMsg(msg: string): void {
  abortWith(msg, 0, 0);
}

/** Aborts with msg followed by the bytes [ptr, ptr+len) (non-ASCII shown as '?'). */
export function abortWith(msg: string, ptr: u32, len: u32): void {
  let n = <u32>msg.length;
  let out = malloc(n + len + 1);
  let s = changetype<usize>(msg);
  for (let i: u32 = 0; i < n; i++) {
    let c = load<u16>(s + (i << 1));
    store<u8>(out + i, c < 0x80 ? <u8>c : 0x3f);
  }
  for (let i: u32 = 0; i < len; i++) {
    let c = load<u8>(ptr + i);
    store<u8>(out + n + i, c >= 0x20 && c < 0x7f ? c : 0x3f);
  }
  store<u8>(out + n + len, 0);
  opa_abort(out);
  unreachable();
}
