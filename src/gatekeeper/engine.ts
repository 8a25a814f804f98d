import type { ConstraintTemplateInfo } from "./template.js";
import type { Inventory, RawViolation } from "./types.js";

/** What a template may read besides `input`: only `data.inventory`. */
export interface EvaluationData {
  inventory: Inventory;
}

/**
 * Compiles a template's Rego into something that evaluates its `violation`
 * set. The Wasm engine implements it; FunctionEngine is the test double.
 */
export interface PolicyEngine {
  readonly name: string;
  /** Throws GwpcError (diagnostics with positions in the template's file) when the Rego does not compile. */
  compileTemplate(t: ConstraintTemplateInfo): CompiledTemplate;
}

export interface CompiledTemplate {
  /**
   * The `violation` set for `input = {review, parameters}`: `[{msg, details}]`
   * with duplicates removed. Throws on an evaluation error (conflict, trap);
   * the harness turns that into a violation carrying the error text.
   */
  evaluate(input: unknown, data: EvaluationData): RawViolation[];
}

/**
 * Each template compiled once per run and reused, keyed by file path and
 * content; a failed compile is remembered too, so every test using the
 * template reports the same error without recompiling.
 */
export class TemplateCache {
  private readonly entries = new Map<string, { compiled?: CompiledTemplate; error?: unknown }>();
  compiles = 0;
  hits = 0;

  constructor(readonly engine: PolicyEngine) {}

  get(info: ConstraintTemplateInfo): CompiledTemplate {
    let e = this.entries.get(info.cacheKey);
    if (e) this.hits++;
    else {
      this.compiles++;
      try {
        e = { compiled: this.engine.compileTemplate(info) };
      } catch (err) {
        e = { error: err };
      }
      this.entries.set(info.cacheKey, e);
    }
    if (e.error !== undefined) throw e.error;
    return e.compiled!;
  }
}
