import { XMLParser, XMLValidator } from "fast-xml-parser";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.js";
import { frontendAvailable } from "../../src/engine/index.js";
import { gwpc, writeTree } from "../engine/cli-harness.js";
import { CONSTRAINT, DEMO_REGO, SUITE, cm, template } from "../engine/fixtures.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const FE = frontendAvailable();
const dirs: string[] = [];
function temp(files: Record<string, string> = {}): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "gwpc-test-cmd-"));
  dirs.push(d);
  writeTree(d, files);
  return d;
}
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const REGO_TESTS = "package demo_test\n\ntest_ok if { 1 + 1 == 2 }\n\ntest_bad if { 1 + 1 == 3 }\n\ntodo_test_later if { false }\n";
const REGO_OK = "package demo_test\n\ntest_ok if { 1 + 1 == 2 }\n";
/** A Suite with its fixtures in `dir/` (two passing cases). */
const suiteFiles = (dir: string, labels: Record<string, string> = { owner: "me" }) => ({
  [`${dir}/suite.yaml`]: SUITE,
  [`${dir}/template.yaml`]: template(DEMO_REGO),
  [`${dir}/constraint.yaml`]: CONSTRAINT,
  [`${dir}/bad.yaml`]: cm("a"),
  [`${dir}/good.yaml`]: cm("b", labels),
});
const xml = (text: string) => new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", isArray: (n) => ["testsuite", "testcase"].includes(n) }).parse(text);

describe("gwpc test: Rego unit tests and Suites", () => {
  it.runIf(FE)("runs both under a directory (recursively); exit 0 when all pass", async () => {
    const d = temp({ "p/x_test.rego": REGO_OK, ...suiteFiles("p/demo") });
    const r = await gwpc(["test", "p"], d);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/PASS: 1\/1/);
    expect(r.stdout).toMatch(/ok {3}p\/demo\/suite\.yaml\/\S+/);
    expect(r.stdout).toMatch(/PASS {2}1 suite/);
    expect(r.stdout).toMatch(/\ntotal: 3 passed, 0 failed, 0 skipped\n$/);
  });

  it.runIf(FE)("a failing suite case is exit 1 even when the Rego tests pass", async () => {
    const d = temp({ "x_test.rego": REGO_OK, ...suiteFiles("s", {}) });
    const r = await gwpc(["test", "."], d);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/--- FAIL: s\/suite\.yaml/);
  });

  it.runIf(FE)("a suite with unusable input is exit 2; a Rego parse error too, and the suites still run", async () => {
    const files = suiteFiles("s");
    delete files["s/constraint.yaml"];
    expect((await gwpc(["test", "."], temp({ "x_test.rego": REGO_OK, ...files }))).code).toBe(2);
    const r = await gwpc(["test", "."], temp({ "x_test.rego": "package t\n\ntest_a if {\n", ...suiteFiles("s") }));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/x_test\.rego:\d+:\d+: .*\[rego_parse_error\]/);
    expect(r.stdout).toMatch(/2 passed, 0 failed/);
  });

  it.runIf(FE)("a Suite file or a .rego file alone runs only that part", async () => {
    const d = temp({ "x_test.rego": REGO_TESTS, ...suiteFiles("s") });
    const s = await gwpc(["test", "s/suite.yaml"], d);
    expect(s.code).toBe(0);
    expect(s.stdout).not.toMatch(/data\.demo_test/);
    const t = await gwpc(["test", "x_test.rego"], d);
    expect(t.code).toBe(1);
    expect(t.stdout).not.toMatch(/suite\.yaml/);
  });

  it.runIf(FE)("-r filters the Rego tests by name and the suite cases as gator's filter", async () => {
    const d = temp({ "x_test.rego": REGO_TESTS, ...suiteFiles("s") });
    const j = JSON.parse((await gwpc(["test", ".", "-r", "test_ok", "-o", "json"], d)).stdout);
    expect(j.rego.map((t: { name: string }) => t.name)).toEqual(["test_ok"]);
    expect(j.suites.counts).toMatchObject({ passed: 0 });
  });

  it.runIf(FE)("-o json: one document {rego, suites}", async () => {
    const d = temp({ "x_test.rego": REGO_TESTS, ...suiteFiles("s") });
    const r = await gwpc(["test", ".", "-o", "json"], d);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j)).toEqual(["rego", "suites"]);
    expect(j.rego.map((t: { name: string; fail?: boolean }) => [t.name, t.fail === true])).toEqual([["test_ok", false], ["test_bad", true], ["todo_test_later", false]]);
    expect(j.suites.counts).toMatchObject({ passed: 2, failed: 0, errors: 0 });
    expect(j.suites.suites[0].path).toBe("s/suite.yaml");
    const onlyRego = JSON.parse((await gwpc(["test", "x_test.rego", "-o", "json"], d)).stdout);
    expect(onlyRego.suites).toBeNull();
  });

  it.runIf(FE)("-o junit: one valid document, a testsuite per Rego package and per Suite file", async () => {
    const other = "package other_test\n\ntest_x if { true }\n";
    const d = temp({ "a_test.rego": REGO_TESTS, "b_test.rego": other, ...suiteFiles("s") });
    const r = await gwpc(["test", ".", "-o", "junit"], d);
    expect(r.code).toBe(1);
    expect(XMLValidator.validate(r.stdout)).toBe(true);
    expect(r.stdout.match(/<\?xml/g)).toHaveLength(1);
    const root = xml(r.stdout).testsuites;
    expect(root).toMatchObject({ "@name": "gwpc test", "@tests": "6", "@failures": "1", "@errors": "0", "@skipped": "1" });
    expect(root.testsuite.map((s: Record<string, string>) => s["@name"])).toEqual(["data.demo_test", "data.other_test", "s/suite.yaml"]);
    const demo = root.testsuite[0];
    expect(demo.testcase.map((c: Record<string, string>) => [c["@classname"], c["@name"]])).toEqual([
      ["data.demo_test", "test_ok"],
      ["data.demo_test", "test_bad"],
      ["data.demo_test", "todo_test_later"],
    ]);
    expect(demo.testcase[1].failure["@type"]).toBe("assertion");
    expect(demo.testcase[2].skipped).toBeDefined();
    expect(root.testsuite[2].testcase).toHaveLength(2);
  });

  it.runIf(FE)("with no paths: the project's policies/ (Rego tests and every suite.yaml), all passing", async () => {
    const r = await gwpc(["test", "-o", "junit"], ROOT);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const names: string[] = xml(r.stdout).testsuites.testsuite.map((s: Record<string, string>) => s["@name"]);
    const suites = fs.readdirSync(path.join(ROOT, "policies")).filter((p) => fs.existsSync(path.join(ROOT, "policies", p, "suite.yaml")));
    expect(suites.length).toBeGreaterThan(0);
    for (const p of suites) expect(names).toContain(`policies/${p}/suite.yaml`);
    expect(names.some((n) => n.startsWith("data."))).toBe(true);
  });

  it("usage errors are exit 2: unknown format, bad --workers, missing path, nothing to test", async () => {
    const d = temp({ "p.rego": "package demo\n\nallow if true\n", "notes.txt": "x" });
    expect((await gwpc(["test", ".", "-o", "xml"], d)).code).toBe(2);
    expect((await gwpc(["test", ".", "--workers", "0"], d)).stderr).toMatch(/--workers must be a positive integer/);
    expect((await gwpc(["test", "nope"], d)).stderr).toMatch(/nope: no such file or directory/);
    expect((await gwpc(["test", "notes.txt"], d)).code).toBe(2);
    const r = await gwpc(["test", "."], d);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no tests/);
  });
});

