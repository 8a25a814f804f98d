import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { error } from "../../src/diag/index.js";
import { parseYamlDocuments, templateInfo, type K8sObject } from "../../src/gatekeeper/index.js";
import { mapTemplateDiagnostics, rewriteTemplatePackage, templateSources } from "../../src/engine/index.js";

describe("template package rewrite", () => {
  const cases: { note: string; text: string; want: string }[] = [
    { note: "plain", text: "package k8srequiredlabels\n\nviolation[x] { x := 1 }\n", want: "package template\n\nviolation[x] { x := 1 }\n" },
    {
      note: "comments and a string mentioning package are left alone",
      text: '# package not.this\npackage a.b.c # trailing\n\nmsg := "package x"\n',
      want: '# package not.this\npackage template # trailing\n\nmsg := "package x"\n',
    },
    { note: "bracketed path", text: 'package a["b-c"]\n\np := 1\n', want: "package template\n\np := 1\n" },
  ];
  for (const c of cases) {
    it(c.note, () => {
      const r = rewriteTemplatePackage(c.text, "v0");
      expect(r.diagnostics).toEqual([]);
      expect(r.text).toBe(c.want);
      expect(r.text!.split("\n").length).toBe(c.text.split("\n").length);
    });
  }

  it("a Rego syntax error is returned, not thrown", () => {
    const r = rewriteTemplatePackage("p := 1\n", "v0");
    expect(r.text).toBeUndefined();
    expect(r.diagnostics[0]?.code).toBe("rego_parse_error");
  });

  it("v1 templates parse as v1", () => {
    expect(rewriteTemplatePackage("package x\n\nviolation contains {\"msg\": \"m\"} if { true }\n", "v1").text).toMatch(/^package template\n/);
  });
});

const TEMPLATE_YAML = `apiVersion: templates.gatekeeper.sh/v1
kind: ConstraintTemplate
metadata:
  name: k8sdemo
spec:
  crd:
    spec:
      names:
        kind: K8sDemo
  targets:
    - target: admission.k8s.gatekeeper.sh
      rego: |
        package k8sdemo

        violation[{"msg": msg}] {
          msg := input.x
        }
      libs:
        - |
          package lib.demo
          f(x) = x
`;

function loadTemplate(dir: string) {
  const file = path.join(dir, "template.yaml");
  fs.writeFileSync(file, TEMPLATE_YAML);
  const { docs } = parseYamlDocuments(TEMPLATE_YAML, file);
  return templateInfo(docs[0]!.value as K8sObject, { file, text: TEMPLATE_YAML, doc: docs[0]!.doc });
}

describe("template sources and error positions", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gwpc-engine-"));
  const t = loadTemplate(dir);

  it("the template as package template, libs under their own packages, v0", () => {
    const s = templateSources(t);
    expect(s.sources?.map((x) => [x.file, x.regoVersion, x.text.split("\n")[0]])).toEqual([
      ["template.rego", "v0", "package template"],
      ["lib-0.rego", "v0", "package lib.demo"],
    ]);
  });

  it("maps a Rego line:col into the template file (line offset and block indentation)", () => {
    expect(t.regoLine).toBe(13);
    // `msg := input.x` is Rego line 4, col 3 ("msg"); in the file: line 16, col 11.
    const [d] = mapTemplateDiagnostics(t, [error("rego_unsafe_var_error", "var msg is unsafe", { file: "template.rego", line: 4, col: 3 })]);
    expect(d!.location).toEqual({ file: t.file, line: 16, col: 11 });
    expect(TEMPLATE_YAML.split("\n")[15]!.slice(10)).toMatch(/^msg := input\.x/);
  });

  it("names the lib for an error inside a lib", () => {
    const [d] = mapTemplateDiagnostics(t, [error("rego_parse_error", "unexpected", { file: "lib-0.rego", line: 2, col: 1 })]);
    expect(d!.location?.file).toBe(t.file);
    expect(d!.message).toBe("libs[0]:2:1: unexpected");
  });

  it("without regoLine (a template built in memory): the place within the Rego", () => {
    const mem = { ...t, regoLine: undefined };
    delete mem.regoLine;
    const [d] = mapTemplateDiagnostics(mem, [error("rego_parse_error", "unexpected", { file: "template.rego", line: 4, col: 3 })]);
    expect(d!.location).toEqual({ file: t.file, line: 0, col: 0 });
    expect(d!.message).toBe("rego:4:3: unexpected");
  });

  it("an error without a position names the template file", () => {
    const [d] = mapTemplateDiagnostics(t, [error("gwpc_wasm_error", "too big")]);
    expect(d!.location).toEqual({ file: t.file, line: 0, col: 0 });
  });
});
