import { error, type Diagnostic } from "../diag/index.js";
import { renderPath, type DataPath, type Locator } from "./locate.js";
import type { RawNamespacedSubjects, RawPolicy } from "./raw.js";

/**
 * Checks the schema cannot express, run on schema-valid data. Each is one
 * named function so a failing case points at its rule; they all run, so a
 * file's errors are reported together.
 */
export interface SemanticCheck {
  name: string;
  check: (p: RawPolicy, at: Reporter) => void;
}

export interface Reporter {
  error(path: DataPath, message: string): void;
  warning(path: DataPath, message: string): void;
  line(path: DataPath): number;
}

export const SEMANTIC_CHECKS: readonly SemanticCheck[] = [
  { name: "checkDuplicateClassRules", check: checkDuplicateClassRules },
  { name: "checkDuplicateGrantRules", check: checkDuplicateGrantRules },
  { name: "checkBannedAlsoAllowed", check: checkBannedAlsoAllowed },
  { name: "checkPersonaModel", check: checkPersonaModel },
  { name: "checkPersonaEntries", check: checkPersonaEntries },
  { name: "checkAdmissionHasSubjects", check: checkAdmissionHasSubjects },
];

export function checkSemantics(p: RawPolicy, locate: Locator): Diagnostic[] {
  const out: Diagnostic[] = [];
  const reporter: Reporter = {
    error: (path, message) => out.push(error("gwpc_semantic", message, locate.span(path), renderPath(path))),
    warning: (path, message) =>
      out.push({ ...error("gwpc_semantic", message, locate.span(path), renderPath(path)), severity: "warning" }),
    line: (path) => locate.span(path).line,
  };
  for (const c of SEMANTIC_CHECKS) c.check(p, reporter);
  return out;
}

/**
 * Two rules for the same className would leave the reader guessing whether
 * they merge or the later one wins (they would merge); one rule per class
 * keeps the file the single place to read who may use it.
 */
function checkDuplicateClassRules(p: RawPolicy, at: Reporter): void {
  const rules = p.spec?.gatewayClasses?.rules ?? [];
  const first = new Map<string, number>();
  rules.forEach((r, i) => {
    const j = first.get(r.className);
    if (j === undefined) {
      first.set(r.className, i);
      return;
    }
    const prior = ["spec", "gatewayClasses", "rules", j];
    at.error(
      ["spec", "gatewayClasses", "rules", i, "className"],
      `duplicate rule for class "${r.className}" (also ${renderPath(prior)} at line ${at.line(prior)}): merge their namespaces into one rule`,
    );
  });
}

/** The same kinds and namespace lists twice: a duplicate, or a conflict when requireName differs. */
function checkDuplicateGrantRules(p: RawPolicy, at: Reporter): void {
  const rules = p.spec?.referenceGrants?.rules ?? [];
  const first = new Map<string, number>();
  rules.forEach((r, i) => {
    const key = JSON.stringify([r.from.kind, [...r.from.namespaces].sort(), r.to.kind, [...r.to.namespaces].sort()]);
    const j = first.get(key);
    if (j === undefined) {
      first.set(key, i);
      return;
    }
    const prior = ["spec", "referenceGrants", "rules", j];
    const where = `${renderPath(prior)} at line ${at.line(prior)}`;
    const same = (rules[j]!.to.requireName ?? false) === (r.to.requireName ?? false);
    at.error(
      ["spec", "referenceGrants", "rules", i],
      same
        ? `duplicate rule: the same from/to kinds and namespaces as ${where}`
        : `conflicting rule: the same from/to kinds and namespaces as ${where} but a different to.requireName`,
    );
  });
}

/**
 * SPEC: banned labels are denied "even if allowed above", so a key in both
 * lists is legal and banned wins; it is still almost certainly a slip, so
 * it is a warning rather than silence.
 */
function checkBannedAlsoAllowed(p: RawPolicy, at: Reporter): void {
  const rb = p.spec?.routeBinding;
  if (!rb) return;
  const allowed = new Set(rb.allowedSelectorLabels ?? ["kubernetes.io/metadata.name"]);
  (rb.bannedSelectorLabels ?? []).forEach((key, i) => {
    if (allowed.has(key)) {
      at.warning(
        ["spec", "routeBinding", "bannedSelectorLabels", i],
        `"${key}" is also in allowedSelectorLabels; banned wins, so selectors may not use it`,
      );
    }
  });
}

/** The seed's three-tier table has neither application admins nor the "Sometimes" GatewayClass right. */
function checkPersonaModel(p: RawPolicy, at: Reporter): void {
  const ps = p.spec?.personas;
  if (!ps || (ps.model ?? "four-tier") !== "three-tier") return;
  if ((ps.applicationAdmins ?? []).length > 0) {
    at.error(
      ["spec", "personas", "applicationAdmins"],
      "the three-tier model has no application admins: use model: four-tier, or move these subjects to another persona",
    );
  }
  if (ps.clusterOperators?.gatewayClassWrite === true) {
    at.error(
      ["spec", "personas", "clusterOperators", "gatewayClassWrite"],
      "in the three-tier model cluster operators never write GatewayClasses; gatewayClassWrite is the four-tier model's \"Sometimes\"",
    );
  }
}

/**
 * Admin and developer entries must name someone, and in the four-tier model
 * their rights are "in specified namespaces", so the namespaces are required.
 */
function checkPersonaEntries(p: RawPolicy, at: Reporter): void {
  const ps = p.spec?.personas;
  if (!ps) return;
  const fourTier = (ps.model ?? "four-tier") === "four-tier";
  const lists: [string, string, RawNamespacedSubjects[] | undefined][] = [
    ["applicationAdmins", "application admins", ps.applicationAdmins],
    ["applicationDevelopers", "application developers", ps.applicationDevelopers],
  ];
  for (const [key, who, entries] of lists) {
    (entries ?? []).forEach((e, i) => {
      const path = ["spec", "personas", key, i];
      if ((e.groups ?? []).length === 0 && (e.users ?? []).length === 0) {
        at.error(path, "names no groups or users: list who holds these rights");
      }
      if (fourTier && (e.namespaces ?? []).length === 0) {
        at.error(path, `in the four-tier model ${who} write only in specified namespaces: list them in namespaces`);
      }
    });
  }
}

/** Admission enforcement with nobody holding any right would deny every Gateway API write. */
function checkAdmissionHasSubjects(p: RawPolicy, at: Reporter): void {
  const ps = p.spec?.personas;
  if (!ps?.enforceWithAdmission) return;
  const all = [ps.infrastructureProviders, ps.clusterOperators, ...(ps.applicationAdmins ?? []), ...(ps.applicationDevelopers ?? [])];
  if (all.every((s) => (s?.groups ?? []).length === 0 && (s?.users ?? []).length === 0)) {
    at.warning(
      ["spec", "personas", "enforceWithAdmission"],
      "no persona names a group or user, so admission enforcement denies every Gateway API write by users",
    );
  }
}
