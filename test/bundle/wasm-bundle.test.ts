/**
 * policy.wasm and bundle.tar.gz: the bundle's Rego compiled by gwpc's own
 * compiler, evaluated through the official OPA Wasm SDK against the policies'
 * gator suites, and packed as a deterministic OPA bundle.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as zlib from "node:zlib";
import { type LoadedPolicy, loadPolicy } from "@open-policy-agent/opa-wasm";
import { Parser } from "tar";
import { beforeAll, describe, expect, it } from "vitest";
import { type BundleFiles, packageFiles, renderBundle } from "../../src/bundle/index.js";
import {
  OPA_BUNDLE_FILE,
  WASM_FILE,
  buildWasmBundle,
  bundleRegoPath,
  compilePolicyWasm,
  deterministicGzip,
  deterministicTar,
  opaBundleEntries,
  wasmEntrypoint,
  type TemplateRego,
} from "../../src/bundle/wasm-bundle.js";
import { normalizeBlockText } from "../../src/bundle/yaml-emit.js";
import { GwpcError } from "../../src/diag/index.js";
import {
  buildInput,
  buildInventory,
  buildReview,
  lookupNamespace,
  matchReview,
  reviewWithNamespace,
  type CompiledTemplate,
  type K8sObject,
  type PolicyEngine,
  type RawViolation,
} from "../../src/gatekeeper/index.js";
import { packageRoot } from "../../src/package-root.js";
import { TEMPLATES, type TemplateId } from "../../src/policy/index.js";
import { FixtureLoader, readSuiteFile, runSuites, type Suite, type SuiteCase } from "../../src/suite/index.js";
import { CLASSES_ONLY, EMPTY, GOLDEN_CASES } from "./models.js";
import { stubPackageFiles, stubRego } from "./stub-files.js";

const ROOT = packageRoot();
const ALL_IDS = TEMPLATES.map((t) => t.id);
const realRego = (id: TemplateId) => normalizeBlockText(fs.readFileSync(path.join(ROOT, "policies", id, `${id}.rego`), "utf8")) + "\n";

/** Every entry of a .tar.gz: name, header fields and bytes, in archive order. */
function readTarGz(bytes: Uint8Array): { path: string; type: string; mode: number; uid: number; gid: number; uname: string; gname: string; mtime: number; data: Buffer }[] {
  const out: ReturnType<typeof readTarGz> = [];
  const parser = new Parser({
    strict: true,
    onReadEntry: (e) => {
      const chunks: Buffer[] = [];
      e.on("data", (c: Buffer) => chunks.push(c));
      e.on("end", () =>
        out.push({ path: e.path, type: e.type, mode: e.mode ?? -1, uid: e.uid ?? -1, gid: e.gid ?? -1, uname: e.uname ?? "", gname: e.gname ?? "", mtime: e.mtime?.getTime() ?? -1, data: Buffer.concat(chunks) }),
      );
    },
  });
  parser.end(zlib.gunzipSync(bytes));
  return out;
}

const bytesOf = (files: BundleFiles, key: string): Uint8Array => {
  const v = files.get(key);
  expect(v, key).toBeInstanceOf(Uint8Array);
  return v as Uint8Array;
};

// The SPEC example turns on all five templates.
const FULL = GOLDEN_CASES["spec-example"]!;

