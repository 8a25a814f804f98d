/** The policy file: YAML with positions -> JSON Schema -> semantic checks -> GatewayPolicy. */
export type * from "./model.js";
export { parsePolicy, MAX_DIAGNOSTICS, type ParseResult } from "./parse.js";
export { readPolicyFile, loadPolicyFile, exitCodeFor, type LoadOptions } from "./load.js";
export { describePolicy } from "./summary.js";
export { MAX_POLICY_BYTES } from "./text.js";
export { MAX_ALIAS_COUNT, MAX_DEPTH, MAX_VALUES } from "./yaml.js";
export { SCHEMA_FILE } from "./schema.js";
export { packageFile, packageRoot } from "../package-root.js";
