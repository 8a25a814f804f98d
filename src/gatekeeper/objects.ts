import type { GroupVersionKind, K8sObject } from "./types.js";

/** Accessors that read unstructured objects the way apimachinery's do: wrong types read as absent. */

export function isObject(v: unknown): v is K8sObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function str(v: unknown): string {
  return typeof v === "string" ? v : "";
}

/** `apps/v1` -> {group: apps, version: v1}; `v1` -> {group: "", version: v1}. */
export function parseApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf("/");
  if (slash < 0) return { group: "", version: apiVersion };
  return { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

export function gvkOf(obj: K8sObject): GroupVersionKind {
  const { group, version } = parseApiVersion(str(obj["apiVersion"]));
  return { group, version, kind: str(obj["kind"]) };
}

/** The inventory key: `group/version`, or just `version` for the core group. */
export function groupVersion(gvk: { group: string; version: string }): string {
  return gvk.group === "" ? gvk.version : `${gvk.group}/${gvk.version}`;
}

export function metadataOf(obj: K8sObject): K8sObject {
  const m = obj["metadata"];
  return isObject(m) ? m : {};
}

export function nameOf(obj: K8sObject): string {
  return str(metadataOf(obj)["name"]);
}

export function namespaceOf(obj: K8sObject): string {
  return str(metadataOf(obj)["namespace"]);
}

/**
 * Labels as stored (no copy: matching runs per object and constraint). A
 * non-string value never equals a selector's string, as when apimachinery drops it.
 */
export function labelsOf(obj: K8sObject): Readonly<Record<string, unknown>> {
  const l = metadataOf(obj)["labels"];
  return isObject(l) ? l : EMPTY;
}

const EMPTY: Readonly<Record<string, unknown>> = Object.freeze({});

/** A core-group Namespace (gatekeeper's match.IsNamespace). */
export function isNamespaceObject(obj: K8sObject): boolean {
  const gvk = gvkOf(obj);
  return gvk.kind === "Namespace" && gvk.group === "";
}

/** gator treats an object as an AdmissionReview when its kind is AdmissionReview in group admission.k8s.io. */
export function isAdmissionReview(obj: K8sObject): boolean {
  const gvk = gvkOf(obj);
  return gvk.kind === "AdmissionReview" && gvk.group === "admission.k8s.io";
}

/** `Kind ns/name` or `Kind name`, for messages. */
export function describeObject(obj: K8sObject): string {
  const ns = namespaceOf(obj);
  const name = nameOf(obj) || "<unnamed>";
  return `${str(obj["kind"]) || "<no kind>"} ${ns ? `${ns}/` : ""}${name}`;
}
