/**
 * A generated gator Suite for the suite bench: the objects of a generated
 * cluster dump (fixtures-cluster.ts) as cases of the constraints in gwpc's
 * bundle for examples/policy.yaml, written to a temporary directory in
 * gator's layout (suite.yaml, template and constraint files, one file per
 * object, one inventory file).
 *
 * One test per constraint; a case for every object the constraint matches,
 * asserting the number of violations the generator planted for that
 * constraint kind (from policies/README.md's rules, not from running the
 * engine). Every case's inventory is the dump's Namespaces and
 * ReferenceGrants, all the cluster state the policies read, so the answers
 * are the audit's. It models a platform team's suite: few templates, many
 * cases each (~200 per template), where gator's compile per case shows.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { renderBundle } from "../src/bundle/index.js";
import { loadPolicyFile } from "../src/config/index.js";
import { buildReview, matchReview, parseConstraint, readObjectsText, type K8sObject } from "../src/gatekeeper/index.js";
import { generateClusterDump, objectKey } from "./fixtures-cluster.js";

export interface GeneratedSuite {
  dir: string;
  cases: number;
  templates: number;
  remove(): void;
}

/** Writes the suite for a dump of `objects` objects from examples/policy.yaml's bundle. */
export function writeGeneratedSuite(policyFile: string, objects: number): GeneratedSuite {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gwpc-bench-suite-"));
  try {
    const templates: K8sObject[] = [];
    const constraints: K8sObject[] = [];
    for (const [name, content] of renderBundle(loadPolicyFile(policyFile), { sourceName: policyFile })) {
      if (typeof content !== "string" || !/\.ya?ml$/.test(name)) continue;
      for (const o of readObjectsText(content, name).objects) {
        if (o.object.kind === "ConstraintTemplate") templates.push(o.object);
        else if (String(o.object.apiVersion ?? "").startsWith("constraints.gatekeeper.sh/")) constraints.push(o.object);
      }
    }
    const dump = generateClusterDump(objects);
    const parsed = dump.documents.map((text, i) => {
      const o = readObjectsText(text, `object ${i}`).objects[0]!.object;
      return { text, object: o, file: `objects/${String(i).padStart(5, "0")}.yaml` };
    });
    fs.mkdirSync(path.join(dir, "objects"));
    fs.mkdirSync(path.join(dir, "templates"));
    fs.mkdirSync(path.join(dir, "constraints"));
    for (const p of parsed) fs.writeFileSync(path.join(dir, p.file), p.text + "\n");
    const state = parsed.filter((p) => p.object.kind === "Namespace" || p.object.kind === "ReferenceGrant");
    fs.writeFileSync(path.join(dir, "inventory.yaml"), state.map((p) => p.text).join("\n---\n") + "\n");
    const namespaces = new Map(state.filter((p) => p.object.kind === "Namespace").map((p) => [String((p.object.metadata as { name: string }).name), p.object]));

    const lines = ["kind: Suite", "apiVersion: test.gatekeeper.sh/v1alpha1", "metadata:", "  name: generated", "tests:"];
    let cases = 0;
    for (const c of constraints) {
      const kind = String(c.kind);
      const t = templates.find((x) => (x.spec as { crd: { spec: { names: { kind: string } } } }).crd.spec.names.kind === kind);
      if (!t) continue;
      const name = String((c.metadata as { name: string }).name);
      fs.writeFileSync(path.join(dir, "templates", `${kind}.json`), JSON.stringify(t, null, 1) + "\n");
      fs.writeFileSync(path.join(dir, "constraints", `${kind}-${name}.json`), JSON.stringify(c, null, 1) + "\n");
      const constraint = parseConstraint(c);
      lines.push(`- name: ${kind}-${name}`, `  template: templates/${kind}.json`, `  constraint: constraints/${kind}-${name}.json`, "  cases:");
      for (const p of parsed) {
        const meta = p.object.metadata as { name: string; namespace?: string };
        const target = buildReview(p.object);
        const m = matchReview(constraint.match, target, meta.namespace !== undefined ? (namespaces.get(meta.namespace) ?? null) : null);
        if ("error" in m || !m.matched) continue;
        const want = (dump.expected.get(objectKey(String(p.object.kind), meta.namespace, meta.name)) ?? []).filter((e) => e.constraintKind === kind).length;
        lines.push(`  - name: ${p.object.kind}-${meta.namespace ?? ""}-${meta.name}`, `    object: ${p.file}`, "    inventory:", "    - inventory.yaml", "    assertions:", `    - violations: ${want === 0 ? "no" : want}`);
        cases++;
      }
    }
    fs.writeFileSync(path.join(dir, "suite.yaml"), lines.join("\n") + "\n");
    return { dir, cases, templates: templates.length, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}