describe("policy.wasm and bundle.tar.gz in the bundle", () => {
  const files = renderBundle(FULL, { sourceName: "spec-example.yaml" });

  it("are rendered next to the YAML, but not listed in kustomization.yaml", () => {
    expect(files.has(WASM_FILE)).toBe(true);
    expect(files.has(OPA_BUNDLE_FILE)).toBe(true);
    expect([...files.keys()]).toEqual([...files.keys()].sort());
    const kustomization = String(files.get("kustomization.yaml"));
    expect(kustomization).not.toMatch(/policy\.wasm|bundle\.tar\.gz/);
    // Every other file but the README is a kustomization resource.
    const resources = [...files.keys()].filter((k) => k.endsWith(".yaml") && k !== "kustomization.yaml");
    for (const r of resources) expect(kustomization).toContain(`  - ${r}\n`);
  });

  it("the README names them and every entrypoint", () => {
    const readme = String(files.get("README.md"));
    expect(readme).toContain("## Compiled policy (`policy.wasm`, `bundle.tar.gz`)");
    expect(readme).toContain("- `policy.wasm`\n");
    expect(readme).toContain("- `bundle.tar.gz`\n");
    for (const id of ALL_IDS) expect(readme).toContain(`- \`${wasmEntrypoint(id)}\`\n`);
    // Nothing in it depends on the compiled bytes: a compiler change does not touch the README.
    expect(readme).not.toMatch(/[0-9a-f]{64}/);
  });

  it("a policy without templates has neither (nor a README section)", () => {
    const empty = renderBundle(EMPTY);
    expect(empty.has(WASM_FILE)).toBe(false);
    expect(empty.has(OPA_BUNDLE_FILE)).toBe(false);
    expect(String(empty.get("README.md"))).not.toContain("policy.wasm");
  });

  it("wasm: false leaves them out", () => {
    const yamlOnly = renderBundle(FULL, { sourceName: "spec-example.yaml", wasm: false });
    expect([...yamlOnly.keys()]).toEqual([...files.keys()].filter((k) => k !== WASM_FILE && k !== OPA_BUNDLE_FILE));
  });

  it("are byte-identical across renders (and a fresh compile)", () => {
    const again = renderBundle(structuredClone(FULL), { sourceName: "spec-example.yaml" });
    expect(Buffer.compare(bytesOf(again, WASM_FILE), bytesOf(files, WASM_FILE))).toBe(0);
    expect(Buffer.compare(bytesOf(again, OPA_BUNDLE_FILE), bytesOf(files, OPA_BUNDLE_FILE))).toBe(0);
    // Not just the memo: compiling and packing again gives the same bytes.
    const templates = ALL_IDS.map((id) => ({ id, rego: realRego(id) }));
    const wasm = compilePolicyWasm(templates);
    expect(Buffer.compare(wasm, bytesOf(files, WASM_FILE))).toBe(0);
    const tarGz = deterministicGzip(deterministicTar(opaBundleEntries(templates, wasm).entries));
    expect(Buffer.compare(tarGz, bytesOf(files, OPA_BUNDLE_FILE))).toBe(0);
  });

  it("a cached build hands out copies", () => {
    const templates = ALL_IDS.map((id) => ({ id, rego: realRego(id) }));
    const a = buildWasmBundle(templates);
    a.wasm[0] = 0xff;
    a.tarGz[0] = 0xff;
    const b = buildWasmBundle(templates);
    expect(b.wasm[0]).toBe(0);
    expect(b.tarGz[0]).toBe(0x1f);
  });
});

describe("bundle.tar.gz is an OPA bundle", () => {
  const files = renderBundle(FULL, { sourceName: "spec-example.yaml" });
  const tarGz = bytesOf(files, OPA_BUNDLE_FILE);
  const entries = readTarGz(tarGz);

  it("has a fixed gzip header: no mtime, OS byte 255", () => {
    expect([...tarGz.subarray(0, 4)]).toEqual([0x1f, 0x8b, 8, 0]);
    expect([...tarGz.subarray(4, 8)]).toEqual([0, 0, 0, 0]);
    expect(tarGz[9]).toBe(255);
  });

  it("lists exactly the manifest, data.json, each template's Rego at its package path and policy.wasm, sorted", () => {
    const expected = ["/.manifest", "/data.json", ...ALL_IDS.map(bundleRegoPath), "/policy.wasm"].sort();
    expect(entries.map((e) => e.path)).toEqual(expected);
    expect(ALL_IDS.map(bundleRegoPath)).toContain("/gwpc/route_binding/route-binding.rego");
  });

  it("every entry is a plain file: mode 0644, uid/gid 0, no names, mtime 0", () => {
    for (const e of entries) {
      expect({ path: e.path, type: e.type, mode: e.mode, uid: e.uid, gid: e.gid, uname: e.uname, gname: e.gname, mtime: e.mtime }).toEqual({
        path: e.path, type: "File", mode: 0o644, uid: 0, gid: 0, uname: "", gname: "", mtime: 0,
      });
    }
  });

  it("holds policy.wasm, the templates' Rego unchanged and empty data", () => {
    const get = (p: string) => entries.find((e) => e.path === p)!.data;
    expect(Buffer.compare(get("/policy.wasm"), bytesOf(files, WASM_FILE))).toBe(0);
    expect(JSON.parse(get("/data.json").toString("utf8"))).toEqual({});
    for (const id of ALL_IDS) {
      const rego = get(bundleRegoPath(id)).toString("utf8");
      expect(rego, id).toBe(realRego(id));
      expect(rego).toMatch(new RegExp(`^package gwpc\\.${id.replaceAll("-", "_")}$`, "m"));
    }
  });

  it(".manifest: revision, roots [gwpc], one wasm entrypoint per template in template order, rego_version 1", () => {
    const manifest = JSON.parse(entries.find((e) => e.path === "/.manifest")!.data.toString("utf8"));
    expect(Object.keys(manifest).sort()).toEqual(["rego_version", "revision", "roots", "wasm"]);
    expect(manifest.revision).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(manifest.roots).toEqual(["gwpc"]);
    expect(manifest.rego_version).toBe(1);
    expect(manifest.wasm).toEqual(ALL_IDS.map((id) => ({ entrypoint: `gwpc/${id.replaceAll("-", "_")}/violation`, module: "/policy.wasm" })));
  });

  it("the revision follows the content: other templates or other Rego give another revision", () => {
    const revision = (templates: TemplateRego[]) => buildWasmBundle(templates).manifest.revision;
    const base = revision([{ id: "gatewayclass-namespaces", rego: stubRego("gatewayclass-namespaces") }]);
    expect(revision([{ id: "gatewayclass-namespaces", rego: stubRego("gatewayclass-namespaces") }])).toBe(base);
    expect(revision([{ id: "gatewayclass-namespaces", rego: stubRego("gatewayclass-namespaces") + "# changed\n" }])).not.toBe(base);
    expect(revision([{ id: "route-binding", rego: stubRego("route-binding") }])).not.toBe(base);
  });

  it("a bundle with some templates has only their entries and entrypoints", () => {
    const partial = renderBundle(CLASSES_ONLY);
    const names = readTarGz(bytesOf(partial, OPA_BUNDLE_FILE)).map((e) => e.path);
    expect(names).toEqual(["/.manifest", "/data.json", "/gwpc/gatewayclass_namespaces/gatewayclass-namespaces.rego", "/policy.wasm"]);
    expect(String(partial.get("README.md"))).toContain("- `gwpc/gatewayclass_namespaces/violation`\n");
  });
});

