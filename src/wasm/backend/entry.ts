import type { Plan } from "../../rego/plan/ir.js";
import type { ModuleBuilder } from "../builder.js";
import type { Instr } from "../instructions.js";
import { FnEmitter } from "./emitter.js";
import { clearMemo } from "./memo.js";
import type { RuntimeAbi } from "./runtime-abi.js";
import type { StaticData } from "./static-data.js";

/**
 * The ABI surface the SDK calls, generated per policy (the runtime never
 * calls policy code): `opa_eval` (ABI 1.2 fast path), `eval` and the
 * `opa_eval_ctx_*` family (ABI 1.1), `builtins()` and `entrypoints()`.
 *
 * The evaluation context (1.1) is 16 bytes, as OPA's: input @0, data @4,
 * result @8, entrypoint @12.
 */
export interface EntryIndices {
  /** `(entrypoint, input, data) -> result set`, shared by both ABIs. */
  evalEntry: number;
}

const get = (local: number): Instr => ({ op: "local.get", local });
const set = (local: number): Instr => ({ op: "local.set", local });
const i32 = (value: number): Instr => ({ op: "i32.const", value });
const load = (offset: number): Instr => ({ op: "i32.load", align: 2, offset });
const store = (offset: number): Instr => ({ op: "i32.store", align: 2, offset });

export function emitEntryFunctions(
  b: ModuleBuilder,
  abi: RuntimeAbi,
  data: StaticData,
  plans: readonly { plan: Plan; index: number }[],
  hostBuiltins: readonly { name: string; id: number }[],
  memoGlobals: readonly number[],
): EntryIndices {
  const fn = abi.fn;
  const call = (func: number): Instr => ({ op: "call", func });
  const I32 = "i32" as const;

  // evalEntry(ep, input, data) -> rs
  const evalEntry = b.declareFunction({ params: [I32, I32, I32], results: [I32] }, "gwpc/eval_entrypoint");
  {
    const e = new FnEmitter(3);
    const rs = e.temp();
    e.emit(...clearMemo(memoGlobals));
    e.emit(call(fn.opa_set), set(rs));
    e.open("block");
    plans.forEach(({ index }, planNo) => {
      e.emit(get(0), i32(planNo), { op: "i32.eq" });
      e.open("if");
      e.emit(get(1), get(2), get(rs), call(index), { op: "br", label: 1 });
      e.close();
    });
    e.emit(i32(data.cString("internal: illegal entrypoint id")), call(abi.abort), { op: "unreachable" });
    e.close();
    e.emit(get(rs));
    b.defineFunction(evalEntry, e.locals, e.code);
  }

  // opa_eval(reserved, entrypoint, data, inputAddr, inputLen, heapPtr, format) -> json
  {
    const e = new FnEmitter(7);
    const input = e.temp();
    e.emit(get(5), call(fn.opa_heap_ptr_set));
    e.emit(get(4));
    e.open("if");
    e.emit(get(3), get(4), call(fn.opa_json_parse), set(input));
    e.close();
    const rs = e.temp();
    e.emit(get(1), get(input), get(2), call(evalEntry), set(rs));
    e.emit(get(6));
    e.open("if", "i32");
    e.emit(get(rs), call(fn.opa_value_dump));
    e.else();
    e.emit(get(rs), call(fn.opa_json_dump));
    e.close();
    b.addFunction({ type: { params: [I32, I32, I32, I32, I32, I32, I32], results: [I32] }, locals: e.locals, code: e.code, name: "opa_eval", exportAs: "opa_eval" });
  }

  // ABI 1.1: eval(ctx) and the context accessors.
  b.addFunction({
    type: { params: [I32], results: [I32] },
    code: [get(0), get(0), load(12), get(0), load(0), get(0), load(4), call(evalEntry), store(8), i32(0)],
    name: "eval",
    exportAs: "eval",
  });
  b.addFunction({
    type: { params: [], results: [I32] },
    locals: [I32],
    code: [i32(16), call(fn.opa_malloc), { op: "local.tee", local: 0 }, i32(0), i32(16), { op: "memory.fill", mem: 0 }, get(0)],
    name: "opa_eval_ctx_new",
    exportAs: "opa_eval_ctx_new",
  });
  const setter = (name: string, offset: number): void => {
    b.addFunction({ type: { params: [I32, I32], results: [] }, code: [get(0), get(1), store(offset)], name, exportAs: name });
  };
  setter("opa_eval_ctx_set_input", 0);
  setter("opa_eval_ctx_set_data", 4);
  setter("opa_eval_ctx_set_entrypoint", 12);
  b.addFunction({ type: { params: [I32], results: [I32] }, code: [get(0), load(8)], name: "opa_eval_ctx_get_result", exportAs: "opa_eval_ctx_get_result" });

  // builtins(): {"name": id} for the builtins the host must provide; entrypoints(): {"plan": index}.
  const table = (entries: readonly { name: string; id: number }[]): Instr[] => {
    const code: Instr[] = [call(fn.opa_object), set(0)];
    for (const x of entries) {
      code.push(get(0), i32(data.stringValue(x.name)), { op: "i64.const", value: BigInt(x.id) }, call(fn.opa_number_int), call(fn.opa_object_insert));
    }
    code.push(get(0));
    return code;
  };
  b.addFunction({ type: { params: [], results: [I32] }, locals: [I32], code: table(hostBuiltins), name: "builtins", exportAs: "builtins" });
  b.addFunction({
    type: { params: [], results: [I32] },
    locals: [I32],
    code: table(plans.map((p, i) => ({ name: p.plan.name, id: i }))),
    name: "entrypoints",
    exportAs: "entrypoints",
  });
  return { evalEntry };
}
