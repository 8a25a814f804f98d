import * as fs from "node:fs";
import { formatDiagnostic } from "../diag/index.js";
import {
  InputError,
  parseConstraint,
  parseYamlDocuments,
  templateInfo,
  type Constraint,
  type ConstraintTemplateInfo,
  type K8sObject,
} from "../gatekeeper/index.js";

/**
 * Reads a suite's files once per run: texts, parsed objects, template info
 * and constraints are cached by absolute path (they are never mutated), so
 * cases that share fixtures do not parse them again. Every error is an
 * InputError whose message names the file as the user wrote it.
 */
export class FixtureLoader {
  private readonly texts = new Map<string, string | InputError>();
  private readonly objectLists = new Map<string, K8sObject[] | InputError>();
  private readonly templates = new Map<string, ConstraintTemplateInfo | InputError>();
  private readonly constraints = new Map<string, Constraint | InputError>();

  text(abs: string, shown: string): string {
    return cached(this.texts, abs, () => {
      try {
        return fs.readFileSync(abs, "utf8");
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        throw new InputError(`${shown}: ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory, not a file" : (e as Error).message}`, "gwpc_missing_file");
      }
    });
  }

  /** Every object of a file (empty documents skipped); malformed YAML is an error. */
  objects(abs: string, shown: string): K8sObject[] {
    return cached(this.objectLists, abs, () => {
      const { docs, diagnostics } = parseYamlDocuments(this.text(abs, shown), shown);
      if (diagnostics.length > 0) throw new InputError(formatDiagnostic(diagnostics[0]!), diagnostics[0]!.code);
      return docs.map((d) => {
        if (typeof d.value !== "object" || d.value === null || Array.isArray(d.value)) {
          throw new InputError(`${shown}:${d.line}:1: document ${d.index} is not a Kubernetes object (a YAML mapping)`, "gwpc_object");
        }
        return d.value as K8sObject;
      });
    });
  }

  template(abs: string, shown: string): ConstraintTemplateInfo {
    return cached(this.templates, abs, () => {
      const text = this.text(abs, shown);
      const { docs, diagnostics } = parseYamlDocuments(text, shown);
      if (diagnostics.length > 0) throw new InputError(formatDiagnostic(diagnostics[0]!), diagnostics[0]!.code);
      const first = docs[0];
      if (!first) throw new InputError(`${shown}: defines no ConstraintTemplate (the file is empty)`, "gwpc_template");
      try {
        return templateInfo(first.value as K8sObject, { file: shown, text, doc: first.doc });
      } catch (e) {
        throw e instanceof InputError ? new InputError(`${shown}: ${e.message}`, e.code) : e;
      }
    });
  }

  constraint(abs: string, shown: string): Constraint {
    return cached(this.constraints, abs, () => {
      const first = this.objects(abs, shown)[0];
      if (!first) throw new InputError(`${shown}: defines no constraint (the file is empty)`, "gwpc_constraint");
      try {
        return parseConstraint(first);
      } catch (e) {
        throw e instanceof InputError ? new InputError(`${shown}: ${e.message}`, e.code) : e;
      }
    });
  }
}

function cached<T>(m: Map<string, T | InputError>, key: string, make: () => T): T {
  let v = m.get(key);
  if (v === undefined) {
    try {
      v = make();
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      v = e;
    }
    m.set(key, v);
  }
  if (v instanceof InputError) throw v;
  return v;
}
