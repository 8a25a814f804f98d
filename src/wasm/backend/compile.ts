import { type Diagnostic, error } from "../../diag/index.js";
import type { Block, Func, Plan, Policy } from "../../rego/plan/ir.js";
import { validatePolicy } from "../../rego/plan/ir-validate.js";
import { ModuleBuilder } from "../builder.js";
import { readModule } from "../reader.js";
import { type Module, cloneModule } from "../types.js";
import { FnEmitter } from "./emitter.js";
import { emitEntryFunctions } from "./entry.js";
import { canMemoize, defineMemoWrapper } from "./memo.js";
import { type RuntimeAbi, resolveRuntime } from "./runtime-abi.js";
import { StaticData } from "./static-data.js";
import { type Callee, IrPath, type StmtContext, compileBlock } from "./stmts.js";
import { type RawCallGraph, rawCallGraph } from "./call-graph.js";
import { treeShake, trustRawBodies } from "./tree-shake.js";

/**
 * IR -> Wasm: appends the policy's functions, the ABI entry points and one
 * data segment to the runtime module. Stages run in order and stop at the
 * first that reports errors (diagnostics are data; only compiler bugs throw).
 */
export const WASM_ERROR = "gwpc_wasm_error";
const PAGE = 65536;
const MAX_MEMORY_PAGES = 5;

export interface CompileResult {
  wasm?: Uint8Array<ArrayBuffer>;
  diagnostics: Diagnostic[];
}

interface State {
  policy: Policy;
  /** The runtime's ABI, resolved once per runtime (see runtimeTemplate). */
  runtime?: { abi?: RuntimeAbi; missing: string[] };
  /** The runtime's call graph, built once per runtime (see runtimeTemplate). */
  graph?: RawCallGraph;
  b: ModuleBuilder;
  diagnostics: Diagnostic[];
  abi?: RuntimeAbi;
  data?: StaticData;
  callees: Map<string, Callee>;
  hostBuiltins: { name: string; id: number }[];
  /** Function index callers use (the memo wrapper when memoized). */
  funcIndex: Map<Func, number>;
  /** Memoized functions: the compiled body and the cache global. */
  memo: Map<Func, { body: number; global: number }>;
  plans: { plan: Plan; index: number }[];
}

type Stage = (s: State) => void;

const fail = (s: State, message: string, path?: string): void => {
  s.diagnostics.push(error(WASM_ERROR, message, undefined, path));
};

export const STAGES: readonly (readonly [string, Stage])[] = [
  ["checkPolicy", (s) => s.diagnostics.push(...validatePolicy(s.policy))],
  ["resolveRuntime", resolveRuntimeStage],
  ["layoutData", layoutData],
  ["declareFunctions", declareFunctions],
  ["buildCallees", buildCallees],
  ["compileFuncs", compileFuncs],
  ["compilePlans", compilePlans],
  ["emitEntryPoints", (s) => void emitEntryFunctions(s.b, s.abi!, s.data!, s.plans, s.hostBuiltins, [...s.memo.values()].map((m) => m.global))],
  ["emitData", emitData],
  ["treeShake", (s) => void treeShake(s.b, s.graph ? { graph: s.graph } : {})],
];

/**
 * The runtime decoded once and its ABI resolved once, reused by every compile
 * on the same runtime bytes (each compile appends to a cheap clone of the
 * module). Decoded from a private copy of the bytes, since the module's
 * function bodies and data are views into them; a hit is checked against that
 * copy, so a caller changing its array in place gets a fresh decode.
 */
interface RuntimeTemplate {
  bytes: Uint8Array;
  module: Module;
  resolved: { abi?: RuntimeAbi; missing: string[] };
  graph?: RawCallGraph;
}

const templates = new WeakMap<Uint8Array, RuntimeTemplate>();

function runtimeTemplate(runtime: Uint8Array): RuntimeTemplate {
  const hit = templates.get(runtime);
  if (hit && Buffer.compare(hit.bytes, runtime) === 0) return hit;
  const bytes = runtime.slice();
  const module = readModule(bytes);
  trustRawBodies(module);
  const resolved = resolveRuntime(new ModuleBuilder(cloneModule(module)));
  const graph = rawCallGraph(module);
  const t: RuntimeTemplate = graph ? { bytes, module, resolved, graph } : { bytes, module, resolved };
  templates.set(runtime, t);
  return t;
}

export function compilePolicy(policy: Policy, runtime: Uint8Array): CompileResult {
  const template = runtimeTemplate(runtime);
  const s: State = {
    policy,
    runtime: template.resolved,
    ...(template.graph ? { graph: template.graph } : {}),
    b: new ModuleBuilder(cloneModule(template.module)),
    diagnostics: [],
    callees: new Map(),
    hostBuiltins: [],
    funcIndex: new Map(),
    memo: new Map(),
    plans: [],
  };
  for (const [, stage] of STAGES) {
    stage(s);
    if (s.diagnostics.length > 0) return { diagnostics: s.diagnostics };
  }
  return { wasm: s.b.toBytes(), diagnostics: [] };
}

function resolveRuntimeStage(s: State): void {
  const { abi, missing } = s.runtime ?? resolveRuntime(s.b);
  for (const m of missing) fail(s, `runtime module: missing ${m}`);
  if (abi) s.abi = abi;
}

