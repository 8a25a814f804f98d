import type { ModuleBuilder } from "../builder.js";
import { importCount } from "../types.js";

/**
 * The runtime module's exports the generated code calls, found by name
 * (runtime/API.md: no fixed indices). Missing ones are reported together.
 */
export const RUNTIME_FUNCS = [
  "opa_malloc",
  "opa_heap_ptr_set",
  "opa_value_null",
  "opa_boolean",
  "opa_number_int",
  "opa_number_ref",
  "opa_array_with_cap",
  "opa_array_append",
  "opa_object",
  "opa_object_insert",
  "gwpc_object_insert_once",
  "opa_set",
  "opa_set_add",
  "opa_value_type",
  "opa_value_length",
  "opa_value_get",
  "gwpc_value_at",
  "gwpc_value_key_at",
  "opa_value_equal",
  "opa_value_merge",
  "opa_value_shallow_copy",
  "opa_json_parse",
  "opa_json_dump",
  "opa_value_dump",
] as const;

export type RuntimeFunc = (typeof RUNTIME_FUNCS)[number];

/** Function exports the backend generates; a runtime must not define them. */
export const GENERATED_EXPORTS = [
  "opa_eval",
  "eval",
  "builtins",
  "entrypoints",
  "opa_eval_ctx_new",
  "opa_eval_ctx_set_input",
  "opa_eval_ctx_set_data",
  "opa_eval_ctx_set_entrypoint",
  "opa_eval_ctx_get_result",
] as const;

/** Value tags (runtime/API.md). */
export const TAG = { null: 1, boolean: 2, number: 3, string: 4, array: 5, object: 6, set: 7 } as const;

export interface RuntimeAbi {
  fn: Record<RuntimeFunc, number>;
  abort: number;
  /** opa_builtin0..4 imports. */
  builtinImports: number[];
  /** Native builtins: OPA name -> function index. */
  natives: Map<string, number>;
  /** Global index of `gwpc_heap_start`. */
  heapStartGlobal: number;
}

export function resolveRuntime(b: ModuleBuilder): { abi?: RuntimeAbi; missing: string[] } {
  const missing: string[] = [];
  const fn = {} as Record<RuntimeFunc, number>;
  for (const name of RUNTIME_FUNCS) {
    const e = b.findExport(name, "func");
    if (e) fn[name] = e.index;
    else missing.push(name);
  }
  const importedFunc = (name: string): number | undefined => {
    let k = 0;
    for (const imp of b.module.imports) {
      if (imp.desc.kind !== "func") continue;
      if (imp.module === "env" && imp.name === name) return k;
      k++;
    }
    return undefined;
  };
  const abort = importedFunc("opa_abort");
  if (abort === undefined) missing.push("import env.opa_abort");
  const builtinImports: number[] = [];
  for (let n = 0; n <= 4; n++) {
    const i = importedFunc(`opa_builtin${n}`);
    if (i === undefined) missing.push(`import env.opa_builtin${n}`);
    else builtinImports.push(i);
  }
  const natives = new Map<string, number>();
  for (const e of b.module.exports) {
    if (e.kind === "func" && e.name.startsWith("builtin:")) natives.set(e.name.slice("builtin:".length), e.index);
  }
  const heap = b.findExport("gwpc_heap_start", "global");
  if (!heap) missing.push("global gwpc_heap_start");
  else if (heap.index < importCount(b.module, "global")) missing.push("gwpc_heap_start must be a defined global");
  for (const name of GENERATED_EXPORTS) if (b.findExport(name)) missing.push(`runtime must not export "${name}"`);
  if (missing.length > 0 || abort === undefined || !heap) return { missing };
  return { abi: { fn, abort, builtinImports, natives, heapStartGlobal: heap.index }, missing };
}