describe("Rego that does not compile", () => {
  it("is a GwpcError (exit 70) with the compiler's diagnostics, and no bundle", () => {
    const broken = stubPackageFiles();
    const files = { ...broken, rego: (id: TemplateId) => (id === "gatewayclass-namespaces" ? stubRego(id).replace("violation contains", "violation contains contains") : stubRego(id)) };
    let err: unknown;
    try {
      renderBundle(CLASSES_ONLY, { packageFiles: files });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(GwpcError);
    const g = err as GwpcError;
    expect(g.exitCode).toBe(70);
    expect(g.diagnostics[0]!.code).toBe("gwpc_internal");
    expect(g.diagnostics.slice(1).length).toBeGreaterThan(0);
    expect(g.diagnostics.slice(1).every((d) => d.location?.file === "policies/gatewayclass-namespaces/gatewayclass-namespaces.rego")).toBe(true);
  });

  it("an unsafe variable is reported with OPA's code", () => {
    const rego = stubRego("route-binding").replace('input.review.object.kind == "Nothing"', "x == 1");
    expect(() => compilePolicyWasm([{ id: "route-binding", rego }])).toThrow(/rego_unsafe_var_error/);
  });

  it("Rego outside its package is refused before compiling", () => {
    const rego = stubRego("route-binding").replace("package gwpc.route_binding", "package gwpc.other");
    expect(() => compilePolicyWasm([{ id: "route-binding", rego }])).toThrow(/package is "gwpc.other", expected "gwpc.route_binding"/);
  });
});

// ---------------------------------------------------------------------------
// Evaluating policy.wasm with the OPA SDK against the policies' suites
// ---------------------------------------------------------------------------

const entrypointOfKind = new Map(TEMPLATES.map((t) => [t.kind, wasmEntrypoint(t.id)]));

/** A PolicyEngine over one loaded policy.wasm: a template's kind selects its entrypoint. */
function wasmBundleEngine(policy: LoadedPolicy, bundleRego: Map<string, string>): PolicyEngine {
  return {
    name: "policy.wasm",
    compileTemplate(t): CompiledTemplate {
      const entrypoint = entrypointOfKind.get(t.kind);
      if (!entrypoint) throw new Error(`no entrypoint for template kind ${t.kind}`);
      // The suite's template must carry the Rego the bundle compiled.
      expect(normalizeBlockText(t.rego ?? "") + "\n", t.kind).toBe(bundleRego.get(entrypoint));
      return {
        evaluate(input, data) {
          policy.setData(data as object);
          const rs = policy.evaluate(input, entrypoint) as { result: RawViolation[] }[];
          if (rs.length !== 1) throw new Error(`${entrypoint}: expected one result, got ${JSON.stringify(rs)}`);
          return rs[0]!.result;
        },
      };
    },
  };
}

const expectedCount = (c: SuiteCase): number | "some" => {
  const v = c.assertions[0]!.violations;
  if (v === "no" || v === 0) return 0;
  if (v === "yes" || v === undefined) return "some";
  return v as number;
};

describe("policy.wasm in the OPA SDK", () => {
  const files = renderBundle(FULL, { sourceName: "spec-example.yaml" });
  const bundleRego = new Map(ALL_IDS.map((id) => [wasmEntrypoint(id), realRego(id)]));
  let policy: LoadedPolicy;
  beforeAll(async () => {
    policy = await loadPolicy(bytesOf(files, WASM_FILE));
  });

  it("loads and exposes exactly the templates' entrypoints", () => {
    expect(Object.keys(policy.entrypoints as Record<string, number>).sort()).toEqual(ALL_IDS.map(wasmEntrypoint).sort());
  });

  const suites = new Map<TemplateId, Suite>();
  for (const id of ALL_IDS) {
    const file = path.join(ROOT, "policies", id, "suite.yaml");
    const r = readSuiteFile(file, `policies/${id}/suite.yaml`);
    if (r.suite) suites.set(id, r.suite);
  }

  it("reads every policy's suite", () => {
    expect([...suites.keys()]).toEqual(ALL_IDS);
  });

  // One allowed and one denied sample per policy, with the input built by hand from the harness's helpers.
  for (const id of ALL_IDS) {
    it(`${id}: an allowed and a denied sample evaluate as the suite expects`, () => {
      const suite = suites.get(id)!;
      const loader = new FixtureLoader();
      const dir = path.dirname(suite.file);
      const test = suite.tests.find((t) => !t.invalid && !t.skip && t.cases.length > 0)!;
      const constraint = loader.constraint(path.join(dir, test.constraint), test.constraint);
      const entrypoint = wasmEntrypoint(id);
      const evaluateCase = (c: SuiteCase) => {
        const object = loader.objects(path.join(dir, c.object), c.object)[0]!;
        const inventory = buildInventory(c.inventory.flatMap((p) => loader.objects(path.join(dir, p), p)));
        const target = buildReview(object);
        const ns = lookupNamespace(inventory, target.namespace);
        const m = matchReview(constraint.match, target, ns);
        const review = reviewWithNamespace(target, ns) as K8sObject;
        policy.setData({ inventory });
        const rs = policy.evaluate(buildInput(review, constraint.parameters), entrypoint) as { result: RawViolation[] }[];
        return { matched: "matched" in m && m.matched, violations: rs[0]!.result };
      };
      // An allowed case the constraint matches (so the Rego, not the match, allows it) and a denied case.
      const allowed = test.cases.find((c) => expectedCount(c) === 0 && evaluateCase(c).matched);
      const denied = test.cases.find((c) => expectedCount(c) !== 0);
      expect(allowed, `${id}: no matched allowed case`).toBeDefined();
      expect(denied, `${id}: no denied case`).toBeDefined();
      const a = evaluateCase(allowed!);
      expect(a.violations, `${id} ${allowed!.name}`).toEqual([]);
      const d = evaluateCase(denied!);
      expect(d.matched, `${id} ${denied!.name}`).toBe(true);
      const want = expectedCount(denied!);
      if (want === "some") expect(d.violations.length, `${id} ${denied!.name}`).toBeGreaterThan(0);
      else expect(d.violations.length, `${id} ${denied!.name}`).toBe(want);
      for (const v of d.violations) expect(typeof v.msg).toBe("string");
      const message = denied!.assertions[0]!.message;
      if (message !== undefined) expect(d.violations.some((v) => new RegExp(message).test(v.msg as string)), `${id} ${denied!.name}: ${message}`).toBe(true);
    });
  }

  // Every case of every suite through the harness (match, review, assertions) on policy.wasm.
  for (const id of ALL_IDS) {
    it(`${id}: every suite case passes on policy.wasm`, () => {
      const [result] = runSuites([suites.get(id)!], { engine: wasmBundleEngine(policy, bundleRego) });
      const problems = result!.tests.flatMap((t) => [
        ...(t.message !== undefined ? [`${t.name}: ${t.message}`] : []),
        ...t.cases.filter((c) => c.outcome !== "pass").map((c) => `${t.name}//${c.name}: ${c.outcome}: ${c.message ?? ""}`),
      ]);
      expect(problems).toEqual([]);
      expect(result!.tests.reduce((n, t) => n + t.cases.length, 0)).toBeGreaterThan(3);
    });
  }
});

describe("tar and gzip helpers", () => {
  it("refuse a name that does not fit a ustar header", () => {
    expect(() => deterministicTar(new Map([["/" + "x".repeat(120), new Uint8Array()]]))).toThrow(/does not fit/);
  });

  it("an empty file and one that fills whole blocks round-trip", () => {
    const entries = new Map([
      ["/b", new Uint8Array(1024).fill(7)],
      ["/a", new Uint8Array()],
    ]);
    const back = readTarGz(deterministicGzip(deterministicTar(entries)));
    expect(back.map((e) => [e.path, e.data.length])).toEqual([["/a", 0], ["/b", 1024]]);
    expect(back[1]!.data.every((b) => b === 7)).toBe(true);
  });

  it("the real policies compile with the packaged files", () => {
    // renderBundle reads policies/ through packageFiles(); the same Rego as realRego.
    for (const id of ALL_IDS) expect(normalizeBlockText(packageFiles().rego(id)) + "\n").toBe(realRego(id));
  });
});
