import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { functionNames, parseNameSection } from "../../src/wasm/names.js";
import { decodeBody, readModule } from "../../src/wasm/reader.js";
import { encodeBody, writeModule } from "../../src/wasm/writer.js";
// @ts-expect-error -- plain ESM script without types, shared with the fixture rebuild
import { VARIANTS, buildSample } from "./fixtures/build-fixtures.mjs";

const fixture = (name: string): Uint8Array<ArrayBuffer> => new Uint8Array(readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url))));

describe("modules produced by AssemblyScript", () => {
  for (const name of ["sample.wasm", "sample-debug.wasm"]) {
    it(`${name}: read -> write is byte-identical`, () => {
      const bytes = fixture(name);
      expect(WebAssembly.validate(bytes)).toBe(true);
      const m = readModule(bytes);
      expect(m.funcs.length).toBeGreaterThan(5);
      expect(m.imports.map((i) => `${i.module}.${i.name}`)).toContain("env.memory");
      expect(writeModule(m)).toEqual(bytes);
    });

    it(`${name}: every body decodes, and re-encodes to the same bytes`, () => {
      const m = readModule(fixture(name));
      for (const f of m.funcs) {
        if (!("raw" in f.body)) throw new Error("expected raw bodies");
        const decoded = decodeBody(f.body);
        expect(encodeBody(decoded)).toEqual(f.body.raw);
      }
    });
  }

  // The runtime (built by asc from runtime/) is what the backend appends to.
  const runtimeWasm = fileURLToPath(new URL("../../runtime/build/runtime.wasm", import.meta.url));
  it.runIf(existsSync(runtimeWasm))("runtime/build/runtime.wasm: read -> write is byte-identical, bodies decode", () => {
    const bytes = new Uint8Array(readFileSync(runtimeWasm));
    const m = readModule(bytes);
    expect(writeModule(m)).toEqual(bytes);
    for (const f of m.funcs) {
      if ("raw" in f.body) expect(encodeBody(decodeBody(f.body))).toEqual(f.body.raw);
    }
  });

  it("the debug build's name section lists function names", () => {
    const m = readModule(fixture("sample-debug.wasm"));
    const c = m.customs.find((x) => x.name === "name");
    expect(c).toBeDefined();
    const names = [...functionNames(parseNameSection(c!.bytes)).values()];
    expect(names.some((n) => n.endsWith("sample/add"))).toBe(true);
  });

  // Runs asc twice (5-25 s on a busy machine), so only on request:
  // GWPC_ASC_REBUILD=1 npx vitest run test/wasm/asc-roundtrip.test.ts
  it.runIf(process.env["GWPC_ASC_REBUILD"])("the committed fixtures are what asc builds today", () => {
    const dir = mkdtempSync(join(tmpdir(), "gwpc-fixture-"));
    try {
      for (const [name, flags] of Object.entries(VARIANTS as Record<string, string[]>)) {
        const out = join(dir, name);
        buildSample(out, flags);
        const fresh = new Uint8Array(readFileSync(out));
        expect(fresh).toEqual(fixture(name));
        expect(writeModule(readModule(fresh))).toEqual(fresh);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
