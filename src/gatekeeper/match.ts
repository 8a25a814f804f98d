import type { Match } from "./constraint.js";
import { gvkOf, isNamespaceObject, labelsOf, nameOf, namespaceOf } from "./objects.js";
import type { ReviewTarget } from "./review.js";
import { selectorMatches } from "./selector.js";
import type { K8sObject } from "./types.js";
import { wildcardMatches } from "./wildcard.js";

/** A matcher could not decide (gatekeeper's ErrMatch): the constraint autorejects with this message. */
export class MatchError extends Error {
  constructor(message: string) {
    super(`error matching the requested object: failed to run Match criteria: ${message}`);
    this.name = "MatchError";
  }
}

export type MatchResult = { matched: true } | { matched: false } | { matched: false; error: string };

/**
 * gatekeeper's target Matcher: the match is tried against the object, then
 * the oldObject; either matching is enough. The first matcher error ends the
 * match with that error (a violation carrying it, not a skip).
 */
export function matchReview(m: Match, target: ReviewTarget, ns: K8sObject | null): MatchResult {
  for (const obj of [target.object, target.oldObject]) {
    if (!obj) continue;
    try {
      if (matchObject(m, obj, ns)) return { matched: true };
    } catch (e) {
      if (e instanceof MatchError) return { matched: false, error: e.message };
      throw e;
    }
  }
  return { matched: false };
}

/** Every present matcher must pass (pkg/mutation/match.Matches). Throws MatchError. */
export function matchObject(m: Match, obj: K8sObject, ns: K8sObject | null): boolean {
  if (m.source !== undefined && m.source !== "" && m.source !== "All" && m.source !== "Original") return false;
  return (
    kindsMatch(m, obj) &&
    scopeMatch(m, obj, ns) &&
    namespacesMatch(m, obj, ns) &&
    excludedNamespacesMatch(m, obj, ns) &&
    labelSelectorMatch(m, obj) &&
    namespaceSelectorMatch(m, obj, ns) &&
    nameMatch(m, obj)
  );
}

function kindsMatch(m: Match, obj: K8sObject): boolean {
  if (!m.kinds || m.kinds.length === 0) return true;
  const gvk = gvkOf(obj);
  return m.kinds.some(
    (k) =>
      (k.kinds.length === 0 || k.kinds.includes("*") || k.kinds.includes(gvk.kind)) &&
      (k.apiGroups.length === 0 || k.apiGroups.includes("*") || k.apiGroups.includes(gvk.group)),
  );
}

function scopeMatch(m: Match, obj: K8sObject, ns: K8sObject | null): boolean {
  const hasNamespace = namespaceOf(obj) !== "" || ns !== null;
  const isNs = isNamespaceObject(obj);
  switch (m.scope) {
    case "Cluster":
      return isNs || !hasNamespace;
    case "Namespaced":
      return !isNs && hasNamespace;
    default:
      // `*`, absent, and typos such as "cluster" all match everything, as in gatekeeper.
      return true;
  }
}

/** The namespace a namespace matcher compares: a Namespace's own name, else the known or declared namespace. */
function namespaceForMatch(obj: K8sObject, ns: K8sObject | null): string | undefined {
  if (isNamespaceObject(obj)) return nameOf(obj);
  if (ns) return nameOf(ns);
  const own = namespaceOf(obj);
  return own === "" ? undefined : own;
}

function namespacesMatch(m: Match, obj: K8sObject, ns: K8sObject | null): boolean {
  if (!m.namespaces || m.namespaces.length === 0) return true;
  const n = namespaceForMatch(obj, ns);
  if (n === undefined) return true; // cluster-scoped, not a Namespace
  return m.namespaces.some((p) => wildcardMatches(p, n));
}

function excludedNamespacesMatch(m: Match, obj: K8sObject, ns: K8sObject | null): boolean {
  if (!m.excludedNamespaces || m.excludedNamespaces.length === 0) return true;
  const n = namespaceForMatch(obj, ns);
  if (n === undefined) return true;
  return !m.excludedNamespaces.some((p) => wildcardMatches(p, n));
}

function labelSelectorMatch(m: Match, obj: K8sObject): boolean {
  return !m.labelSelector || selectorMatches(m.labelSelector, labelsOf(obj));
}

function namespaceSelectorMatch(m: Match, obj: K8sObject, ns: K8sObject | null): boolean {
  if (!m.namespaceSelector) return true;
  const isNs = isNamespaceObject(obj);
  if (!isNs && ns === null && namespaceOf(obj) === "") return true; // cluster-scoped non-Namespace objects
  if (isNs) return selectorMatches(m.namespaceSelector, labelsOf(obj));
  if (ns === null) throw new MatchError("namespace selector for namespace-scoped object but missing Namespace");
  return selectorMatches(m.namespaceSelector, labelsOf(ns));
}

function nameMatch(m: Match, obj: K8sObject): boolean {
  if (m.name === undefined || m.name === "") return true;
  return wildcardMatches(m.name, nameOf(obj));
}
