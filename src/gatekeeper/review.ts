import { InputError } from "./errors.js";
import { gvkOf, isAdmissionReview, isObject, nameOf, namespaceOf, str } from "./objects.js";
import type { Inventory, K8sObject } from "./types.js";

/**
 * What Gatekeeper reviews: `input.review` (an AdmissionRequest as Go's JSON
 * encoding renders it) plus what matching needs.
 */
export interface ReviewTarget {
  /** `input.review`; its `namespaceObject` (null until then) is set by `reviewWithNamespace`. */
  request: K8sObject;
  /** The objects matching is tried against, in gatekeeper's order. */
  object: K8sObject | null;
  oldObject: K8sObject | null;
  /** The request's namespace: where the Namespace for namespaceSelector is looked up. */
  namespace: string;
  /** What the object is, for reports: taken from object (or oldObject). */
  identity: ObjectIdentity;
  /** Memo of the evaluator: the Namespace found and `input.review`, for the inventory they were looked up in. */
  withNamespace?: { inventory: Inventory; ns: K8sObject | null; review: K8sObject };
}

export interface ObjectIdentity {
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
}

/** Build the review for a plain object or an AdmissionReview, as gator's runner does. Throws InputError. */
export function buildReview(obj: K8sObject): ReviewTarget {
  return isAdmissionReview(obj) ? reviewFromAdmissionReview(obj) : reviewFromObject(obj);
}

/**
 * A plain object: gatekeeper's unstructuredToAdmissionRequest sets only kind,
 * object, name and namespace; every other field keeps Go's zero value
 * (`operation: ""`, `userInfo: {}`, `oldObject: null`).
 */
export function reviewFromObject(obj: K8sObject): ReviewTarget {
  const gvk = gvkOf(obj);
  const name = nameOf(obj);
  const namespace = namespaceOf(obj);
  // Built field by field (no spreads, no key loops): audits build one per object.
  const request: K8sObject = { uid: "", kind: { group: gvk.group, version: gvk.version, kind: gvk.kind }, resource: { group: "", version: "", resource: "" } };
  if (name !== "") request["name"] = name;
  if (namespace !== "") request["namespace"] = namespace;
  request["operation"] = "";
  request["userInfo"] = {};
  request["object"] = obj;
  request["oldObject"] = null;
  request["options"] = null;
  request["namespaceObject"] = null;
  return { request, object: obj, oldObject: null, namespace, identity: { apiVersion: str(obj["apiVersion"]), kind: gvk.kind, namespace, name } };
}

const REVIEW_KEYS = new Set(["apiVersion", "kind", "request", "response"]);
const REQUEST_KEYS = new Set([
  "uid", "kind", "resource", "subResource", "requestKind", "requestResource", "requestSubResource",
  "name", "namespace", "operation", "userInfo", "object", "oldObject", "dryRun", "options",
]);
const USER_INFO_KEYS = new Set(["username", "uid", "groups", "extra"]);

/**
 * An AdmissionReview (admission.k8s.io v1 or v1beta1): its request passes
 * through (operation, userInfo, oldObject...). Like gator: unknown fields are
 * rejected, a request needs object or oldObject, both need a kind, and on
 * DELETE the object is the oldObject.
 */
export function reviewFromAdmissionReview(ar: K8sObject): ReviewTarget {
  const bad = (msg: string) => new InputError(`invalid AdmissionReview: ${msg}`, "gwpc_admission_review");
  for (const k of Object.keys(ar)) if (!REVIEW_KEYS.has(k)) throw bad(`unknown field "${k}"`);
  const req = ar["request"];
  if (req === undefined || req === null) throw bad("it has no request");
  if (!isObject(req)) throw bad("request is not an object");
  for (const k of Object.keys(req)) if (!REQUEST_KEYS.has(k)) throw bad(`unknown field "request.${k}"`);
  const userInfo = req["userInfo"] ?? {};
  if (!isObject(userInfo)) throw bad("request.userInfo is not an object");
  for (const k of Object.keys(userInfo)) if (!USER_INFO_KEYS.has(k)) throw bad(`unknown field "request.userInfo.${k}"`);
  for (const k of ["operation", "name", "namespace", "uid", "subResource"]) {
    if (req[k] !== undefined && req[k] !== null && typeof req[k] !== "string") throw bad(`request.${k} is not a string`);
  }
  let object = objectField(req, "object", bad);
  const oldObject = objectField(req, "oldObject", bad);
  if (!object && !oldObject) throw bad('the request has neither "object" nor "oldObject" to review');
  const operation = str(req["operation"]);
  if (operation === "DELETE") {
    if (!oldObject) throw bad("a DELETE request needs oldObject (the object being deleted)");
    object = oldObject;
  }
  const request = goRequest({ ...req, userInfo, object, oldObject });
  const namespace = str(req["namespace"]);
  return { request, object, oldObject, namespace, identity: identityOf((object ?? oldObject)!) };
}

function objectField(req: K8sObject, key: string, bad: (m: string) => Error): K8sObject | null {
  const v = req[key];
  if (v === undefined || v === null) return null;
  if (!isObject(v)) throw bad(`request.${key} is not an object`);
  if (str(v["kind"]) === "") throw bad(`request.${key} has no kind`);
  return v;
}

/** An AdmissionRequest with Go's JSON encoding: zero values present, omitempty fields dropped when empty. */
function goRequest(fields: K8sObject): K8sObject {
  const out: K8sObject = {
    uid: str(fields["uid"]),
    kind: isObject(fields["kind"]) ? gvkFields(fields["kind"]) : { group: "", version: "", kind: "" },
    resource: isObject(fields["resource"]) ? fields["resource"] : { group: "", version: "", resource: "" },
  };
  for (const k of ["subResource", "requestKind", "requestResource", "requestSubResource", "name", "namespace"]) {
    const v = fields[k];
    if (v !== undefined && v !== null && v !== "") out[k] = v;
  }
  out["operation"] = str(fields["operation"]);
  out["userInfo"] = isObject(fields["userInfo"]) ? fields["userInfo"] : {};
  out["object"] = fields["object"] ?? null;
  out["oldObject"] = fields["oldObject"] ?? null;
  if (typeof fields["dryRun"] === "boolean") out["dryRun"] = fields["dryRun"];
  out["options"] = fields["options"] ?? null;
  out["namespaceObject"] = null;
  return out;
}

function gvkFields(k: K8sObject): K8sObject {
  return { group: str(k["group"]), version: str(k["version"]), kind: str(k["kind"]) };
}

function identityOf(obj: K8sObject): ObjectIdentity {
  return { apiVersion: str(obj["apiVersion"]), kind: str(obj["kind"]), namespace: namespaceOf(obj), name: nameOf(obj) };
}

/**
 * `input.review`: the request with `namespaceObject` set to the Namespace
 * found (or null). Set in place: a target is reviewed against one inventory
 * at a time, and copying the request per object and constraint costs more
 * than the evaluation in an audit.
 */
export function reviewWithNamespace(target: ReviewTarget, namespaceObject: K8sObject | null): K8sObject {
  target.request["namespaceObject"] = namespaceObject;
  return target.request;
}

/** A constraint without parameters gets this `{}`: one object, so per-inventory caches keyed by parameters hold it once. */
const NO_PARAMETERS: Readonly<Record<string, never>> = Object.freeze({});

/** The template's `input`: `{review, parameters}`, parameters defaulting to `{}`. */
export function buildInput(review: K8sObject, parameters: unknown): { review: K8sObject; parameters: unknown } {
  return { review, parameters: parameters ?? NO_PARAMETERS };
}
