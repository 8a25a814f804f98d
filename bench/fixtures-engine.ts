/**
 * The Wasm engine as the benches see it. `src/engine` (WasmEngine: the
 * template package rewritten to `template`, Rego v0/v1 compiled to one
 * policy.wasm, loaded with the SDK) is used when it loads and its Rego front
 * end is present; otherwise a minimal private adapter built here on
 * src/rego/compile.ts + src/wasm/backend + the SDK stands in (package line
 * rewritten with a regex). When neither can compile Rego, `problem` says why
 * and the benches print MISS lines instead of numbers.
 */
import { createRequire } from "node:module";
import type { LoadedPolicy } from "@open-policy-agent/opa-wasm";
import { GwpcError, error, type Diagnostic } from "../src/diag/index.js";
import type { CompiledTemplate, ConstraintTemplateInfo, EvaluationData, PolicyEngine, RawViolation } from "../src/gatekeeper/index.js";
import type { Policy } from "../src/rego/plan/ir.js";

export interface RegoSourceLike {
  file: string;
  text: string;
  regoVersion?: "v0" | "v1";
}

/** The pipeline split into the stages frontend.ts times. */
export interface BenchPipeline {
  /** The template's Rego (package rewritten to `template`) and its libs. */
  templateSources(t: ConstraintTemplateInfo): { sources?: RegoSourceLike[]; diagnostics: Diagnostic[] };
  /** Parse only (every source), for the parse column. */
  parse(sources: RegoSourceLike[], regoVersion: "v0" | "v1"): Diagnostic[];
  /** Parse + check + plan -> IR. */
  frontend(sources: RegoSourceLike[], regoVersion: "v0" | "v1"): { policy?: Policy; diagnostics: Diagnostic[] };
  /** IR -> policy.wasm. */
  backend(policy: Policy): { wasm?: Uint8Array<ArrayBuffer>; diagnostics: Diagnostic[] };
  /** Load a module with the SDK (synchronously). */
  load(wasm: Uint8Array<ArrayBuffer>): LoadedPolicy;
}

export interface BenchEngine {
  /** Where the engine came from: "src/engine" or "bench adapter". */
  source: string;
  /** A fresh engine with its own compile cache (one per verify / audit run, as the CLI makes). */
  newEngine(): PolicyEngine;
  /** Compile and load one template, no cache (the gator lane: a fresh client per case). */
  compileUncached(t: ConstraintTemplateInfo): CompiledTemplate;
  pipeline: BenchPipeline;
}

export const TEMPLATE_ENTRYPOINT = "template/violation";

const sdk = createRequire(import.meta.url)("@open-policy-agent/opa-wasm") as typeof import("@open-policy-agent/opa-wasm");

/**
 * The engine, or why there is none. Never throws. `GWPC_BENCH_ENGINE=adapter`
 * skips src/engine (tests the adapter); `=none` acts as if no engine could
 * compile Rego (tests the MISS path).
 */
