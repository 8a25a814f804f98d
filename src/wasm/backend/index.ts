import type { Policy } from "../../rego/plan/ir.js";
import { type CompileResult, compilePolicy } from "./compile.js";
import { loadRuntime } from "./runtime-loader.js";

export { type CompileResult, STAGES, WASM_ERROR, compilePolicy } from "./compile.js";
export { GENERATED_EXPORTS, RUNTIME_FUNCS, TAG } from "./runtime-abi.js";
export { loadRuntime, runtimePath } from "./runtime-loader.js";

/** IR -> policy.wasm on the committed runtime (runtime/build/runtime.wasm). */
export function compileToWasm(policy: Policy): CompileResult {
  return compilePolicy(policy, loadRuntime());
}
