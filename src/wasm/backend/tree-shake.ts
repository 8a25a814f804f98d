import { ByteReader, ByteWriter } from "../bytes.js";
import type { ModuleBuilder } from "../builder.js";
import { type Instr, decodeInstr, readValType } from "../instructions.js";
import { encodeNameSection, functionNames, parseNameSection, setFunctionNames } from "../names.js";
import { type Func, type Module, importCount } from "../types.js";
import type { RawCallGraph } from "./call-graph.js";
import { GENERATED_EXPORTS } from "./runtime-abi.js";

/**
 * The backend's last stage: drops the runtime code a policy cannot reach.
 *
 * Roots are the generated functions (every body the builder produced, i.e.
 * not raw bytes read from the runtime), the function exports the ABI and the
 * SDK use ({@link KEPT_FUNC_EXPORTS}), the start function and every function
 * in an element segment or named by `ref.func` in a constant expression.
 * Reachability follows `call` and `ref.func`; `call_indirect` needs no work
 * because element segments are roots (the runtime has no table today).
 *
 * Unreachable defined functions are removed and the rest renumbered (imports
 * keep their indices). Runtime bodies stay raw bytes: only the LEB128
 * immediates of their `call`/`ref.func` instructions are rewritten, so
 * everything else (floats included) is copied byte for byte. Other function
 * exports (`builtin:*`, `gwpc_*`, value constructors) are dropped; non-function
 * exports (memory, globals such as the ABI version) are kept. Function names
 * ("name" section) are dropped unless `keepNames` is set, in which case they
 * follow the renumbering. Output is deterministic: everything is walked in
 * index order.
 */
export interface TreeShakeOptions {
  /** Keep (renumbered) function names for debugging; default false. */
  keepNames?: boolean;
  /**
   * The call graph of the runtime the module was built on (rawCallGraph of
   * the runtime module): when its bodies are the module's first ones, a
   * runtime function is marked with all it reaches at once. Same result.
   */
  graph?: RawCallGraph;
}

/**
 * Function exports that survive: the generated ABI surface plus what
 * @open-policy-agent/opa-wasm (src/opa.js) and OPA's documented ABI call.
 */
export const KEPT_FUNC_EXPORTS: ReadonlySet<string> = new Set<string>([
  ...GENERATED_EXPORTS,
  "opa_malloc",
  "opa_free",
  "opa_heap_ptr_get",
  "opa_heap_ptr_set",
  "opa_json_parse",
  "opa_json_dump",
  "opa_value_parse",
  "opa_value_dump",
]);

export interface TreeShakeStats {
  /** Defined functions before and after. */
  before: number;
  after: number;
}

/** A `call` or `ref.func` in a raw body: its target and the byte range of the index immediate. */
export interface FuncRef {
  func: number;
  start: number;
  end: number;
}

