import { InputError } from "./errors.js";
import { describeObject, gvkOf, groupVersion, isObject, nameOf, namespaceOf } from "./objects.js";
import type { Inventory, K8sObject } from "./types.js";

export function emptyInventory(): Inventory {
  return { cluster: {}, namespace: {} };
}

/**
 * Add an object where gatekeeper's ProcessData puts it:
 * `cluster[gv][Kind][name]` or `namespace[ns][gv][Kind][name]`. Like
 * gatekeeper, an object without version or kind is an error; a later object
 * with the same key replaces the earlier one.
 */
export function addToInventory(inv: Inventory, obj: K8sObject): void {
  const gvk = gvkOf(obj);
  if (gvk.version === "") throw new InputError(`inventory object ${describeObject(obj)} has no version (apiVersion)`, "gwpc_inventory");
  if (gvk.kind === "") throw new InputError(`inventory object ${describeObject(obj)} has no kind`, "gwpc_inventory");
  const gv = groupVersion(gvk);
  const ns = namespaceOf(obj);
  const root = ns === "" ? inv.cluster : (inv.namespace[ns] ??= {});
  const byKind = (root[gv] ??= {});
  const byName = (byKind[gvk.kind] ??= {});
  byName[nameOf(obj)] = obj;
}

export function buildInventory(objects: Iterable<K8sObject>): Inventory {
  const inv = emptyInventory();
  for (const o of objects) addToInventory(inv, o);
  return inv;
}

/** The Namespace object named `name` in the inventory (core v1), or null. */
export function lookupNamespace(inv: Inventory, name: string): K8sObject | null {
  if (name === "") return null;
  const ns = inv.cluster["v1"]?.["Namespace"]?.[name];
  return isObject(ns) ? ns : null;
}
