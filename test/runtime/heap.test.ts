// Allocator: OPA's heap-pointer semantics, growth, flat memory under reuse.

import { describe, expect, it } from "vitest";
import { loadRuntime } from "./harness.js";

describe("heap", () => {
  it("exports the ABI globals the SDK checks", () => {
    const rt = loadRuntime();
    expect(rt.exports.opa_wasm_abi_version.value).toBe(1);
    expect(rt.exports.opa_wasm_abi_minor_version.value).toBe(2);
    expect(rt.exports.gwpc_heap_start.value).toBe(0);
  });

  it("imports only env.memory (<= 5 pages), opa_abort, opa_println, opa_builtin0..4", async () => {
    const { readFileSync } = await import("node:fs");
    const mod = new WebAssembly.Module(readFileSync(new URL("../../runtime/build/runtime.wasm", import.meta.url)));
    const imports = WebAssembly.Module.imports(mod)
      .map((i) => `${i.module}.${i.name}:${i.kind}`)
      .sort();
    expect(imports).toEqual(
      [
        "env.memory:memory",
        "env.opa_abort:function",
        "env.opa_println:function",
        ...[0, 1, 2, 3, 4].map((n) => `env.opa_builtin${n}:function`),
      ].sort(),
    );
    // runs with the SDK's default 5-page memory and with a 1-page one
    expect(() => loadRuntime(1)).not.toThrow();
  });

  it("allocations are 8-aligned, above the static data, and heap_ptr_set rewinds", () => {
    const rt = loadRuntime();
    const ex = rt.exports;
    const base = ex.opa_heap_ptr_get();
    expect(base % 8).toBe(0);
    expect(base).toBeGreaterThan(0);
    const a = ex.opa_malloc(3);
    const b = ex.opa_malloc(1);
    expect(a).toBe(base);
    expect(b).toBe(base + 8);
    ex.opa_heap_ptr_set(base);
    expect(ex.opa_malloc(5)).toBe(base);
  });

  it("grows memory on demand", () => {
    const rt = loadRuntime(1);
    const before = rt.memory.buffer.byteLength;
    const p = rt.exports.opa_malloc(3 * 65536);
    expect(rt.memory.buffer.byteLength).toBeGreaterThanOrEqual(p + 3 * 65536);
    expect(rt.memory.buffer.byteLength).toBeGreaterThan(before);
  });

  it("memory stays flat across 100,000 parse/dump cycles when the heap pointer is reset", () => {
    const rt = loadRuntime();
    const ex = rt.exports;
    const json = new TextEncoder().encode(
      JSON.stringify({ review: { object: { metadata: { name: "x", labels: { a: "b", big: 18446744073709551616 } } } }, n: [1, 2.5, "s"] }),
    );
    const base = ex.opa_heap_ptr_get();
    let pages = 0;
    for (let i = 0; i < 100_000; i++) {
      ex.opa_heap_ptr_set(base);
      const addr = ex.opa_malloc(json.length);
      new Uint8Array(rt.memory.buffer).set(json, addr);
      const v = ex.opa_json_parse(addr, json.length);
      expect(v).not.toBe(0);
      ex.opa_json_dump(v);
      if (i === 10) pages = rt.memory.buffer.byteLength;
    }
    expect(rt.memory.buffer.byteLength).toBe(pages);
    expect(ex.opa_heap_ptr_get()).toBeLessThan(base + 4096);
  });

  it("gwpc_heap_start (patched by the backend) moves the heap start", async () => {
    // emulate the backend's patch by instantiating with a fresh module and setting the mutable global first
    const rt = loadRuntime();
    rt.exports.gwpc_heap_start.value = 200_001;
    expect(rt.exports.opa_heap_ptr_get()).toBe(200_008);
  });
});
