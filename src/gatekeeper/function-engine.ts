import { error, GwpcError } from "../diag/index.js";
import type { CompiledTemplate, EvaluationData, PolicyEngine } from "./engine.js";
import type { ConstraintTemplateInfo } from "./template.js";
import type { RawViolation } from "./types.js";

export type ViolationFunction = (input: any, data: EvaluationData) => RawViolation[];

/**
 * A test double for the Wasm engine: a JavaScript function per template
 * kind stands in for the template's Rego. `failCompile` makes a kind's
 * compile throw a positioned GwpcError, as a Rego syntax error would.
 */
export class FunctionEngine implements PolicyEngine {
  readonly name = "function";
  private readonly fns = new Map<string, ViolationFunction>();
  private readonly failures = new Map<string, { message: string; line: number }>();
  /** Templates compiled, by kind, in order: lets tests check the compile cache. */
  readonly compiled: string[] = [];

  register(kind: string, fn: ViolationFunction): this {
    this.fns.set(kind, fn);
    return this;
  }

  failCompile(kind: string, message: string, line = 1): this {
    this.failures.set(kind, { message, line });
    return this;
  }

  compileTemplate(t: ConstraintTemplateInfo): CompiledTemplate {
    this.compiled.push(t.kind);
    const file = t.file ?? `<template ${t.name}>`;
    const fail = this.failures.get(t.kind);
    if (fail) {
      throw new GwpcError([error("rego_parse_error", fail.message, { file, line: (t.regoLine ?? 1) + fail.line - 1, col: 1 })]);
    }
    const fn = this.fns.get(t.kind);
    if (!fn) throw new GwpcError([error("gwpc_engine", `no function registered for template kind ${t.kind}`, { file, line: 0, col: 0 })]);
    return {
      evaluate(input, data) {
        const seen = new Set<string>();
        return fn(input, data).filter((v) => {
          const key = JSON.stringify(v);
          return seen.has(key) ? false : (seen.add(key), true);
        });
      },
    };
  }
}
