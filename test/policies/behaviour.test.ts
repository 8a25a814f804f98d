/**
 * The shipped policies by behaviour, through the built-in Rego->Wasm compiler
 * and the official SDK: every Rego unit test (policies/*\/*_test.rego) and
 * every case of every gator suite (policies/*\/suite.yaml). One vitest test
 * per Rego test and per suite case, so a failure names it.
 */
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { WasmEngine, readRegoSources, runRegoTests, verify } from "../../src/index.js";
import { packageRoot } from "../../src/package-root.js";

const root = packageRoot();

describe("policies: Rego unit tests through Wasm", async () => {
  const { files, diagnostics } = readRegoSources([path.join(root, "policies")]);
  const report = await runRegoTests(
    files.map((f) => ({ file: f.file, text: f.text, regoVersion: "v1" as const })),
    { regoVersion: "v1" },
  );
  it("reads and compiles every policy and test file", () => {
    expect(diagnostics).toEqual([]);
    expect(report.diagnostics).toEqual([]);
    expect(files.length).toBeGreaterThanOrEqual(10);
    expect(report.results.length).toBeGreaterThan(100);
  });
  for (const r of report.results) {
    it(`${r.package}.${r.name}`, () => {
      expect(r.outcome, r.message ?? `${r.file}:${r.row}:${r.col}`).toBe("pass");
    });
  }
});

describe("policies: gator suites through Wasm", () => {
  const report = verify(["policies/..."], { engine: new WasmEngine(), cwd: root });
  it("finds the five suites with no unusable input", () => {
    expect(report.diagnostics).toEqual([]);
    expect(report.suites.length).toBe(5);
  });
  for (const suite of report.suites) {
    for (const test of suite.tests) {
      it(`${suite.path} ${test.name} (test level)`, () => {
        expect(test.outcome === "error" ? test.message : "ok").toBe("ok");
      });
      for (const c of test.cases) {
        it(`${suite.path} ${test.name}/${c.name}`, () => {
          expect(c.outcome, c.message).toBe("pass");
        });
      }
    }
  }
});
