/**
 * Which parts of the base `data` document a policy can read, found while
 * planning (so only rules reachable from the entrypoints count). A read is a
 * path pattern: a string is a fixed key, `null` any key (a variable, a
 * non-string term). Reading a path reads everything below it, so a policy can
 * observe exactly the base data lying under some pattern: a host may load
 * only those parts (data.inventory for Gatekeeper templates) and every
 * evaluation gives the same result. `[]` means all of `data`.
 *
 * Not part of OPA's IR: it travels beside the policy (`PlanResult.dataReads`).
 */
import type { Term } from "../syntax/index.js";

export type DataPath = readonly (string | null)[];

export class DataReads {
  private readonly paths: DataPath[] = [];

  /** A read of base data at `path` (a ref's path after `data`). */
  ref(path: readonly Term[]): void {
    this.add(path.map((t) => (t.type === "string" ? t.value : null)));
  }

  add(path: DataPath): void {
    this.paths.push(path);
  }

  /** The reads, minimal (none below another, no duplicates) and sorted; `[[]]` when all of `data` is read. */
  list(): DataPath[] {
    return minimalPaths(this.paths);
  }
}

/** True when every value under `b` is also under `a` (a is a prefix pattern of b). */
function covers(a: DataPath, b: DataPath): boolean {
  if (a.length > b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== null && a[i] !== b[i]) return false;
  return true;
}

export function minimalPaths(paths: readonly DataPath[]): DataPath[] {
  const key = (p: DataPath) => JSON.stringify(p);
  const unique = [...new Map(paths.map((p) => [key(p), p])).values()];
  const out = unique.filter((p) => !unique.some((q) => q !== p && covers(q, p)));
  return out.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
