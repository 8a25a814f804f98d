export * from "./env.js";
export { STAGES, runStages, type Stage } from "./stages.js";
export { BUILTINS, lookupBuiltin, builtinDeclJSON, type BuiltinDecl } from "./builtins.js";
export { resolveCallee, type Callee } from "./check-calls.js";
