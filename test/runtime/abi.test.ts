// The export surface API.md promises to the backend (names, kinds, arities).

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const mod = new WebAssembly.Module(readFileSync(new URL("../../runtime/build/runtime.wasm", import.meta.url)));
const exports = new Map(WebAssembly.Module.exports(mod).map((e) => [e.name, e.kind]));

const functions: Record<string, number> = {
  opa_malloc: 1, opa_free: 1, opa_heap_ptr_get: 0, opa_heap_ptr_set: 1,
  opa_value_null: 0, opa_boolean: 1, opa_number_int: 1, opa_number_float: 1, opa_number_ref: 2, opa_string: 2,
  opa_array: 0, opa_array_with_cap: 1, opa_array_append: 2, opa_object: 0, opa_object_insert: 3,
  gwpc_object_insert_once: 3, opa_set: 0, opa_set_add: 2,
  opa_value_type: 1, opa_value_length: 1, opa_value_get: 2, opa_value_iter: 2, gwpc_value_at: 2, gwpc_value_key_at: 2,
  opa_value_compare: 2, opa_value_equal: 2, gwpc_value_is_true: 1, opa_value_merge: 2, opa_value_shallow_copy: 1,
  gwpc_value_upsert: 3,
  opa_json_parse: 2, opa_value_parse: 2, opa_json_dump: 1, opa_value_dump: 1,
  gwpc_abort: 1, gwpc_println: 1, gwpc_builtin0: 2, gwpc_builtin1: 3, gwpc_builtin2: 4, gwpc_builtin3: 5, gwpc_builtin4: 6,
};

describe("ABI surface", () => {
  it("exports the globals the SDK reads and the heap-start global the backend patches", () => {
    for (const g of ["opa_wasm_abi_version", "opa_wasm_abi_minor_version", "gwpc_heap_start"]) expect(exports.get(g)).toBe("global");
  });

  it("exports every documented function with its arity", async () => {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const stub = () => 0;
    const inst = new WebAssembly.Instance(mod, {
      env: { memory, opa_abort: stub, opa_println: stub, opa_builtin0: stub, opa_builtin1: stub, opa_builtin2: stub, opa_builtin3: stub, opa_builtin4: stub },
    });
    for (const [name, arity] of Object.entries(functions)) {
      expect(exports.get(name), name).toBe("function");
      expect((inst.exports[name] as (...a: unknown[]) => unknown).length, name).toBe(arity);
    }
    const api = readFileSync(new URL("../../runtime/API.md", import.meta.url), "utf8");
    for (const name of Object.keys(functions)) expect(api, name).toContain(name);
  });

  it("does not export memory, a table or a start function", () => {
    expect([...exports.values()].filter((k) => k === "memory" || k === "table")).toEqual([]);
    // a start section would have id 8
    const bytes = readFileSync(new URL("../../runtime/build/runtime.wasm", import.meta.url));
    let pos = 8;
    const ids: number[] = [];
    while (pos < bytes.length) {
      ids.push(bytes[pos++]);
      let size = 0, shift = 0, b: number;
      do {
        b = bytes[pos++];
        size |= (b & 0x7f) << shift;
        shift += 7;
      } while (b & 0x80);
      pos += size;
    }
    expect(ids).not.toContain(8);
    expect(ids).not.toContain(4);
  });
});