export function treeShake(b: ModuleBuilder, opts: TreeShakeOptions = {}): TreeShakeStats {
  const m = b.module;
  const before = m.funcs.length;
  // A declared but undefined function is a compiler bug toBytes() reports; leave the module alone for it.
  if (b["undefinedFuncs"].size > 0) return { before, after: before };
  const nImp = importCount(m, "func");
  const total = nImp + m.funcs.length;

  m.exports = m.exports.filter((e) => e.kind !== "func" || KEPT_FUNC_EXPORTS.has(e.name));

  const live = new Uint8Array(total);
  const work: number[] = [];
  // Runtime functions the graph covers (the first `nGraph`, all raw) are
  // marked with their closure: all they reach is live with them.
  const graph = opts.graph && graphFits(opts.graph, m) ? opts.graph : undefined;
  const nGraph = graph ? graph.bodies.length : 0;
  const closures = graph ? graph.closures : [];
  const mark = (f: number): void => {
    if (f >= total) throw new RangeError(`tree shake: function index ${f} out of range`);
    if (live[f]) return;
    const closure = closures[f - nImp];
    if (closure) {
      for (let k = 0; k < closure.length; k++) live[closure[k]!] = 1;
      return;
    }
    live[f] = 1;
    if (f >= nImp) work.push(f);
  };
  // Every `call`/`ref.func` of generated code, global initialisers and element
  // expressions, with its target, collected while marking (each such list is
  // visited once) and renumbered from these saved targets below, so an
  // instruction object shared between sites is not renumbered twice.
  const sites: Instr[] = [];
  const targets: number[] = [];
  const markExpr = (code: readonly Instr[]): void => {
    for (const ins of code) {
      if (ins.op === "call" || ins.op === "ref.func") {
        sites.push(ins);
        targets.push(ins.func);
        mark(ins.func);
      }
    }
  };

  for (let f = 0; f < nImp; f++) live[f] = 1;
  for (let i = nGraph; i < m.funcs.length; i++) if (!("raw" in m.funcs[i]!.body)) mark(nImp + i);
  for (const e of m.exports) if (e.kind === "func") mark(e.index);
  if (m.start !== undefined) mark(m.start);
  for (const el of m.elems) {
    if ("funcs" in el.init) el.init.funcs.forEach(mark);
    else el.init.exprs.forEach(markExpr);
  }
  for (const g of m.globals) markExpr(g.init);

  while (work.length > 0) {
    const f = work.pop()!;
    const body = m.funcs[f - nImp]!.body;
    if ("raw" in body) for (const r of rawFuncRefs(body.raw)) mark(r.func);
    else markExpr(body.code);
  }

  // Renumber: imports keep their indices, live defined functions are packed.
  const remap = new Int32Array(total).fill(-1);
  let next = 0;
  let firstDead = total;
  for (let f = 0; f < total; f++) {
    if (live[f]) remap[f] = next++;
    else if (firstDead === total) firstDead = f;
  }
  if (next === total) {
    dropOrKeepNames(b, opts, remap);
    return { before, after: before };
  }
  const to = (f: number): number => {
    const n = remap[f]!;
    if (n < 0) throw new Error(`tree shake: function ${f} is referenced but was not kept`);
    return n;
  };

  // Raw bodies whose call targets move are rewritten into one shared buffer
  // (views into it once all are written), not one allocation per body. It is
  // sized for all live raw bodies (renumbering only shrinks indices), so it
  // never grows.
  let rawBytes = 0;
  for (let i = 0; i < m.funcs.length; i++) {
    const body = m.funcs[i]!.body;
    if (live[nImp + i] && "raw" in body) rawBytes += body.raw.length;
  }
  const out = new ByteWriter(Math.max(rawBytes, 64));
  const funcs: Func[] = [];
  const patched: { at: number; start: number; end: number }[] = [];
  for (let i = 0; i < m.funcs.length; i++) {
    const f = nImp + i;
    if (!live[f]) continue;
    const fn = m.funcs[i]!;
    const body = fn.body;
    if (i < nGraph || "raw" in body) {
      const raw = (body as { raw: Uint8Array }).raw;
      const refs = i < nGraph ? graph!.refs[i]! : rawFuncRefs(raw);
      // Indices below the first removed function stay (and a graph knows the highest a body uses).
      const mayMove = i < nGraph ? graph!.maxRef[i]! >= firstDead : true;
      if (mayMove && refs.some((r) => to(r.func) !== r.func)) {
        const start = out.length;
        patchRawInto(out, raw, refs, to);
        patched.push({ at: funcs.length, start, end: out.length });
        funcs.push({ type: fn.type, body: { raw } });
      } else funcs.push(fn);
    } else funcs.push(fn);
  }
  if (patched.length > 0) {
    const all = out.view(0, out.length);
    for (const p of patched) funcs[p.at]!.body = { raw: all.subarray(p.start, p.end) };
  }
  m.funcs = funcs;
  for (const e of m.exports) if (e.kind === "func") e.index = to(e.index);
  if (m.start !== undefined) m.start = to(m.start);
  for (const el of m.elems) if ("funcs" in el.init) el.init = { funcs: el.init.funcs.map(to) };
  // Generated code, element expressions and global initialisers are renumbered in place.
  for (let i = 0; i < sites.length; i++) (sites[i] as { func: number }).func = to(targets[i]!);
  dropOrKeepNames(b, opts, remap);
  return { before, after: m.funcs.length };
}

/** Whether `g` describes the first defined functions of `m` (the module is the runtime plus appended code). */
function graphFits(g: RawCallGraph, m: Module): boolean {
  if (g.nImp !== importCount(m, "func") || m.funcs.length < g.bodies.length) return false;
  for (let i = 0; i < g.bodies.length; i++) if (m.funcs[i]!.body !== g.bodies[i]) return false;
  return true;
}

