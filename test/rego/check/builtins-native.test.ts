/**
 * The checker's NATIVE list and the runtime agree: every builtin the runtime
 * exports is declared native, and nothing declared native is missing from it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { BUILTINS } from "../../../src/rego/check/builtins.js";
import { packageRoot } from "../../../src/package-root.js";

describe("builtin table vs runtime/build/builtins.json", () => {
  const raw = JSON.parse(fs.readFileSync(path.join(packageRoot(), "runtime/build/builtins.json"), "utf8")) as unknown;
  const runtime = new Set((Array.isArray(raw) ? raw : Object.keys(raw as object)).map((x: unknown) => (typeof x === "string" ? x : (x as { name: string }).name)));
  it("every runtime builtin is declared native", () => {
    const notNative = [...runtime].filter((n) => !BUILTINS.get(n)?.native).sort();
    expect(notNative).toEqual([]);
  });
  it("every native declaration exists in the runtime", () => {
    const missing = [...BUILTINS.values()].filter((b) => b.native && !runtime.has(b.name)).map((b) => b.name).sort();
    expect(missing).toEqual([]);
  });
});
