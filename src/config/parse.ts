import { error, formatDiagnostic, sortDiagnostics, type Diagnostic } from "../diag/index.js";
import { applyDefaults } from "./defaults.js";
import { Locator } from "./locate.js";
import type { GatewayPolicy } from "./model.js";
import type { RawPolicy } from "./raw.js";
import { checkSchema } from "./schema.js";
import { checkSemantics } from "./semantic.js";
import { decodePolicyText, fileOnly } from "./text.js";
import { parseYaml } from "./yaml.js";

/**
 * Diagnostics reported per file, as OPA caps its errors: past this many the
 * rest are one more from the same mistake, and a screenful is enough to act on.
 */
export const MAX_DIAGNOSTICS = 100;

export interface ParseResult {
  /** Present iff there are no error diagnostics (warnings may accompany it). */
  policy?: GatewayPolicy;
  /** Sorted by place, duplicates removed, at most MAX_DIAGNOSTICS (+1 saying how many more). */
  diagnostics: Diagnostic[];
}

/**
 * Policy file text -> the model with defaults applied. Pure and total: every
 * problem, including a gwpc bug, comes back as a diagnostic, never as an
 * exception. Stages run in order and stop at the first that found errors
 * (bytes -> YAML -> schema -> semantics -> defaults), since each later stage
 * assumes what the earlier ones checked.
 */
export function parsePolicy(fileName: string, text: string | Uint8Array): ParseResult {
  try {
    return finish(run(fileName, text));
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    return finish({
      diagnostics: [error("gwpc_internal", `internal error while reading the policy (a gwpc bug): ${msg}`, fileOnly(fileName))],
    });
  }
}

function run(fileName: string, text: string | Uint8Array): ParseResult {
  const decoded = decodePolicyText(fileName, text);
  if (!decoded.source) return decoded;
  const yaml = parseYaml(decoded.source);
  if (!yaml.doc) return yaml;

  const locate = new Locator(yaml.doc, decoded.source);
  const schemaErrors = checkSchema(yaml.data, locate);
  if (schemaErrors.length > 0) return { diagnostics: schemaErrors };

  const raw = yaml.data as RawPolicy;
  const semantic = checkSemantics(raw, locate);
  if (semantic.some((d) => d.severity === "error")) return { diagnostics: semantic };
  return { policy: applyDefaults(raw), diagnostics: semantic };
}

function finish(r: ParseResult): ParseResult {
  const seen = new Set<string>();
  const diagnostics = sortDiagnostics(r.diagnostics).filter((d) => {
    const k = `${d.severity} ${formatDiagnostic(d)}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  if (diagnostics.length > MAX_DIAGNOSTICS) {
    const more = diagnostics.length - MAX_DIAGNOSTICS;
    const last = diagnostics[MAX_DIAGNOSTICS - 1]!;
    diagnostics.splice(MAX_DIAGNOSTICS, more, {
      ...error("gwpc_too_many_errors", `${more} more problem${more === 1 ? "" : "s"} not shown; fix these and run again`),
      ...(last.location ? { location: { file: last.location.file, line: 0, col: 0 } } : {}),
    });
  }
  return r.policy ? { policy: r.policy, diagnostics } : { diagnostics };
}
