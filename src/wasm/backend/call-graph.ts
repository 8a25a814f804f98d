import { type FuncBody, type Module, importCount } from "../types.js";
import { type FuncRef, rawFuncRefs } from "./tree-shake.js";

/**
 * What each function of a runtime module reaches through `call`/`ref.func`,
 * computed once per runtime (the backend's private decoded module, whose raw
 * bodies are trusted: see trustRawBodies), so that tree shaking a module
 * built on that runtime marks a runtime function with everything it reaches
 * at once instead of walking the runtime's bodies on every compile (a walk
 * over the whole runtime, slow once other work has evicted it from the caches).
 */
export interface RawCallGraph {
  /**
   * The bodies it describes (all raw), by defined-function index: valid for
   * a module whose first bodies are these same objects (a clone of the
   * runtime module, bodies shared and never modified).
   */
  readonly bodies: readonly FuncBody[];
  /** Imported functions (they come first in the index space). */
  readonly nImp: number;
  /** Per defined function: its `call`/`ref.func` sites (rawFuncRefs of its body). */
  readonly refs: readonly (readonly FuncRef[])[];
  /** Per defined function: the highest function index among its sites (-1: none). */
  readonly maxRef: Int32Array;
  /** Per defined function: the defined functions it reaches, itself included, as function indices. */
  readonly closures: readonly Int32Array[];
}

const graphs = new WeakMap<Module, RawCallGraph | null>();

/** The call graph of `m`'s defined functions (cached per module); undefined unless every body is raw and calls only `m`'s functions. */
export function rawCallGraph(m: Module): RawCallGraph | undefined {
  let g = graphs.get(m);
  if (g === undefined) graphs.set(m, (g = build(m)));
  return g ?? undefined;
}

function build(m: Module): RawCallGraph | null {
  const bodies = m.funcs.map((f) => f.body);
  const sites: (readonly FuncRef[])[] = [];
  for (const b of bodies) {
    if (!("raw" in b)) return null;
    sites.push(rawFuncRefs(b.raw));
  }
  const nImp = importCount(m, "func");
  const n = bodies.length;
  const refs = sites.map((rs) => rs.map((r) => r.func));
  // A reference past the module's own functions is left to the tree shake's own checks.
  if (refs.some((rs) => rs.some((f) => f >= nImp + n))) return null;
  const maxRef = Int32Array.from(refs, (rs) => Math.max(-1, ...rs));
  const seen = new Int32Array(n).fill(-1);
  const closures = refs.map((_, i) => {
    const out: number[] = [];
    const stack = [i];
    seen[i] = i;
    while (stack.length > 0) {
      const k = stack.pop()!;
      out.push(nImp + k);
      for (const f of refs[k]!) {
        const d = f - nImp;
        if (d >= 0 && seen[d] !== i) {
          seen[d] = i;
          stack.push(d);
        }
      }
    }
    return Int32Array.from(out);
  });
  return { bodies, nImp, refs: sites, maxRef, closures };
}
