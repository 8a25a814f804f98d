import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ByteReader, ByteWriter, WasmDecodeError, leb } from "../../src/wasm/bytes.js";

const U32_EDGES = [0, 1, 63, 64, 127, 128, 16383, 16384, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff];
const S32_EDGES = [0, 1, -1, 63, 64, -64, -65, 127, 128, -128, -129, 0x7fffffff, -0x80000000];
const S64_EDGES = [0n, 1n, -1n, 63n, 64n, -64n, -65n, 2n ** 53n, -(2n ** 53n), 2n ** 63n - 1n, -(2n ** 63n)];

describe("LEB128", () => {
  it("u32 round-trips (edges and random)", () => {
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom(...U32_EDGES), fc.integer({ min: 0, max: 0xffffffff })), (v) => {
        const bs = leb.u32(v);
        expect(bs.length).toBe(Math.max(1, Math.ceil(Math.log2(v + 1) / 7)));
        expect(leb.readU32(bs)).toBe(v);
      }),
      { numRuns: 2000 },
    );
  });

  it("s32 round-trips (edges and random)", () => {
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom(...S32_EDGES), fc.integer({ min: -0x80000000, max: 0x7fffffff })), (v) => {
        const bs = leb.s32(v);
        expect(bs.length).toBeLessThanOrEqual(5);
        expect(leb.readS32(bs)).toBe(v);
      }),
      { numRuns: 2000 },
    );
  });

  it("s64 round-trips (edges and random)", () => {
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom(...S64_EDGES), fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n })), (v) => {
        const bs = leb.s64(v);
        expect(bs.length).toBeLessThanOrEqual(10);
        expect(leb.readS64(bs)).toBe(v);
      }),
      { numRuns: 2000 },
    );
  });

  it("encodes known values as the spec does", () => {
    expect([...leb.u32(624485)]).toEqual([0xe5, 0x8e, 0x26]);
    expect([...leb.s32(-123456)]).toEqual([0xc0, 0xbb, 0x78]);
    expect([...leb.s32(-1)]).toEqual([0x7f]);
    expect([...leb.s32(64)]).toEqual([0xc0, 0x00]);
    expect([...leb.s64(-(2n ** 63n))]).toEqual([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f]);
  });

  it("reads non-canonical (padded) encodings the spec allows", () => {
    expect(leb.readU32(new Uint8Array([0x85, 0x80, 0x80, 0x80, 0x00]))).toBe(5);
    expect(leb.readS32(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x7f]))).toBe(-1);
  });

  it("rejects overlong and out-of-range encodings", () => {
    expect(() => leb.readU32(new Uint8Array([0x80, 0x80, 0x80, 0x80, 0x80, 0x00]))).toThrow(WasmDecodeError);
    expect(() => leb.readU32(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x1f]))).toThrow(/out of range/);
    expect(() => leb.readS32(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f]))).toThrow(/out of range/);
    expect(() => leb.readU32(new Uint8Array([0x80]))).toThrow(/unexpected end/);
    expect(() => leb.u32(-1)).toThrow(RangeError);
    expect(() => leb.u32(2 ** 32)).toThrow(RangeError);
    expect(() => leb.s32(2 ** 31)).toThrow(RangeError);
    expect(() => leb.s64(2n ** 63n)).toThrow(RangeError);
  });

  it("sequences of mixed values decode in order", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: -0x80000000, max: 0x7fffffff }), fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }))), (xs) => {
        const w = new ByteWriter(1);
        for (const [u, s, b] of xs) w.u32(u).s32(s).s64(b);
        const r = new ByteReader(w.finish());
        for (const [u, s, b] of xs) {
          expect(r.u32()).toBe(u);
          expect(r.s32()).toBe(s);
          expect(r.s64()).toBe(b);
        }
        expect(r.eof).toBe(true);
      }),
    );
  });
});
