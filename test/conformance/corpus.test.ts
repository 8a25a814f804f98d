import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { frontendAvailable } from "../../src/engine/index.js";
import { loadCorpus } from "../../scripts/conformance-cases.js";
import { classify } from "../../scripts/conformance-classify.js";
import { runCase } from "../../scripts/conformance-run.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const corpus = path.resolve(here, "../../../shared/conformance/opa");

describe("conformance data files", () => {
  it("exceptions.yaml maps notes to reasons", () => {
    const v = parseYaml(fs.readFileSync(path.join(here, "exceptions.yaml"), "utf8")) as unknown;
    expect(typeof v === "object" && v !== null && !Array.isArray(v)).toBe(true);
    for (const [note, reason] of Object.entries(v as Record<string, unknown>)) {
      expect(note.length).toBeGreaterThan(0);
      expect(typeof reason === "string" && reason.length > 0).toBe(true);
    }
  });

  it("floor.txt is a non-negative integer", () => {
    expect(fs.readFileSync(path.join(here, "floor.txt"), "utf8").trim()).toMatch(/^\d+$/);
  });
});

describe.runIf(fs.existsSync(corpus))("OPA conformance corpus", () => {
  const { cases, problems } = loadCorpus(corpus);

  it("loads every case, its syntax from its folder", () => {
    expect(problems).toEqual([]);
    expect(cases.length).toBeGreaterThan(600);
    expect(cases.find((c) => c.file.startsWith("v0/"))?.regoVersion).toBe("v0");
    expect(cases.find((c) => c.file.startsWith("v1/"))?.regoVersion).toBe("v1");
  });

  it("runs cases end to end with no wrong result (helloworld, sets, partialsetdoc)", () => {
    const some = cases.filter((c) => /^v1\/(helloworld|sets|partialsetdoc)\//.test(c.file));
    const verdicts = some.map((c) => ({ note: c.note, ...classify(c, runCase(c)) }));
    expect(verdicts.filter((v) => v.status === "wrong")).toEqual([]);
    if (frontendAvailable()) expect(verdicts.filter((v) => v.status === "pass").length).toBeGreaterThan(some.length / 2);
    else expect(verdicts.every((v) => v.status === "unsupported")).toBe(true);
  });
});