/** Names live in the builder (flushed by toBytes) and possibly in a "name" section from the runtime. */
function dropOrKeepNames(b: ModuleBuilder, opts: TreeShakeOptions, remap: Int32Array): void {
  const m = b.module;
  const pending: Map<number, string> = b["names"];
  const at = m.customs.findIndex((c) => c.name === "name");
  if (!opts.keepNames) {
    pending.clear();
    if (at >= 0) m.customs.splice(at, 1);
    return;
  }
  const moved = (names: ReadonlyMap<number, string>): Map<number, string> => {
    const out = new Map<number, string>();
    for (const [i, n] of names) {
      const j = remap[i];
      if (j !== undefined && j >= 0) out.set(j, n);
    }
    return out;
  };
  const renamed = moved(pending);
  pending.clear();
  for (const [i, n] of renamed) pending.set(i, n);
  if (at >= 0) {
    // Only function names are renumbered; other subsections (locals, ...) are index-keyed too, so drop them.
    const ns = parseNameSection(m.customs[at]!.bytes);
    const fnNames = moved(functionNames(ns));
    ns.subsections = ns.subsections.filter((s) => s.id === 0);
    setFunctionNames(ns, fnNames);
    m.customs[at]!.bytes = encodeNameSection(ns);
  }
}

/**
 * `call`/`ref.func` sites of a raw runtime body (in body order). Cached per body, keyed by the
 * underlying buffer and offset (the runtime is read once per process, and its
 * bodies are views into it) and checked against a copy of the bytes.
 */
const cache = new WeakMap<ArrayBufferLike, Map<number, { bytes: Uint8Array; refs: readonly FuncRef[] }>>();

const trusted = new WeakMap<Uint8Array, readonly FuncRef[] | null>();

/**
 * Declares the raw bodies of `m` immutable: their `call`/`ref.func` sites are
 * then cached by identity, without comparing bytes on every use. For a module
 * kept private and only cloned (the backend's decoded runtime), never for one
 * whose bytes a caller may still write to.
 */
export function trustRawBodies(m: Module): void {
  for (const f of m.funcs) if ("raw" in f.body && !trusted.has(f.body.raw)) trusted.set(f.body.raw, null);
}

export function rawFuncRefs(raw: Uint8Array): readonly FuncRef[] {
  const known = trusted.get(raw);
  if (known) return known;
  if (known === null) {
    const refs = scanRaw(raw);
    trusted.set(raw, refs);
    return refs;
  }
  let perBuffer = cache.get(raw.buffer);
  if (!perBuffer) cache.set(raw.buffer, (perBuffer = new Map()));
  const hit = perBuffer.get(raw.byteOffset);
  if (hit && sameBytes(hit.bytes, raw)) return hit.refs;
  const refs = scanRaw(raw);
  perBuffer.set(raw.byteOffset, { bytes: raw.slice(), refs });
  return refs;
}

function scanRaw(raw: Uint8Array): FuncRef[] {
  const r = new ByteReader(raw);
  const groups = r.u32();
  for (let i = 0; i < groups; i++) {
    r.u32();
    readValType(r);
  }
  const refs: FuncRef[] = [];
  while (!r.eof) {
    const at = r.pos;
    const ins = decodeInstr(r);
    // Both opcodes are one byte (0x10, 0xd2) followed by the function index.
    if (ins.op === "call" || ins.op === "ref.func") refs.push({ func: ins.func, start: at + 1, end: r.pos });
  }
  return refs;
}

/** Appends `raw` to `w` with the index immediate of every `call`/`ref.func` in `refs` renumbered. */
function patchRawInto(w: ByteWriter, raw: Uint8Array, refs: readonly FuncRef[], to: (f: number) => number): void {
  // Usually every new index takes as many LEB128 bytes as the old one: then
  // the body is copied in one go and the immediates overwritten in place.
  let sameSizes = true;
  for (const r of refs) {
    if (u32Size(to(r.func)) !== r.end - r.start) {
      sameSizes = false;
      break;
    }
  }
  if (sameSizes) {
    const base = w.length;
    w.bytes(raw);
    for (const r of refs) w.overwriteU32(base + r.start, to(r.func));
    return;
  }
  let pos = 0;
  for (const r of refs) {
    w.range(raw, pos, r.start).u32(to(r.func));
    pos = r.end;
  }
  w.range(raw, pos, raw.length);
}

/** Bytes of the canonical LEB128 encoding of `v` (a u32). */
function u32Size(v: number): number {
  return v < 0x80 ? 1 : v < 0x4000 ? 2 : v < 0x200000 ? 3 : v < 0x10000000 ? 4 : 5;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}
