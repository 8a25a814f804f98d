import { describe, expect, it } from "vitest";
import { MAX_POLICY_BYTES, decodePolicyText, firstInvalidUtf8 } from "../../src/config/text.js";

describe("firstInvalidUtf8", () => {
  it.each([
    { note: "ASCII", bytes: [0x61, 0x62], want: -1 },
    { note: "2-byte é", bytes: [0x61, 0xc3, 0xa9], want: -1 },
    { note: "3-byte €", bytes: [0xe2, 0x82, 0xac], want: -1 },
    { note: "4-byte emoji", bytes: [0xf0, 0x9f, 0x98, 0x80], want: -1 },
    { note: "lone continuation", bytes: [0x61, 0x80], want: 1 },
    { note: "truncated sequence", bytes: [0x61, 0xe2, 0x82], want: 1 },
    { note: "overlong /", bytes: [0xc0, 0xaf], want: 0 },
    { note: "overlong 3-byte", bytes: [0xe0, 0x80, 0xaf], want: 0 },
    { note: "surrogate", bytes: [0xed, 0xa0, 0x80], want: 0 },
    { note: "past U+10FFFF", bytes: [0xf4, 0x90, 0x80, 0x80], want: 0 },
    { note: "0xff", bytes: [0x61, 0x62, 0xff], want: 2 },
  ])("$note", ({ bytes, want }) => {
    expect(firstInvalidUtf8(new Uint8Array(bytes))).toBe(want);
  });

  it("agrees with TextDecoder's fatal mode on random bytes", () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) >> 8) & 0xff;
    const strict = new TextDecoder("utf-8", { fatal: true });
    for (let n = 0; n < 2000; n++) {
      const b = new Uint8Array(Array.from({ length: 1 + (n % 9) }, rnd));
      let valid = true;
      try {
        strict.decode(b);
      } catch {
        valid = false;
      }
      expect(firstInvalidUtf8(b) === -1).toBe(valid);
    }
  });
});

describe("decodePolicyText", () => {
  it("refuses more than the cap, counting UTF-8 bytes of a string", () => {
    const justOver = "é".repeat(MAX_POLICY_BYTES / 2) + "x";
    expect(decodePolicyText("p.yaml", justOver).diagnostics[0]?.message).toMatch(/^file is 1048577 bytes/);
    expect(decodePolicyText("p.yaml", "x".repeat(MAX_POLICY_BYTES)).diagnostics).toEqual([]);
  });

  it("places a NUL by line and column", () => {
    const r = decodePolicyText("p.yaml", "a: 1\nbb: \u0000\n");
    expect(r.diagnostics[0]?.location).toMatchObject({ file: "p.yaml", line: 2, col: 5 });
  });

  it("places invalid UTF-8 after multi-byte characters in characters, not bytes", () => {
    const r = decodePolicyText("p.yaml", new Uint8Array([0x0a, 0xc3, 0xa9, 0xc3, 0xa9, 0xff]));
    expect(r.diagnostics[0]?.location).toMatchObject({ line: 2, col: 3 });
  });
});
