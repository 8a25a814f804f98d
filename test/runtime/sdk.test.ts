// The contract in API.md, end to end: append a tiny hand-assembled "policy"
// (builtins, entrypoints, opa_eval returning [{"result": input}]) to
// runtime.wasm the way the backend will, and run it under the official SDK.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const { loadPolicy } = require("@open-policy-agent/opa-wasm") as {
  loadPolicy(wasm: Uint8Array): Promise<{ evaluate(input: unknown, ep?: number | string): unknown; mem: WebAssembly.Memory; entrypoints: unknown }>;
};

const u32 = (n: number): number[] => {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
};
const s32 = (n: number): number[] => {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(b & 0x40)) || (n === -1 && b & 0x40)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
};

function readU32(buf: Uint8Array, pos: number): [number, number] {
  let r = 0, shift = 0, b: number;
  do {
    b = buf[pos++];
    r |= (b & 0x7f) << shift;
    shift += 7;
  } while (b & 0x80);
  return [r >>> 0, pos];
}

interface Section { id: number; body: number[] }

function sections(bytes: Uint8Array): Section[] {
  const out: Section[] = [];
  let pos = 8;
  while (pos < bytes.length) {
    const id = bytes[pos++];
    let size: number;
    [size, pos] = readU32(bytes, pos);
    out.push({ id, body: [...bytes.subarray(pos, pos + size)] });
    pos += size;
  }
  return out;
}

/** Prepends a new count to a vector section body whose old count is replaced. */
function withCount(body: number[], extra: number, append: number[]): number[] {
  const [count, pos] = readU32(Uint8Array.from(body), 0);
  return [...u32(count + extra), ...body.slice(pos), ...append];
}