/** The backend's data goes right after the runtime's (runtime/API.md, "Memory layout"). */
function layoutData(s: State): void {
  let end = 0;
  for (const d of s.b.module.datas) {
    const ins = d.offset[0];
    if (d.mode !== "active" || d.offset.length !== 1 || ins?.op !== "i32.const") {
      fail(s, "runtime module: data segments must be active with constant offsets");
      return;
    }
    end = Math.max(end, (ins.value >>> 0) + d.bytes.length);
  }
  s.data = new StaticData(align8(end));
}

function declareFunctions(s: State): void {
  const I32 = "i32" as const;
  const memoize = canMemoize(s.policy);
  for (const fn of s.policy.funcs?.funcs ?? []) {
    const type = { params: fn.params.map(() => I32), results: [I32] };
    const index = s.b.declareFunction(type, fn.name);
    s.funcIndex.set(fn, index);
    if (memoize && fn.params.length === 2) {
      const body = s.b.declareFunction(type, `${fn.name}$body`);
      s.memo.set(fn, { body, global: s.b.addGlobal({ type: I32, mutable: true }, [{ op: "i32.const", value: 0 }]) });
    }
  }
  for (const plan of s.policy.plans?.plans ?? []) {
    const index = s.b.declareFunction({ params: [I32, I32, I32], results: [] }, `plan:${plan.name}`);
    s.plans.push({ plan, index });
  }
}

function buildCallees(s: State): void {
  const abi = s.abi!;
  for (const [fn, index] of s.funcIndex) s.callees.set(fn.name, { kind: "func", index, arity: fn.params.length });
  (s.policy.static?.builtinFuncs ?? []).forEach((bf, id) => {
    if (s.callees.has(bf.name)) return;
    const native = abi.natives.get(bf.name);
    if (native !== undefined) {
      s.callees.set(bf.name, { kind: "native", index: native, arity: s.b.funcType(native).params.length });
      return;
    }
    const decl = bf.decl as { args?: unknown } | null;
    const arity = decl && Array.isArray(decl.args) ? decl.args.length : -1;
    s.callees.set(bf.name, { kind: "host", id, arity });
    s.hostBuiltins.push({ name: bf.name, id });
  });
}

function context(s: State): StmtContext {
  const strings = (s.policy.static?.strings ?? []).map((x) => x.value);
  const files = (s.policy.static?.files ?? []).map((x) => x.value);
  const dynamic: { path: string[]; index: number; arity: number }[] = [];
  for (const [fn, index] of s.funcIndex) if (fn.path) dynamic.push({ path: fn.path, index, arity: fn.params.length });
  return {
    abi: s.abi!,
    data: s.data!,
    strings,
    files,
    callees: s.callees,
    dynamic,
    at: new IrPath(),
    error: (path, message) => fail(s, message, path),
  };
}

function compileFuncs(s: State): void {
  const ctx = context(s);
  ctx.at.push("funcs", "funcs");
  (s.policy.funcs?.funcs ?? []).forEach((fn, k) => {
    const e = new FnEmitter(fn.params.length);
    fn.params.forEach((l, i) => e.bindParam(l, i));
    compileBlocks(ctx, e, fn.blocks, k);
    e.emit({ op: "local.get", local: e.local(fn.return) });
    const memo = s.memo.get(fn);
    const index = s.funcIndex.get(fn)!;
    if (memo) {
      s.b.defineFunction(memo.body, e.locals, e.code);
      defineMemoWrapper(s.b, index, memo.body, memo.global);
    } else s.b.defineFunction(index, e.locals, e.code);
  });
  ctx.at.pop(2);
}

/** The blocks of the k-th function or plan, error paths under `<k>.blocks[i]`. */
function compileBlocks(ctx: ReturnType<typeof context>, e: FnEmitter, blocks: readonly Block[], k: number): void {
  ctx.at.push(k, "blocks");
  blocks.forEach((b, i) => {
    ctx.at.push(i);
    compileBlock(ctx, e, b);
    ctx.at.pop();
  });
  ctx.at.pop(2);
}

function compilePlans(s: State): void {
  const ctx = context(s);
  ctx.at.push("plans", "plans");
  s.plans.forEach(({ plan, index }, k) => {
    // (input, data, result set): IR locals 0 and 1 are the first two parameters.
    const e = new FnEmitter(3);
    e.bindParam(0, 0);
    e.bindParam(1, 1);
    compileBlocks(ctx, e, plan.blocks, k);
    s.b.defineFunction(index, e.locals, e.code);
  });
  ctx.at.pop(2);
}

function emitData(s: State): void {
  const data = s.data!;
  const bytes = data.finish();
  if (bytes.length > 0) s.b.addData(data.base, bytes);
  const heapStart = align8(data.base + bytes.length);
  const g = s.b.module.globals[s.abi!.heapStartGlobal - (s.b.globalCount - s.b.module.globals.length)]!;
  g.init = [{ op: "i32.const", value: heapStart }];
  const mem = s.b.module.imports.find((i) => i.desc.kind === "memory");
  if (mem && mem.desc.kind === "memory") {
    const pages = Math.ceil(heapStart / PAGE);
    if (pages > MAX_MEMORY_PAGES) fail(s, `static data needs ${pages} memory pages; the SDK allows at most ${MAX_MEMORY_PAGES}`);
    else if (pages > mem.desc.memory.min) mem.desc.memory.min = pages;
  }
}

function align8(n: number): number {
  return Math.ceil(n / 8) * 8;
}
