import { TAG } from "./runtime-abi.js";

const utf8 = new TextEncoder();

/**
 * The backend's one data segment: interned string and boolean values in the
 * runtime's layout (runtime/API.md), number source texts and NUL-terminated
 * ASCII messages for `opa_abort`. Everything is deduplicated and 8-aligned;
 * addresses are absolute (segment placed at `base`).
 */
export class StaticData {
  private buf = new Uint8Array(1024);
  private len = 0;
  private readonly strings = new Map<string, number>();
  private readonly texts = new Map<string, { addr: number; len: number }>();
  private readonly cstrings = new Map<string, number>();
  private readonly bools: number[] = [];

  constructor(readonly base: number) {
    if (base % 8 !== 0) throw new Error(`data base ${base} is not 8-aligned`);
  }

  get size(): number {
    return this.len;
  }

  private reserve(n: number, align = 1): number {
    this.len = Math.ceil(this.len / align) * align;
    const at = this.len;
    if (at + n > this.buf.length) {
      const next = new Uint8Array(Math.max(this.buf.length * 2, at + n));
      next.set(this.buf);
      this.buf = next;
    }
    this.len += n;
    return at;
  }

  private u32(at: number, v: number): void {
    this.buf[at] = v & 0xff;
    this.buf[at + 1] = (v >>> 8) & 0xff;
    this.buf[at + 2] = (v >>> 16) & 0xff;
    this.buf[at + 3] = (v >>> 24) & 0xff;
  }

  /** UTF-8 bytes of `s` (no terminator): address and length. */
  text(s: string): { addr: number; len: number } {
    let t = this.texts.get(s);
    if (!t) {
      const bs = utf8.encode(s);
      const at = this.reserve(bs.length);
      this.buf.set(bs, at);
      t = { addr: this.base + at, len: bs.length };
      this.texts.set(s, t);
    }
    return t;
  }

  /** Address of an immutable string value holding `s`. */
  stringValue(s: string): number {
    let addr = this.strings.get(s);
    if (addr === undefined) {
      const t = this.text(s);
      const at = this.reserve(12, 8);
      this.buf[at] = TAG.string;
      this.u32(at + 4, t.len);
      this.u32(at + 8, t.addr);
      addr = this.base + at;
      this.strings.set(s, addr);
    }
    return addr;
  }

  /** Address of an immutable boolean value. */
  boolValue(b: boolean): number {
    const k = b ? 1 : 0;
    let addr = this.bools[k];
    if (addr === undefined) {
      const at = this.reserve(2, 8);
      this.buf[at] = TAG.boolean;
      this.buf[at + 1] = k;
      addr = this.base + at;
      this.bools[k] = addr;
    }
    return addr;
  }

  /** A NUL-terminated message for `opa_abort` (the SDK decodes it byte by byte: keep it ASCII). */
  cString(s: string): number {
    let addr = this.cstrings.get(s);
    if (addr === undefined) {
      const ascii = s.replace(/[^\x20-\x7e]/g, "?");
      const at = this.reserve(ascii.length + 1);
      for (let i = 0; i < ascii.length; i++) this.buf[at + i] = ascii.charCodeAt(i);
      this.buf[at + ascii.length] = 0;
      addr = this.base + at;
      this.cstrings.set(s, addr);
    }
    return addr;
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}
