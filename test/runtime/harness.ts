// Loads runtime/build/runtime.wasm with stub imports and wraps its exports.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const wasmPath = fileURLToPath(new URL("../../runtime/build/runtime.wasm", import.meta.url));
let compiled: WebAssembly.Module | undefined;

export class RuntimeAbort extends Error {}

export interface Runtime {
  memory: WebAssembly.Memory;
  exports: Record<string, any>;
  /** Parses JSON text inside the module; returns the value address (0 = malformed). */
  parse(json: string): number;
  /** opa_json_dump as text. */
  dump(addr: number): string;
  /** opa_value_dump (Rego syntax) as text. */
  regoDump(addr: number): string;
  /** Calls builtin:<name> with JSON-text arguments; returns the JSON text of the result or undefined. */
  call(name: string, ...args: string[]): string | undefined;
  /** Writes UTF-8 bytes at a fresh allocation. */
  write(bytes: Uint8Array): number;
}

export function loadRuntime(initialPages = 2): Runtime {
  compiled ??= new WebAssembly.Module(readFileSync(wasmPath));
  const memory = new WebAssembly.Memory({ initial: initialPages });
  const cstr = (addr: number): string => {
    const u8 = new Uint8Array(memory.buffer);
    let end = addr;
    while (u8[end] !== 0) end++;
    return new TextDecoder().decode(u8.subarray(addr, end));
  };
  const notImplemented = () => {
    throw new Error("opa_builtinN called in a runtime test");
  };
  const instance = new WebAssembly.Instance(compiled, {
    env: {
      memory,
      opa_abort: (addr: number) => {
        throw new RuntimeAbort(cstr(addr));
      },
      opa_println: (addr: number) => console.log(cstr(addr)),
      opa_builtin0: notImplemented,
      opa_builtin1: notImplemented,
      opa_builtin2: notImplemented,
      opa_builtin3: notImplemented,
      opa_builtin4: notImplemented,
    },
  });
  const ex = instance.exports as Record<string, any>;
  const rt: Runtime = {
    memory,
    exports: ex,
    write(bytes) {
      const addr = ex.opa_malloc(bytes.length);
      new Uint8Array(memory.buffer).set(bytes, addr);
      return addr;
    },
    parse(json) {
      const bytes = new TextEncoder().encode(json);
      return ex.opa_json_parse(rt.write(bytes), bytes.length);
    },
    dump: (addr) => cstr(ex.opa_json_dump(addr)),
    regoDump: (addr) => cstr(ex.opa_value_dump(addr)),
    call(name, ...args) {
      const fn = ex["builtin:" + name];
      if (typeof fn !== "function") throw new Error(`no export builtin:${name}`);
      const addrs = args.map((a) => {
        const v = rt.parse(a);
        if (v === 0) throw new Error(`bad JSON argument ${a}`);
        return v;
      });
      const r = fn(...addrs);
      return r === 0 ? undefined : cstr(ex.opa_json_dump(r));
    },
  };
  return rt;
}

/**
 * Builds a value from Rego literal text (null, booleans, numbers kept
 * exact, "strings", `raw strings`, arrays, objects, sets, set()) using the
 * runtime's constructors. Throws on anything else.
 */
export function regoValue(rt: Runtime, text: string): number {
  const ex = rt.exports;
  let i = 0;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  const str = (s: string): number => {
    const bytes = new TextEncoder().encode(s);
    return ex.opa_string(rt.write(bytes), bytes.length);
  };
  const value = (): number => {
    ws();
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      const s = JSON.parse(text.slice(i, j + 1)) as string;
      i = j + 1;
      return str(s);
    }
    if (c === "`") {
      const j = text.indexOf("`", i + 1);
      const s = text.slice(i + 1, j);
      i = j + 1;
      return str(s);
    }
    if (c === "[") {
      i++;
      const arr = ex.opa_array();
      ws();
      while (text[i] !== "]") {
        ex.opa_array_append(arr, value());
        ws();
        if (text[i] === ",") i++;
        ws();
      }
      i++;
      return arr;
    }
    if (c === "{") {
      i++;
      ws();
      if (text[i] === "}") {
        i++;
        return ex.opa_object();
      }
      const first = value();
      ws();
      if (text[i] === ":") {
        const obj = ex.opa_object();
        i++;
        ex.opa_object_insert(obj, first, value());
        ws();
        while (text[i] === ",") {
          i++;
          ws();
          if (text[i] === "}") break;
          const k = value();
          ws();
          if (text[i] !== ":") throw new Error(`expected : in ${text}`);
          i++;
          ex.opa_object_insert(obj, k, value());
          ws();
        }
        if (text[i] !== "}") throw new Error(`expected } in ${text}`);
        i++;
        return obj;
      }
      const set = ex.opa_set();
      ex.opa_set_add(set, first);
      while (text[i] === ",") {
        i++;
        ws();
        if (text[i] === "}") break;
        ex.opa_set_add(set, value());
        ws();
      }
      if (text[i] !== "}") throw new Error(`expected } in ${text}`);
      i++;
      return set;
    }
    if (text.startsWith("set()", i)) {
      i += 5;
      return ex.opa_set();
    }
    for (const [word, v] of [["null", ex.opa_value_null()], ["true", ex.opa_boolean(1)], ["false", ex.opa_boolean(0)]] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return v;
      }
    }
    const m = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (m) {
      i += m[0].length;
      const bytes = new TextEncoder().encode(m[0]);
      return ex.opa_number_ref(rt.write(bytes), bytes.length);
    }
    throw new Error(`unsupported Rego literal at ${i}: ${text}`);
  };
  const v = value();
  ws();
  if (i !== text.length) throw new Error(`trailing text in Rego literal: ${text}`);
  return v;
}

/** Calls builtin:<name> with Rego-literal arguments; JSON text of the result, or undefined. */
export function callRego(rt: Runtime, name: string, ...args: string[]): string | undefined {
  const fn = rt.exports["builtin:" + name];
  if (typeof fn !== "function") throw new Error(`no export builtin:${name}`);
  const r = fn(...args.map((a) => regoValue(rt, a)));
  return r === 0 ? undefined : rt.dump(r);
}

/** Splits "a, [b, c], {d: e}" at top-level commas. */
export function splitArgs(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === "\\" && quote === '"') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "`") quote = c;
    else if ("[{(".includes(c)) depth++;
    else if ("]})".includes(c)) depth--;
    else if (c === "," && depth === 0) {
      out.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  const last = text.slice(start).trim();
  if (last) out.push(last);
  return out;
}
