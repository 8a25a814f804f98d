import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ByteReader, ByteWriter } from "../../src/wasm/bytes.js";
import { decodeExpr, encodeExpr } from "../../src/wasm/instructions.js";
import { decodeBody, readModule } from "../../src/wasm/reader.js";
import type { Module } from "../../src/wasm/types.js";
import { writeModule } from "../../src/wasm/writer.js";
import { code, module } from "./arbitrary.js";

/**
 * What a reader can observe of custom section placement: sections come in
 * canonical order, and a custom section follows the last *written* section.
 */
function canonicalCustoms(m: Module): Module {
  const order = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 10, 11] as const;
  const written = (id: number): boolean => {
    switch (id) {
      case 1: return m.types.length > 0;
      case 2: return m.imports.length > 0;
      case 3: case 10: return m.funcs.length > 0;
      case 4: return m.tables.length > 0;
      case 5: return m.memories.length > 0;
      case 6: return m.globals.length > 0;
      case 7: return m.exports.length > 0;
      case 8: return m.start !== undefined;
      case 9: return m.elems.length > 0;
      case 12: return m.dataCount !== undefined;
      case 11: return m.datas.length > 0;
      default: return true;
    }
  };
  const effective = (after: number): number => {
    for (let i = order.indexOf(after as (typeof order)[number]); i > 0; i--) if (written(order[i]!)) return order[i]!;
    return 0;
  };
  const customs = [...m.customs]
    .sort((a, b) => order.indexOf(a.after) - order.indexOf(b.after))
    .map((c) => ({ ...c, after: effective(c.after) as Module["customs"][number]["after"] }));
  return { ...m, customs };
}

describe("module encode/decode", () => {
  it("instruction sequences round-trip", () => {
    fc.assert(
      fc.property(code, (c) => {
        const w = new ByteWriter();
        encodeExpr(w, c);
        const bytes = w.finish();
        const r = new ByteReader(bytes);
        expect(decodeExpr(r)).toEqual(c);
        expect(r.eof).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("random modules: encode -> decode -> encode is identical, and decode recovers the model", () => {
    fc.assert(
      fc.property(module, (m) => {
        const bytes = writeModule(m);
        const back = readModule(bytes);
        expect(writeModule(back)).toEqual(bytes);
        const decoded: Module = { ...back, funcs: back.funcs.map((f) => ({ type: f.type, body: decodeBody(f.body) })) };
        expect(decoded).toEqual(canonicalCustoms(m));
      }),
      { numRuns: 300 },
    );
  });

  it("rejects malformed modules with a byte offset", () => {
    expect(() => readModule(new Uint8Array([0, 0x61, 0x73, 0x6d, 2, 0, 0, 0]))).toThrow(/version/);
    expect(() => readModule(new Uint8Array([1, 2, 3, 4, 1, 0, 0, 0]))).toThrow(/not a wasm module/);
    // type section claiming 10 bytes with only 1 present
    expect(() => readModule(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 10, 0]))).toThrow(/past the end \(at byte 8\)/);
    // sections out of order: memory (5) then type (1)
    expect(() => readModule(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 5, 1, 0, 1, 1, 0]))).toThrow(/out of order/);
    // function section without code section
    expect(() => readModule(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0, 3, 2, 1, 0]))).toThrow(/code section has 0/);
  });
});
