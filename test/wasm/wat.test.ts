import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ModuleBuilder } from "../../src/wasm/builder.js";
import { readModule } from "../../src/wasm/reader.js";
import { emptyModule } from "../../src/wasm/types.js";
import { instr, toWat } from "../../src/wasm/wat.js";

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));
/** Golden files are rewritten only on request: UPDATE_GOLDEN=1 npx vitest run test/wasm */
function expectGolden(name: string, text: string): void {
  if (process.env["UPDATE_GOLDEN"]) writeFileSync(here(`./golden/${name}`), text);
  expect(text).toBe(readFileSync(here(`./golden/${name}`), "utf8"));
}

describe("WAT-like disassembler", () => {
  it("lists an asc module (golden)", () => {
    expectGolden("sample.wat", toWat(readModule(new Uint8Array(readFileSync(here("./fixtures/sample.wasm"))))));
  });

  it("lists a generated module with names (golden)", () => {
    const b = new ModuleBuilder(emptyModule());
    b.module.imports.push({ module: "env", name: "memory", desc: { kind: "memory", memory: { min: 2, max: 5 } } });
    const g = b.addGlobal({ type: "i32", mutable: true }, [{ op: "i32.const", value: 8 }]);
    b.addData(1024, new TextEncoder().encode('say "hi"\n'));
    b.addFunction({
      type: { params: ["i32"], results: ["i32"] },
      locals: ["i32", "i32", "i64"],
      name: "gwpc/eval",
      exportAs: "eval",
      code: [
        { op: "block", type: "empty" },
        { op: "local.get", local: 0 },
        { op: "if", type: "i32" },
        { op: "i32.const", value: 1 },
        { op: "else" },
        { op: "global.get", global: g },
        { op: "end" },
        { op: "br_if", label: 0 },
        { op: "end" },
        { op: "local.get", local: 0 },
        { op: "i32.load", align: 2, offset: 16 },
      ],
    });
    expectGolden("generated.wat", toWat(readModule(b.toBytes())));
  });

  it("renders single instructions", () => {
    expect(instr({ op: "i32.store8", align: 0, offset: 0 })).toBe("i32.store8 align=1");
    expect(instr({ op: "br_table", labels: [0, 1], default: 2 })).toBe("br_table 0 1 2");
    expect(instr({ op: "memory.copy", dst: 0, src: 0 })).toBe("memory.copy");
    expect(instr({ op: "i64.const", value: -5n })).toBe("i64.const -5");
    expect(instr({ op: "block", type: { typeIndex: 3 } })).toBe("block (type 3)");
  });
});
