/**
 * The policies/ folders against their contract (policies/README.md):
 * every folder has its Rego, Rego tests, suite, constraint and samples; every
 * suite is a well-formed gator Suite whose files exist; every constraint has
 * the README's kind; every Gateway API sample object validates against the
 * official CRD schema of its version (../shared/crds).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import {
  calledNames,
  crdDir,
  definedNames,
  isConstraintFile,
  isObj,
  loadCrds,
  objectsOf,
  policiesDir,
  policyFolders,
  readContract,
  readYaml,
  regoCode,
  sampleFiles,
  snake,
  type Json,
  type Obj,
  type SuiteCase,
  type SuiteTest,
} from "./policy-files.js";

/** The builtins the project's Rego -> Wasm compiler supports first. */
const ALLOWED_BUILTINS = new Set([
  "sprintf",
  "object.get",
  "startswith",
  "endswith",
  "count",
  "concat",
  "contains",
  "split",
  "lower",
  "glob.match",
  "is_string",
  "is_array",
  "is_object",
  "array.concat",
  "trim",
  "sort",
  "union",
]);

const GATEWAY_GROUPS = new Set(["gateway.networking.k8s.io", "gateway.networking.x-k8s.io"]);

const contract = readContract();
const folders = policyFolders();

describe("policies/README.md contract", () => {
  it("lists the five policies", () => {
    expect(contract.map((r) => r.folder).sort()).toEqual([
      "cross-namespace-refs",
      "gatewayclass-namespaces",
      "persona-writes",
      "referencegrant-rules",
      "route-binding",
    ]);
  });
  it("has one folder per row and no other", () => {
    expect(folders).toEqual(contract.map((r) => r.folder).sort());
  });
});

