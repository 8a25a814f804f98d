import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import type { Diagnostic } from "../../../src/diag/index.js";
import { parseModule, parseQuery, parseTerm, printModule, stripLocs, type Module } from "../../../src/rego/syntax/index.js";
import { conformanceItems, gatekeeperItems, repoRoot, sharedDir, type CorpusItem } from "./corpus.js";

const exceptions = parseYaml(readFileSync(path.join(repoRoot, "test/rego/syntax/corpus-exceptions.yaml"), "utf8")) as Record<string, string>;
/** The exception covering a module (queries and input terms of those files still parse). */
const excepted = (item: CorpusItem): string | undefined =>
  item.kind === "module" ? Object.keys(exceptions).find((k) => item.name.startsWith(`${k}#`)) : undefined;

function parseItem(item: CorpusItem): { module?: Module; diagnostics: Diagnostic[] } {
  const opts = { regoVersion: item.version };
  if (item.kind === "module") return parseModule(item.name, item.text, opts);
  if (item.kind === "query") return parseQuery(item.text, opts, item.name);
  return parseTerm(item.text, opts, item.name);
}

/** Parses every item; returns the count that behaved and a line per misbehaving one. */
function check(items: CorpusItem[]): { passed: number; failures: string[] } {
  const failures: string[] = [];
  let passed = 0;
  for (const item of items) {
    const r = parseItem(item);
    const failed = r.diagnostics.length > 0;
    const reason = excepted(item);
    if (reason !== undefined) {
      if (!failed) failures.push(`${item.name}: parses now; remove its corpus-exceptions.yaml entry`);
      else passed++;
    } else if (failed !== item.wantParseError) {
      failures.push(`${item.name}: ${failed ? r.diagnostics[0]!.message : "parsed, but the case wants rego_parse_error"}`);
    } else passed++;
  }
  return { passed, failures };
}

/** print -> parse (v1) gives the same AST, and printing again gives the same text. */
function roundTrip(items: CorpusItem[]): { passed: number; failures: string[] } {
  const failures: string[] = [];
  let passed = 0;
  for (const item of items) {
    if (item.kind !== "module") continue;
    const r = parseModule(item.name, item.text, { regoVersion: item.version });
    if (!r.module) continue;
    const printed = printModule(r.module);
    const again = parseModule(item.name, printed, { regoVersion: "v1" });
    if (!again.module) {
      failures.push(`${item.name}: printed module does not parse: ${again.diagnostics[0]?.message}`);
      continue;
    }
    const shape = (m: Module): unknown => stripLocs({ package: m.package, imports: m.imports, rules: m.rules });
    if (JSON.stringify(shape(again.module)) !== JSON.stringify(shape(r.module))) failures.push(`${item.name}: AST changed by print/parse`);
    else if (printModule(again.module) !== printed) failures.push(`${item.name}: printing is not a fixpoint`);
    else passed++;
  }
  return { passed, failures };
}

if (!existsSync(sharedDir)) {
  describe("parse corpora", () => {
    it(`skipped: ${sharedDir} is absent`, () => {
      expect(existsSync(sharedDir)).toBe(false);
    });
  });
} else {
  const conformance = conformanceItems();
  const gatekeeper = gatekeeperItems();

  describe("parse corpora", () => {
    it(`OPA conformance: ${conformance.length} modules, queries and input terms parse (v1; v0/ as v0)`, () => {
      const { passed, failures } = check(conformance);
      expect(failures).toEqual([]);
      expect(passed).toBe(conformance.length);
      console.log(`conformance corpus: ${passed}/${conformance.length} parsed as expected (${Object.keys(exceptions).length} files excepted)`);
    });

    it(`gatekeeper-library: ${gatekeeper.length} modules (src/*.rego and template Rego, v0) parse`, () => {
      expect(gatekeeper.length).toBeGreaterThan(100);
      const { passed, failures } = check(gatekeeper);
      expect(failures).toEqual([]);
      console.log(`gatekeeper-library corpus: ${passed}/${gatekeeper.length} parsed`);
    });

    it("every corpus module survives print -> parse unchanged, and printing is a fixpoint", () => {
      const { passed, failures } = roundTrip([...conformance, ...gatekeeper]);
      expect(failures).toEqual([]);
      expect(passed).toBeGreaterThan(900);
      console.log(`round trip: ${passed} modules`);
    });
  });
}
