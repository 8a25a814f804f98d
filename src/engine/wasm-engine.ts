import { GwpcError, sortDiagnostics } from "../diag/index.js";
import type { CompiledTemplate, ConstraintTemplateInfo, EvaluationData, PolicyEngine, RawViolation } from "../gatekeeper/index.js";
import { inputJsonUtf8 } from "../gatekeeper/evaluate.js";
import { inventoryDataUtf8, type InventoryPath } from "../gatekeeper/evaluate-json.js";
import { compileRego } from "./compile.js";
import { entrypointId, evaluateJsonUtf8, loadWasmSync, toEvalError, type LoadedPolicy } from "./load.js";
import { mapTemplateDiagnostics, templateError, templateSources, TEMPLATE_ENTRYPOINT } from "./template-source.js";

/**
 * Gatekeeper templates through the built-in compiler: the template's Rego
 * (v0 unless it says `version: v1`) as `package template` plus its libs ->
 * one policy.wasm with the entrypoint `template/violation`, loaded with the
 * official SDK. Compiled modules are cached per template content, so every
 * suite and audit sharing a template shares one module.
 */
export class WasmEngine implements PolicyEngine {
  readonly name = "wasm";
  private readonly cache = new Map<string, { compiled?: CompiledTemplate; error?: GwpcError }>();
  /** Templates actually compiled (cache misses). */
  compiles = 0;

  compileTemplate(t: ConstraintTemplateInfo): CompiledTemplate {
    const key = contentKey(t);
    let entry = this.cache.get(key);
    if (!entry) {
      this.compiles++;
      try {
        entry = { compiled: compileTemplateWasm(t) };
      } catch (e) {
        if (!(e instanceof GwpcError)) throw e;
        entry = { error: e };
      }
      this.cache.set(key, entry);
    }
    if (entry.error) throw relocate(entry.error, t);
    return entry.compiled!;
  }
}

/** What the module depends on: the Rego, the libs and the syntax version (not the file it came from). */
function contentKey(t: ConstraintTemplateInfo): string {
  return JSON.stringify([t.regoVersion, t.rego ?? "", t.libs]);
}

/** A cached failure reported for another file with the same Rego names that file. */
function relocate(e: GwpcError, t: ConstraintTemplateInfo): GwpcError {
  const file = t.file ?? `<template ${t.name}>`;
  if (e.diagnostics.every((d) => d.location?.file === file)) return e;
  return new GwpcError(e.diagnostics.map((d) => (d.location ? { ...d, location: { ...d.location, file } } : d)), e.exitCode);
}

/** Compile and load one template; throws GwpcError positioned in the template's file. */
export function compileTemplateWasm(t: ConstraintTemplateInfo): CompiledTemplate {
  if (t.rego === undefined) throw new GwpcError([templateError(t, `template ${t.name} has no Rego source (only CEL); gwpc evaluates Rego`)]);
  const src = templateSources(t);
  if (!src.sources) throw new GwpcError(sortDiagnostics(mapTemplateDiagnostics(t, src.diagnostics)));
  const r = compileRego(src.sources, [TEMPLATE_ENTRYPOINT], { regoVersion: t.regoVersion });
  const errors = r.diagnostics.filter((d) => d.severity === "error");
  if (!r.wasm || errors.length > 0) {
    const code = errors.some((d) => d.code === "gwpc_internal") ? 70 : 2;
    throw new GwpcError(sortDiagnostics(mapTemplateDiagnostics(t, errors)), code);
  }
  try {
    return templateModule(r.wasm, { inventoryPaths: inventoryReads(r.dataReads ?? [[]]) });
  } catch (e) {
    throw new GwpcError([templateError(t, `the compiled module does not load: ${e instanceof Error ? e.message : String(e)}`, "gwpc_wasm_error")], 70);
  }
}

/**
 * The paths below `data.inventory` a template's module can read, from the
 * planner's data reads (`[]` in the result: all of the inventory). A read of
 * `data.x` elsewhere finds nothing, as only the inventory is loaded.
 */
export function inventoryReads(dataReads: readonly (readonly (string | null)[])[]): InventoryPath[] {
  const out: InventoryPath[] = [];
  for (const p of dataReads) {
    if (p.length === 0) return [[]];
    if (p[0] === null || p[0] === "inventory") out.push(p.slice(1));
  }
  return out;
}

/**
 * A policy.wasm with a `template/violation` entrypoint as a CompiledTemplate
 * (tests feed it hand-written IR). `inventoryPaths` (default: all of it)
 * says which parts of the inventory the module can read: only those are
 * loaded into it, nothing when the list is empty.
 */
export function templateModule(wasm: Uint8Array<ArrayBuffer>, opts: { inventoryPaths?: readonly InventoryPath[] } = {}): CompiledTemplate {
  return new TemplateModule(loadWasmSync(wasm), opts.inventoryPaths ?? [[]]);
}

/**
 * One loaded module. `data` is reloaded only when a different inventory
 * object comes in: callers build an inventory completely before reviewing
 * against it (a fresh one per suite case, one per audit).
 */
class TemplateModule implements CompiledTemplate {
  private lastInventory: unknown;
  /** Resolved at the first evaluation: a module without the entrypoint fails there, as an evaluation error. */
  private entrypoint: number | undefined;

  /** `inventoryPaths`: what the module reads below data.inventory (`[[]]`: all of it; none: no setData at all). */
  constructor(
    private readonly policy: LoadedPolicy,
    private readonly inventoryPaths: readonly InventoryPath[],
  ) {}

  evaluate(input: unknown, data: EvaluationData): RawViolation[] {
    if (this.inventoryPaths.length > 0 && data.inventory !== this.lastInventory) {
      this.policy.setData(inventoryDataUtf8(data.inventory, this.inventoryPaths));
      this.lastInventory = data.inventory;
    }
    let json: Uint8Array;
    try {
      json = inputJsonUtf8(input);
    } catch (e) {
      throw toEvalError(e);
    }
    this.entrypoint ??= entrypointId(this.policy, TEMPLATE_ENTRYPOINT);
    const results = evaluateJsonUtf8(this.policy, this.entrypoint, json);
    const set = results[0];
    if (set === undefined) return [];
    // A partial set dumps as an array; anything else is a template that does not define violation as Gatekeeper expects.
    const items: unknown[] = Array.isArray(set) ? set : [set];
    return items.map(toViolation);
  }
}

function toViolation(v: unknown): RawViolation {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return { msg: v };
  const o = v as Record<string, unknown>;
  return o["details"] === undefined ? { msg: o["msg"] } : { msg: o["msg"], details: o["details"] };
}