export async function loadBenchEngine(): Promise<{ engine?: BenchEngine; problem?: string }> {
  const forced = process.env["GWPC_BENCH_ENGINE"];
  if (forced === "none") return { problem: "GWPC_BENCH_ENGINE=none" };
  let fe: typeof import("../src/rego/compile.js");
  let be: typeof import("../src/wasm/backend/index.js");
  let syntax: typeof import("../src/rego/syntax/index.js");
  try {
    fe = await import("../src/rego/compile.js");
    be = await import("../src/wasm/backend/index.js");
    syntax = await import("../src/rego/syntax/index.js");
  } catch (e) {
    return { problem: `the Rego front end or the Wasm backend does not load: ${firstLine(e)}` };
  }
  const pipelineBase = {
    parse(sources: RegoSourceLike[], regoVersion: "v0" | "v1"): Diagnostic[] {
      const out: Diagnostic[] = [];
      for (const s of sources) out.push(...syntax.parseModule(s.file, s.text, { regoVersion: s.regoVersion ?? regoVersion }).diagnostics);
      return out;
    },
    frontend: (sources: RegoSourceLike[], regoVersion: "v0" | "v1") => fe.compileModules(sources, [TEMPLATE_ENTRYPOINT], { regoVersion }),
    backend: (policy: Policy) => be.compileToWasm(policy),
    load: (wasm: Uint8Array<ArrayBuffer>) => sdk.loadPolicySync(wasm),
  };

  try {
    if (forced === "adapter") throw new Error("GWPC_BENCH_ENGINE=adapter");
    const eng = await import("../src/engine/index.js");
    if (typeof eng.WasmEngine === "function" && typeof eng.compileTemplateWasm === "function" && typeof eng.templateSources === "function") {
      if (!eng.frontendAvailable()) return { problem: eng.frontendProblem() ?? "Rego front end not available" };
      return {
        engine: {
          source: "src/engine",
          newEngine: () => new eng.WasmEngine(),
          compileUncached: (t) => eng.compileTemplateWasm(t),
          pipeline: { ...pipelineBase, templateSources: (t) => eng.templateSources(t) },
        },
      };
    }
  } catch {
    // src/engine absent or broken: fall through to the adapter.
  }

  const adapterSources = (t: ConstraintTemplateInfo): { sources?: RegoSourceLike[]; diagnostics: Diagnostic[] } => {
    if (t.rego === undefined) return { diagnostics: [error("gwpc_template", `template ${t.name} has no Rego`)] };
    const text = rewritePackage(t.rego);
    if (text === undefined) return { diagnostics: [error("rego_parse_error", `template ${t.name}: no package clause`)] };
    const sources: RegoSourceLike[] = [{ file: "template.rego", text, regoVersion: t.regoVersion }];
    t.libs.forEach((l, i) => sources.push({ file: `lib-${i}.rego`, text: l, regoVersion: t.regoVersion }));
    return { sources, diagnostics: [] };
  };
  const compileUncached = (t: ConstraintTemplateInfo): CompiledTemplate => {
    const src = adapterSources(t);
    if (!src.sources) throw new GwpcError(src.diagnostics);
    const f = fe.compileModules(src.sources, [TEMPLATE_ENTRYPOINT], { regoVersion: t.regoVersion });
    const errs = f.diagnostics.filter((d) => d.severity === "error");
    if (errs.length > 0 || !f.policy) throw new GwpcError(errs.length > 0 ? errs : [error("gwpc_internal", "no plan")]);
    const b = be.compileToWasm(f.policy);
    if (!b.wasm) throw new GwpcError(b.diagnostics.length > 0 ? b.diagnostics : [error("gwpc_internal", "no module")]);
    return new AdapterTemplate(sdk.loadPolicySync(b.wasm));
  };
  return {
    engine: {
      source: "bench adapter",
      newEngine: () => {
        const cache = new Map<string, CompiledTemplate>();
        return {
          name: "bench-adapter",
          compileTemplate(t) {
            const key = JSON.stringify([t.regoVersion, t.rego ?? "", t.libs]);
            let c = cache.get(key);
            if (!c) cache.set(key, (c = compileUncached(t)));
            return c;
          },
        };
      },
      compileUncached,
      pipeline: { ...pipelineBase, templateSources: adapterSources },
    },
  };
}

/** `package x.y` (first non-comment line starting with `package`) -> `package template`; line numbers unchanged. */
function rewritePackage(text: string): string | undefined {
  const m = /^[ \t]*package[ \t]+[^\s#;]+/m.exec(text);
  if (!m) return undefined;
  return `${text.slice(0, m.index)}package template${text.slice(m.index + m[0].length)}`;
}

/** The adapter's loaded template: data reloaded when the inventory object changes, violations as {msg, details}. */
class AdapterTemplate implements CompiledTemplate {
  private lastInventory: unknown;
  constructor(private readonly policy: LoadedPolicy) {}
  evaluate(input: unknown, data: EvaluationData): RawViolation[] {
    if (data.inventory !== this.lastInventory) {
      this.policy.setData({ inventory: data.inventory });
      this.lastInventory = data.inventory;
    }
    const rs = this.policy.evaluate(input, TEMPLATE_ENTRYPOINT) as { result?: unknown }[];
    const set = rs[0]?.result;
    if (set === undefined) return [];
    return (Array.isArray(set) ? set : [set]).map((v) => {
      if (typeof v !== "object" || v === null || Array.isArray(v)) return { msg: v };
      const o = v as Record<string, unknown>;
      return o["details"] === undefined ? { msg: o["msg"] } : { msg: o["msg"], details: o["details"] };
    });
  }
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split("\n")[0]!;
}