describe("gwpc verify --workers", () => {
  it.runIf(FE)("output is byte-identical to the in-process run once timings are removed", async () => {
    const d = temp({ ...suiteFiles("a"), ...suiteFiles("b", {}), ...suiteFiles("c") });
    const untimed = (s: string) => s.replace(/ \(\d+(\.\d+)?(ms|s)\)/g, "").replace(/time="[\d.]+"/g, 'time="0"').replace(/"durationMs": [\d.e-]+/g, '"durationMs": 0');
    for (const o of ["human", "json", "junit"]) {
      const one = await gwpc(["verify", "...", "-o", o, "--workers", "1"], d);
      const three = await gwpc(["verify", "...", "-o", o, "--workers", "3"], d);
      expect(one.code).toBe(1);
      expect(three.code).toBe(1);
      expect(untimed(three.stdout)).toBe(untimed(one.stdout));
    }
    expect((await gwpc(["verify", "...", "--workers", "x"], d)).code).toBe(2);
  });
});

describe("progress line on a terminal", () => {
  it.runIf(FE)("counts cases on stderr over workers and clears the line; stdout is unchanged", async () => {
    const cases = Array.from({ length: 60 }, (_, i) => `      - name: c${i}\n        object: good.yaml\n        assertions:\n          - violations: no\n`).join("");
    const big = SUITE.replace(/    cases:\n[\s\S]*$/, `    cases:\n${cases}`);
    const d = temp({ ...suiteFiles("a"), "a/suite.yaml": big, ...suiteFiles("b") });
    const run = async (workers: string) => {
      let stdout = "";
      let stderr = "";
      const code = await runCli(["verify", "...", "--workers", workers], { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd: d, isTTY: true });
      return { code, stdout, stderr };
    };
    for (const w of ["1", "2"]) {
      const r = await run(w);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe("\r50 cases...\r\u001b[K");
      expect(r.stdout).toMatch(/62 passed, 0 failed/);
    }
    const t = await runCli(["test", ".", "--workers", "2"], { stdout: () => {}, stderr: (s) => void expect(s).toMatch(/cases\.\.\.|\u001b\[K/), cwd: d, isTTY: true });
    expect(t).toBe(0);
  });
});
