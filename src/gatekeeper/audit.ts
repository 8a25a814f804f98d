import { error, GwpcError, type Diagnostic } from "../diag/index.js";
import type { Constraint } from "./constraint.js";
import { TemplateCache, type CompiledTemplate, type PolicyEngine } from "./engine.js";
import { InputError } from "./errors.js";
import { reviewConstraint } from "./evaluate.js";
import { addToInventory, emptyInventory } from "./inventory.js";
import { isAdmissionReview } from "./objects.js";
import type { PolicySet } from "./policy-set.js";
import { buildReview, type ObjectIdentity, type ReviewTarget } from "./review.js";
import { ENFORCEMENT_POINTS, type K8sObject, type Violation } from "./types.js";
import type { SourcedObject } from "./dump.js";

export interface AuditObjectResult {
  object: ObjectIdentity;
  violations: Violation[];
  source?: { file: string; index: number };
}

export interface AuditReport {
  /** Objects with at least one violation, in input order. */
  results: AuditObjectResult[];
  /** Objects reviewed. */
  objects: number;
  violations: number;
  diagnostics: Diagnostic[];
}

export interface AuditOptions {
  /** Default audit.gatekeeper.sh: scoped actions are resolved for Gatekeeper's audit. */
  enforcementPoint?: string;
}

/**
 * Review every object against every matching constraint. The objects double
 * as the inventory (AdmissionReviews excepted: they are requests, not
 * cluster state). Problems (a constraint without template, a template that
 * does not compile, an invalid AdmissionReview) are diagnostics; the rest is
 * still audited.
 */
export function auditObjects(
  input: readonly (K8sObject | SourcedObject)[],
  policy: PolicySet,
  engine: PolicyEngine | TemplateCache,
  opts: AuditOptions = {},
): AuditReport {
  const cache = engine instanceof TemplateCache ? engine : new TemplateCache(engine);
  const diagnostics: Diagnostic[] = [];
  const items = input.map((o): SourcedObject => ("object" in o && "file" in o ? (o as SourcedObject) : { object: o as K8sObject, file: "<input>", index: 0, line: 0 }));
  const where = (o: SourcedObject) => ({ file: o.file, line: o.line, col: 1 });

  const inventory = emptyInventory();
  for (const o of items) {
    if (isAdmissionReview(o.object)) continue;
    try {
      addToInventory(inventory, o.object);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      diagnostics.push(error(e.code, e.message, where(o)));
    }
  }

  const compiled = compileAll(policy, cache, diagnostics);
  const ctx = { inventory, enforcementPoint: opts.enforcementPoint ?? ENFORCEMENT_POINTS.audit };
  const results: AuditObjectResult[] = [];
  let violations = 0;
  let objects = 0;
  for (const o of items) {
    let target: ReviewTarget;
    try {
      target = buildReview(o.object);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      diagnostics.push(error(e.code, `document ${o.index}: ${e.message}`, where(o)));
      continue;
    }
    objects++;
    const found: Violation[] = [];
    for (const [c, t] of compiled) found.push(...reviewConstraint(target, c, t, ctx));
    if (found.length > 0) {
      const r: AuditObjectResult = { object: target.identity, violations: found };
      if (o.file !== "<input>") r.source = { file: o.file, index: o.index };
      results.push(r);
      violations += found.length;
    }
  }
  return { results, objects, violations, diagnostics };
}

/** Constraints sorted by kind then name, each with its compiled template; the rest become diagnostics. */
function compileAll(policy: PolicySet, cache: TemplateCache, diagnostics: Diagnostic[]): [Constraint, CompiledTemplate][] {
  const byKind = new Map(policy.templates.map((t) => [t.kind, t]));
  const out: [Constraint, CompiledTemplate][] = [];
  const failed = new Set<string>();
  const sorted = [...policy.constraints].sort((a, b) => (a.kind !== b.kind ? (a.kind < b.kind ? -1 : 1) : a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const c of sorted) {
    const t = byKind.get(c.kind);
    if (!t) {
      diagnostics.push(error("gwpc_constraint", `constraint ${c.kind} ${c.name} has no ConstraintTemplate defining kind ${c.kind}`));
      continue;
    }
    if (t.celOnly) {
      if (!failed.has(t.kind)) diagnostics.push(error("gwpc_template", `template ${t.name} has only CEL code; gwpc evaluates Rego`, t.file ? { file: t.file, line: 0, col: 0 } : undefined));
      failed.add(t.kind);
      continue;
    }
    try {
      out.push([c, cache.get(t)]);
    } catch (e) {
      if (!(e instanceof GwpcError)) throw e;
      if (!failed.has(t.kind)) diagnostics.push(...e.diagnostics);
      failed.add(t.kind);
    }
  }
  return out;
}

/** The `-o json` contract of SPEC §4. */
export function auditJson(report: AuditReport): {
  results: { object: ObjectIdentity; violations: { constraint: { kind: string; name: string }; enforcementAction: string; message: string }[] }[];
  summary: { objects: number; violations: number };
} {
  return {
    results: report.results.map((r) => ({
      object: { apiVersion: r.object.apiVersion, kind: r.object.kind, namespace: r.object.namespace, name: r.object.name },
      violations: r.violations.map((v) => ({
        constraint: { kind: v.constraint.kind, name: v.constraint.name },
        enforcementAction: v.enforcementAction,
        message: v.message,
      })),
    })),
    summary: { objects: report.objects, violations: report.violations },
  };
}

/** 2 when the input was unusable, else 1 only when a `deny` violation was found. */
export function auditExitCode(report: AuditReport): 0 | 1 | 2 {
  if (report.diagnostics.some((d) => d.severity === "error")) return 2;
  return report.results.some((r) => r.violations.some((v) => v.enforcementActions.includes("deny"))) ? 1 : 0;
}
