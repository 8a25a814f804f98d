/**
 * Byte buffers and LEB128, the two primitives of the binary format.
 * Writers emit canonical (shortest) LEB128; readers accept any encoding the
 * spec allows (up to ceil(N/7) bytes) and reject overlong or out-of-range ones.
 */

export class WasmDecodeError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} (at byte ${offset})`);
    this.name = "WasmDecodeError";
  }
}

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder("utf-8", { fatal: true });

export class ByteWriter {
  private buf: Uint8Array<ArrayBuffer>;
  private len = 0;

  constructor(capacity = 256) {
    this.buf = new Uint8Array(capacity);
  }

  get length(): number {
    return this.len;
  }

  private ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.len + n) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  byte(b: number): this {
    if (this.len >= this.buf.length) this.ensure(1);
    this.buf[this.len++] = b & 0xff;
    return this;
  }

  bytes(bs: ArrayLike<number>): this {
    this.ensure(bs.length);
    this.buf.set(bs, this.len);
    this.len += bs.length;
    return this;
  }

  /** Appends `src[start..end)` (short runs copied inline, without a subarray). */
  range(src: Uint8Array, start: number, end: number): this {
    const n = end - start;
    this.ensure(n);
    const buf = this.buf;
    if (n <= 32) {
      let at = this.len;
      for (let i = start; i < end; i++) buf[at++] = src[i]!;
    } else buf.set(src.subarray(start, end), this.len);
    this.len += n;
    return this;
  }

  u32(v: number): this {
    if (v >= 0 && v < 0x80 && (v | 0) === v) {
      // Most indices and counts: one byte.
      if (this.len >= this.buf.length) this.ensure(1);
      this.buf[this.len++] = v;
      return this;
    }
    if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) throw new RangeError(`u32 out of range: ${v}`);
    do {
      let b = v & 0x7f;
      v = Math.floor(v / 128);
      if (v !== 0) b |= 0x80;
      this.byte(b);
    } while (v !== 0);
    return this;
  }

  s32(v: number): this {
    if (!Number.isInteger(v) || v < -0x80000000 || v > 0x7fffffff) throw new RangeError(`s32 out of range: ${v}`);
    for (;;) {
      const b = v & 0x7f;
      v >>= 7;
      if ((v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0)) return this.byte(b);
      this.byte(b | 0x80);
    }
  }

  /** Signed LEB128 of any width (s33 block types, s64 constants). */
  sBig(v: bigint): this {
    for (;;) {
      const b = Number(v & 0x7fn);
      v >>= 7n;
      if ((v === 0n && (b & 0x40) === 0) || (v === -1n && (b & 0x40) !== 0)) return this.byte(b);
      this.byte(b | 0x80);
    }
  }

  s64(v: bigint): this {
    if (v < -(2n ** 63n) || v >= 2n ** 63n) throw new RangeError(`s64 out of range: ${v}`);
    return this.sBig(v);
  }

  f32(v: number): this {
    const dv = new DataView(new ArrayBuffer(4));
    dv.setFloat32(0, v, true);
    return this.bytes(new Uint8Array(dv.buffer));
  }

  f64(v: number): this {
    const dv = new DataView(new ArrayBuffer(8));
    dv.setFloat64(0, v, true);
    return this.bytes(new Uint8Array(dv.buffer));
  }

  /** A length-prefixed UTF-8 name. */
  name(s: string): this {
    const n = s.length;
    for (let i = 0; i < n; i++) {
      if (s.charCodeAt(i) >= 0x80) {
        const bs = utf8Encoder.encode(s);
        return this.u32(bs.length).bytes(bs);
      }
    }
    // ASCII (every export and import name in practice): one byte per char, no encoder.
    this.u32(n).ensure(n);
    const buf = this.buf;
    let at = this.len;
    for (let i = 0; i < n; i++) buf[at++] = s.charCodeAt(i);
    this.len = at;
    return this;
  }

  /** A length-prefixed byte vector. */
  vec(bs: Uint8Array): this {
    return this.u32(bs.length).bytes(bs);
  }

  /**
   * Reserves room for a u32 size prefix (5 bytes, the longest LEB128) and
   * returns its position; `patchSize` fills it in once what follows is written.
   * Lets nested, size-prefixed content (sections, function bodies) be written
   * straight into one buffer instead of into a writer of its own and copied.
   */
  reserveSize(): number {
    this.ensure(5);
    const at = this.len;
    this.len += 5;
    return at;
  }

  /**
   * Writes the byte count of everything after the slot reserved at `at` into
   * it as canonical (shortest) LEB128 and closes the gap, so the result is the
   * same bytes as `u32(size)` followed by the content.
   */
  patchSize(at: number): this {
    const start = at + 5;
    let v = this.len - start;
    if (v > 0xffffffff) throw new RangeError(`u32 out of range: ${v}`);
    const buf = this.buf;
    let n = at;
    do {
      let b = v & 0x7f;
      v = Math.floor(v / 128);
      if (v !== 0) b |= 0x80;
      buf[n++] = b;
    } while (v !== 0);
    if (n < start) {
      buf.copyWithin(n, start, this.len);
      this.len -= start - n;
    }
    return this;
  }

  /**
   * Writes `v` as canonical LEB128 over bytes already written at `at` (which
   * must hold an encoding of the same length: used to renumber in place).
   */
  overwriteU32(at: number, v: number): this {
    if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) throw new RangeError(`u32 out of range: ${v}`);
    const buf = this.buf;
    do {
      let b = v & 0x7f;
      v = Math.floor(v / 128);
      if (v !== 0) b |= 0x80;
      if (at >= this.len) throw new RangeError("overwriteU32 past the end of the written bytes");
      buf[at++] = b;
    } while (v !== 0);
    return this;
  }

  /** A view of bytes written so far (valid until the next write: the buffer may be reallocated). */
  view(start: number, end: number): Uint8Array<ArrayBuffer> {
    return this.buf.subarray(start, end);
  }

  finish(): Uint8Array<ArrayBuffer> {
    return this.buf.slice(0, this.len);
  }
}

export class ByteReader {
  pos: number;

  constructor(
    readonly buf: Uint8Array,
    start = 0,
    readonly end = buf.length,
  ) {
    this.pos = start;
  }

  get eof(): boolean {
    return this.pos >= this.end;
  }

  fail(message: string, at = this.pos): never {
    throw new WasmDecodeError(message, at);
  }

  byte(): number {
    if (this.pos >= this.end) this.fail("unexpected end");
    return this.buf[this.pos++]!;
  }

  /** The next `n` bytes as a view into the input (no copy: callers must not mutate the input afterwards). */
  bytes(n: number): Uint8Array {
    if (this.pos + n > this.end) this.fail(`unexpected end reading ${n} bytes`);
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  u32(): number {
    const start = this.pos;
    let result = 0;
    let mul = 1;
    for (let i = 0; i < 5; i++) {
      const b = this.byte();
      if (i === 4 && (b & 0x70) !== 0) this.fail("u32 LEB128 out of range", start);
      result += (b & 0x7f) * mul;
      mul *= 128;
      if ((b & 0x80) === 0) return result;
    }
    return this.fail("u32 LEB128 too long", start);
  }

  s32(): number {
    const start = this.pos;
    const v = this.sBig(5, start);
    if (v < -0x80000000n || v > 0x7fffffffn) this.fail("s32 LEB128 out of range", start);
    return Number(v);
  }

  s64(): bigint {
    const start = this.pos;
    const v = this.sBig(10, start);
    if (v < -(2n ** 63n) || v >= 2n ** 63n) this.fail("s64 LEB128 out of range", start);
    return v;
  }

  /** Signed LEB128 of at most `maxBytes` bytes, as bigint. */
  sBig(maxBytes: number, start = this.pos): bigint {
    let result = 0n;
    let shift = 0n;
    for (let i = 0; i < maxBytes; i++) {
      const b = this.byte();
      result |= BigInt(b & 0x7f) << shift;
      shift += 7n;
      if ((b & 0x80) === 0) {
        if (b & 0x40) result -= 1n << shift;
        return result;
      }
    }
    return this.fail("signed LEB128 too long", start);
  }

  f32(): number {
    const bs = this.bytes(4);
    return new DataView(bs.buffer, bs.byteOffset, 4).getFloat32(0, true);
  }

  f64(): number {
    const bs = this.bytes(8);
    return new DataView(bs.buffer, bs.byteOffset, 8).getFloat64(0, true);
  }

  name(): string {
    const n = this.u32();
    const at = this.pos;
    const bs = this.bytes(n);
    try {
      return utf8Decoder.decode(bs);
    } catch {
      return this.fail("invalid UTF-8 in name", at);
    }
  }

  vec<T>(item: () => T): T[] {
    const n = this.u32();
    const out: T[] = [];
    for (let i = 0; i < n; i++) out.push(item());
    return out;
  }
}

/** Encodes one LEB128 value on its own (tests, patching). */
export const leb = {
  u32: (v: number): Uint8Array => new ByteWriter(5).u32(v).finish(),
  s32: (v: number): Uint8Array => new ByteWriter(5).s32(v).finish(),
  s64: (v: bigint): Uint8Array => new ByteWriter(10).s64(v).finish(),
  readU32: (bs: Uint8Array): number => new ByteReader(bs).u32(),
  readS32: (bs: Uint8Array): number => new ByteReader(bs).s32(),
  readS64: (bs: Uint8Array): bigint => new ByteReader(bs).s64(),
};