describe.each(contract)("policies/$folder", ({ folder, kind }) => {
  const dir = path.join(policiesDir, folder);
  const rel = (f: string) => path.join(dir, f);
  const regoFile = rel(`${folder}.rego`);
  const testFile = rel(`${folder}_test.rego`);
  const samples = sampleFiles(folder);

  it("has the five kinds of file: rego, rego tests, suite, constraint, sample objects", () => {
    expect(fs.existsSync(regoFile), `${folder}.rego`).toBe(true);
    expect(fs.existsSync(testFile), `${folder}_test.rego`).toBe(true);
    expect(fs.existsSync(rel("suite.yaml")), "suite.yaml").toBe(true);
    expect(samples.filter(isConstraintFile).length, "samples/constraint*.yaml").toBeGreaterThan(0);
    expect(samples.filter((s) => !isConstraintFile(s)).length, "sample objects").toBeGreaterThan(0);
  });

  it("Rego: package gwpc.<name>, import rego.v1, a violation rule, only supported builtins, no with/print", () => {
    const src = fs.readFileSync(regoFile, "utf8");
    const code = regoCode(src);
    expect(code).toMatch(new RegExp(`^package gwpc\\.${snake(folder)}\\s*$`, "m"));
    expect(code).toMatch(/^import rego\.v1\s*$/m);
    expect(code).toMatch(/^violation contains \{/m);
    expect(code).not.toMatch(/\bwith\b/);
    expect(code).not.toMatch(/\bprint\s*\(/);
    expect(code).not.toMatch(/\bdata\.(?!inventory\b)/);
    const defined = definedNames(code);
    const unsupported = [...calledNames(code)].filter((n) => !defined.has(n) && !ALLOWED_BUILTINS.has(n));
    expect(unsupported).toEqual([]);
  });

  it("Rego tests: package gwpc.<name>_test importing the policy, test_* rules, supported builtins", () => {
    const src = fs.readFileSync(testFile, "utf8");
    const code = regoCode(src);
    expect(code).toMatch(new RegExp(`^package gwpc\\.${snake(folder)}_test\\s*$`, "m"));
    expect(code).toMatch(new RegExp(`^import data\\.gwpc\\.${snake(folder)}\\s*$`, "m"));
    expect(code).toMatch(/^import rego\.v1\s*$/m);
    const tests = [...code.matchAll(/^(test_[a-z0-9_]+) if \{/gm)].map((m) => m[1]!);
    expect(tests.length).toBeGreaterThanOrEqual(10);
    expect(new Set(tests).size, "test names are unique").toBe(tests.length);
    const defined = definedNames(code);
    const unsupported = [...calledNames(code)].filter((n) => !defined.has(n) && !ALLOWED_BUILTINS.has(n));
    expect(unsupported).toEqual([]);
  });

  it("constraints have the README's kind, a match on Gateway API kinds and parameters", () => {
    for (const c of samples.filter(isConstraintFile)) {
      const doc = readYaml(rel(c));
      expect(isObj(doc), c).toBe(true);
      const o = doc as Obj;
      expect(o.apiVersion, c).toBe("constraints.gatekeeper.sh/v1beta1");
      expect(o.kind, c).toBe(kind);
      expect(isObj(o.metadata) && typeof o.metadata.name === "string" && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(o.metadata.name), c).toBe(true);
      const spec = o.spec as Obj;
      expect(isObj(spec), c).toBe(true);
      expect(isObj(spec.parameters), `${c}: spec.parameters`).toBe(true);
      const match = spec.match as Obj;
      expect(isObj(match) && Array.isArray(match.kinds) && match.kinds.length > 0, `${c}: spec.match.kinds`).toBe(true);
      for (const k of match.kinds as Json[]) {
        expect(isObj(k) && Array.isArray(k.apiGroups) && Array.isArray(k.kinds), c).toBe(true);
        for (const g of (k as Obj).apiGroups as Json[]) expect(GATEWAY_GROUPS.has(g as string), `${c}: apiGroup ${String(g)}`).toBe(true);
      }
    }
  });

  it("template.yaml (generated) is this folder's ConstraintTemplate", () => {
    const t = readYaml(rel("template.yaml"));
    expect(isObj(t)).toBe(true);
    const o = t as Obj;
    expect(o.kind).toBe("ConstraintTemplate");
    expect(isObj(o.metadata) && o.metadata.name).toBe(kind.toLowerCase());
  });

  it("suite.yaml is a gator Suite whose files all exist", () => {
    const suite = readYaml(rel("suite.yaml"));
    expect(isObj(suite)).toBe(true);
    const s = suite as Obj;
    expect(s.kind).toBe("Suite");
    expect(s.apiVersion).toBe("test.gatekeeper.sh/v1alpha1");
    expect(Array.isArray(s.tests) && s.tests.length > 0).toBe(true);
    const used = new Set<string>();
    for (const t of s.tests as SuiteTest[]) {
      expect(t.template).toBe("template.yaml");
      expect(typeof t.constraint === "string" && isConstraintFile(t.constraint), `constraint ${String(t.constraint)}`).toBe(true);
      expect(fs.existsSync(rel(t.constraint as string)), `${String(t.constraint)} exists`).toBe(true);
      used.add(t.constraint as string);
      expect(Array.isArray(t.cases) && t.cases.length > 0, `${String(t.name)}: cases`).toBe(true);
      const caseNames = new Set<string>();
      for (const c of t.cases as SuiteCase[]) {
        const where = `${String(t.name)}/${String(c.name)}`;
        expect(typeof c.name === "string" && !caseNames.has(c.name), `${where}: unique name`).toBe(true);
        caseNames.add(c.name as string);
        expect(typeof c.object === "string" && fs.existsSync(rel(c.object)), `${where}: object ${String(c.object)}`).toBe(true);
        used.add(c.object as string);
        if (c.inventory !== undefined) {
          expect(Array.isArray(c.inventory), `${where}: inventory is a list`).toBe(true);
          for (const f of c.inventory as Json[]) {
            expect(typeof f === "string" && fs.existsSync(rel(f)), `${where}: inventory ${String(f)}`).toBe(true);
            used.add(f as string);
          }
        }
        expect(Array.isArray(c.assertions) && c.assertions.length > 0, `${where}: assertions`).toBe(true);
        for (const a of c.assertions as Json[]) {
          expect(isObj(a), where).toBe(true);
          const v = (a as Obj).violations;
          const okViolations = v === undefined || v === "yes" || v === "no" || (typeof v === "number" && Number.isInteger(v) && v >= 0);
          expect(okViolations, `${where}: violations ${String(v)}`).toBe(true);
          const m = (a as Obj).message;
          if (m !== undefined) {
            expect(typeof m, `${where}: message is a string`).toBe("string");
            expect(() => new RegExp(m as string), `${where}: message regex`).not.toThrow();
          }
        }
      }
    }
    // every sample is used by the suite
    expect(samples.filter((f) => !used.has(f))).toEqual([]);
  });

  it("sample objects: one object or one AdmissionReview per file", () => {
    for (const f of samples.filter((s) => !isConstraintFile(s))) {
      const doc = readYaml(rel(f));
      expect(isObj(doc), f).toBe(true);
      const o = doc as Obj;
      if (o.kind === "AdmissionReview") {
        expect(["admission.k8s.io/v1", "admission.k8s.io/v1beta1"], f).toContain(o.apiVersion);
        const req = o.request as Obj;
        expect(isObj(req), `${f}: request`).toBe(true);
        expect(["CREATE", "UPDATE", "DELETE", "CONNECT"], `${f}: operation`).toContain(req.operation);
        expect(isObj(req.kind) && typeof req.kind.kind === "string", `${f}: request.kind`).toBe(true);
        const obj = (req.operation === "DELETE" ? req.oldObject : req.object) as Obj;
        expect(isObj(obj), `${f}: request.object (oldObject on DELETE)`).toBe(true);
        expect((req.kind as Obj).kind, `${f}: request.kind.kind`).toBe(obj.kind);
        if (req.userInfo !== undefined) {
          expect(isObj(req.userInfo) && typeof req.userInfo.username === "string", `${f}: userInfo.username`).toBe(true);
        }
      } else {
        expect(typeof o.apiVersion === "string" && typeof o.kind === "string", f).toBe(true);
        expect(isObj(o.metadata) && typeof o.metadata.name === "string", `${f}: metadata.name`).toBe(true);
      }
    }
  });
});

describe("persona-writes samples", () => {
  const files = sampleFiles("persona-writes").filter((f) => !isConstraintFile(f));
  const reviews = files
    .map((f) => readYaml(path.join(policiesDir, "persona-writes", f)))
    .filter((d): d is Obj => isObj(d) && d.kind === "AdmissionReview");
  it("include AdmissionReviews with and without userInfo", () => {
    expect(reviews.filter((r) => isObj(r.request) && isObj(r.request.userInfo)).length).toBeGreaterThan(5);
    expect(reviews.filter((r) => isObj(r.request) && r.request.userInfo === undefined).length).toBeGreaterThan(0);
  });
});

/** Every Gateway API object in the samples, with the file it came from. */
function gatewayApiSamples(): { label: string; obj: Obj }[] {
  const out: { label: string; obj: Obj }[] = [];
  for (const folder of folders) {
    for (const f of sampleFiles(folder).filter((s) => !isConstraintFile(s))) {
      for (const { where, obj } of objectsOf(readYaml(path.join(policiesDir, folder, f)))) {
        const group = typeof obj.apiVersion === "string" ? obj.apiVersion.split("/")[0]! : "";
        if (GATEWAY_GROUPS.has(group)) out.push({ label: `${folder}/${f}${where ? ` ${where}` : ""}`, obj });
      }
    }
  }
  return out;
}

describe("sample objects validate against the official Gateway API CRDs", () => {
  if (!fs.existsSync(crdDir)) {
    console.info(`skipping CRD validation of policy samples: ../shared is missing (${crdDir})`);
    it("../shared/crds is absent, so there is nothing to validate against", () => {
      expect(fs.existsSync(crdDir)).toBe(false);
    });
    return;
  }
  const crds = loadCrds(path.join(crdDir, "gateway-api"));
  const samples = gatewayApiSamples();

  it("finds Gateway API samples of every kind the policies match", () => {
    const kinds = new Set(samples.map((s) => s.obj.kind));
    for (const k of ["Gateway", "GatewayClass", "ListenerSet", "ReferenceGrant", "HTTPRoute", "GRPCRoute", "TCPRoute"]) {
      expect(kinds, k).toContain(k);
    }
  });

  it.each(samples.map((s) => [s.label, s.obj] as const))("%s", (_label, obj) => {
    const apiVersion = obj.apiVersion as string;
    const key = `${apiVersion}/${String(obj.kind)}`;
    const crd = crds.get(key);
    expect(crd, `a CRD version for ${key}`).toBeDefined();
    expect(crd!.served, `${key} is served`).toBe(true);
    const ok = crd!.validate(obj);
    expect(ok ? [] : crd!.validate.errors?.map((e) => `${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`)).toEqual([]);
  });
});