function appendPolicy(runtime: Uint8Array): Uint8Array {
  const secs = sections(runtime);
  const get = (id: number) => secs.find((s) => s.id === id)!;
  const bytesOf = (id: number) => Uint8Array.from(get(id).body);
  // function indices of runtime exports, global index of gwpc_heap_start
  const fn = new Map<string, number>();
  let heapGlobal = -1;
  {
    const body = bytesOf(7);
    let [n, pos] = readU32(body, 0);
    for (let i = 0; i < n; i++) {
      let len: number;
      [len, pos] = readU32(body, pos);
      const name = new TextDecoder().decode(body.subarray(pos, pos + len));
      pos += len;
      const kind = body[pos++];
      let idx: number;
      [idx, pos] = readU32(body, pos);
      if (kind === 0) fn.set(name, idx);
      if (kind === 3 && name === "gwpc_heap_start") heapGlobal = idx;
    }
  }
  const typeCount = readU32(bytesOf(1), 0)[0];
  const importFuncs = 7;
  const funcCount = importFuncs + readU32(bytesOf(3), 0)[0];
  // end of the runtime's data
  let dataEnd = 0;
  let dataCount: number;
  {
    const body = bytesOf(11);
    let pos: number;
    [dataCount, pos] = readU32(body, 0);
    for (let i = 0; i < dataCount; i++) {
      pos++; // flags 0
      pos++; // i32.const
      let off = 0, shift = 0, b: number;
      do {
        b = body[pos++];
        off |= (b & 0x7f) << shift;
        shift += 7;
      } while (b & 0x80);
      pos++; // end
      let len: number;
      [len, pos] = readU32(body, pos);
      dataEnd = Math.max(dataEnd, off + len);
      pos += len;
    }
  }
  const D = (dataEnd + 7) & ~7;
  const P = D, RESULT = D + 8, HEAP = D + 16;
  const call = (name: string) => [0x10, ...u32(fn.get(name)!)];
  const body = (locals: number[][], code: number[]) => {
    const decl = [...u32(locals.length), ...locals.flat()];
    const b = [...decl, ...code, 0x0b];
    return [...u32(b.length), ...b];
  };
  const i32c = (n: number) => [0x41, ...s32(n)];
  // types: ()->i32, (i32 x7)->i32
  const newTypes = [0x60, 0x00, 0x01, 0x7f, 0x60, 0x07, ...Array(7).fill(0x7f), 0x01, 0x7f];
  const tNoArgs = typeCount, tEval = typeCount + 1;
  const fBuiltins = funcCount, fEntrypoints = funcCount + 1, fEval = funcCount + 2;
  const codes = [
    body([], [...call("opa_object")]),
    body([[1, 0x7f]], [
      ...call("opa_object"), 0x21, 0,
      0x20, 0, ...i32c(P), ...i32c(1), ...call("opa_string"), 0x42, 0x00, ...call("opa_number_int"), ...call("opa_object_insert"),
      0x20, 0,
    ]),
    body([[3, 0x7f]], [
      0x20, 5, ...call("opa_heap_ptr_set"),
      0x20, 4, 0x04, 0x40, 0x20, 3, 0x20, 4, ...call("opa_json_parse"), 0x21, 7, 0x0b,
      ...call("opa_array"), 0x21, 8,
      0x20, 7, 0x04, 0x40,
      ...call("opa_object"), 0x21, 9,
      0x20, 9, ...i32c(RESULT), ...i32c(6), ...call("opa_string"), 0x20, 7, ...call("opa_object_insert"),
      0x20, 8, 0x20, 9, ...call("opa_array_append"),
      0x0b,
      0x20, 8, ...call("opa_json_dump"),
    ]),
  ];
  const name = (s: string) => [...u32(s.length), ...new TextEncoder().encode(s)];
  const exportsAdd = [
    ...name("builtins"), 0, ...u32(fBuiltins),
    ...name("entrypoints"), 0, ...u32(fEntrypoints),
    ...name("opa_eval"), 0, ...u32(fEval),
  ];
  const data = [0, ...i32c(D), 0x0b, ...u32(16), ...new TextEncoder().encode("p\0\0\0\0\0\0\0result\0\0")];
  // patch the heap-start global's init expression
  const globals = bytesOf(6);
  const patched: number[] = [];
  {
    let [n, pos] = readU32(globals, 0);
    patched.push(...u32(n));
    for (let i = 0; i < n; i++) {
      const type = globals[pos++], mut = globals[pos++];
      const start = pos;
      while (globals[pos] !== 0x0b) pos++;
      pos++;
      patched.push(type, mut, ...(i === heapGlobal ? [...i32c(HEAP), 0x0b] : [...globals.subarray(start, pos)]));
    }
  }
  const out: number[] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  for (const s of secs) {
    let b = s.body;
    if (s.id === 1) b = withCount(b, 2, newTypes);
    if (s.id === 3) b = withCount(b, 3, [...u32(tNoArgs), ...u32(tNoArgs), ...u32(tEval)]);
    if (s.id === 6) b = patched;
    if (s.id === 7) b = withCount(b, 3, exportsAdd);
    if (s.id === 12) b = u32(dataCount + 1);
    if (s.id === 10) b = withCount(b, 3, codes.flat());
    if (s.id === 11) b = withCount(b, 1, data);
    out.push(s.id, ...u32(b.length), ...b);
  }
  return Uint8Array.from(out);
}

describe("runtime under @open-policy-agent/opa-wasm", () => {
  const wasm = appendPolicy(readFileSync(new URL("../../runtime/build/runtime.wasm", import.meta.url)));

  it("loads, reports its entrypoints and evaluates through the ABI 1.2 fast path", async () => {
    const policy = await loadPolicy(wasm);
    expect(policy.entrypoints).toEqual({ p: 0 });
    expect(policy.evaluate({ a: [1, "x"], big: 1 })).toEqual([{ result: { a: [1, "x"], big: 1 } }]);
    expect(policy.evaluate({ b: 1 }, "p")).toEqual([{ result: { b: 1 } }]);
    // a falsy input arrives as no input
    for (const falsy of [null, false, 0, ""]) expect(policy.evaluate(falsy)).toEqual([]);
    expect(policy.evaluate(true)).toEqual([{ result: true }]);
  });

  it("keeps memory flat across 100,000 evaluations", async () => {
    const policy = await loadPolicy(wasm);
    const input = { review: { object: { metadata: { name: "n", labels: { app: "x" } } } }, parameters: { labels: ["a"] } };
    let size = 0;
    for (let i = 0; i < 100_000; i++) {
      const r = policy.evaluate(input) as { result: unknown }[];
      if (i === 0) expect(r[0].result).toEqual(input);
      if (i === 100) size = policy.mem.buffer.byteLength;
    }
    expect(policy.mem.buffer.byteLength).toBe(size);
  });
});
