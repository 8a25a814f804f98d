import { describe, expect, it } from "vitest";
import type { Block, Operand, Policy, Stmt } from "../../../src/rego/plan/ir.js";
import { walkStmts } from "../../../src/rego/plan/ir.js";
import { STMT_FIELDS } from "../../../src/rego/plan/ir-fields.js";
import { isWellFormed, policyProblems, validatePolicy } from "../../../src/rego/plan/ir-validate.js";
import { allStmtsPolicy } from "./all-stmts.js";

/**
 * validatePolicy's quick pass (isWellFormed) must reject every policy the
 * full pass (policyProblems) finds a problem in, or those diagnostics would
 * be lost. Each case breaks one field (or the placement) of one statement of
 * the all-statements policy, for every statement and every field.
 */
const BAD_LOCAL = -1;
const BAD_STRING = 999;
const tooDeep = (): Stmt => ({ type: "BreakStmt", index: 99, location: { file: 0, row: 1, col: 1 } });

/** Ways to break a field of kind `kind` (each mutates the statement record). */
function breakers(kind: string, key: string): ((rec: Record<string, unknown>) => void)[] {
  const operands: Operand[] = [
    { type: "local", value: BAD_LOCAL },
    { type: "string_index", value: BAD_STRING },
    { type: "local", value: 1.5 },
  ];
  switch (kind) {
    case "local":
      return [(r) => (r[key] = BAD_LOCAL), (r) => (r[key] = 0x80000000)];
    case "locals":
      return [(r) => (r[key] as number[]).push(BAD_LOCAL)];
    case "operand":
      return operands.map((o) => (r) => (r[key] = o));
    case "operands":
      return operands.map((o) => (r) => (r[key] as Operand[]).push(o));
    case "string_index":
      return [(r) => (r[key] = BAD_STRING), (r) => (r[key] = -1)];
    case "string_indices":
      return [(r) => (r[key] as number[]).push(BAD_STRING)];
    case "block":
      return [(r) => (r[key] as Block).stmts.push(tooDeep())];
    case "blocks":
      return [(r) => (r[key] as Block[]).push({ stmts: [tooDeep()] })];
    case "uint32":
      return [(r) => (r[key] = 99)];
    case "int32":
      return [(r) => (r[key] = -1)];
    case "int64":
      return [(r) => (r[key] = 2n ** 63n), (r) => (r[key] = -(2n ** 63n) - 1n)];
    case "string":
      return [(r) => (r[key] = "nope"), (r) => (r[key] = "g0.data.test.p")];
    default:
      return [];
  }
}

function allStmts(p: Policy): Stmt[] {
  const out: Stmt[] = [];
  for (const pl of p.plans?.plans ?? []) walkStmts(pl.blocks, (s) => out.push(s));
  for (const f of p.funcs?.funcs ?? []) walkStmts(f.blocks, (s) => out.push(s));
  return out;
}

interface Case {
  note: string;
  mutate: (p: Policy) => void;
}

function cases(): Case[] {
  const out: Case[] = [];
  allStmts(allStmtsPolicy()).forEach((s, k) => {
    const at = (p: Policy): Record<string, unknown> => allStmts(p)[k] as unknown as Record<string, unknown>;
    out.push({ note: `${s.type} #${k}: file`, mutate: (p) => void ((at(p).location as { file: number }).file = 7) });
    for (const f of STMT_FIELDS[s.type]) {
      breakers(f.kind, f.key).forEach((b, i) => out.push({ note: `${s.type} #${k}: ${f.key} (${i})`, mutate: (p) => b(at(p)) }));
    }
  });
  const plan = (p: Policy): Stmt[] => p.plans!.plans[0]!.blocks[0]!.stmts;
  const fn = (p: Policy): Stmt[] => p.funcs!.funcs[0]!.blocks[0]!.stmts;
  const loc = { file: 0, row: 1, col: 1 };
  out.push(
    { note: "return in a plan", mutate: (p) => void plan(p).push({ type: "ReturnLocalStmt", source: 2, location: loc }) },
    { note: "result set in a function", mutate: (p) => void fn(p).push({ type: "ResultSetAddStmt", value: 2, location: loc }) },
    { note: "duplicate builtin", mutate: (p) => void p.static!.builtinFuncs.push({ ...p.static!.builtinFuncs[0]! }) },
    { note: "duplicate function", mutate: (p) => void p.funcs!.funcs.push({ ...p.funcs!.funcs[0]! }) },
    { note: "duplicate plan", mutate: (p) => void p.plans!.plans.push({ name: p.plans!.plans[0]!.name, blocks: [] }) },
    { note: "one param", mutate: (p) => void p.funcs!.funcs[0]!.params.splice(1) },
    { note: "repeated param", mutate: (p) => void (p.funcs!.funcs[0]!.params[1] = p.funcs!.funcs[0]!.params[0]!) },
    { note: "empty function path", mutate: (p) => void (p.funcs!.funcs[0]!.path = []) },
    { note: "no files", mutate: (p) => void (p.static!.files = []) },
  );
  return out;
}

describe("IR validator quick pass", () => {
  it("accepts the all-statements policy", () => {
    expect(isWellFormed(allStmtsPolicy())).toBe(true);
    expect(policyProblems(allStmtsPolicy())).toEqual([]);
  });
  for (const tc of cases()) {
    it(`agrees with the full pass: ${tc.note}`, () => {
      const p = allStmtsPolicy();
      tc.mutate(p);
      const problems = policyProblems(p);
      expect(isWellFormed(p)).toBe(problems.length === 0);
      expect(validatePolicy(p)).toEqual(problems);
    });
  }
  it("breaks something in most cases", () => {
    const broken = cases().filter((tc) => {
      const p = allStmtsPolicy();
      tc.mutate(p);
      return policyProblems(p).length > 0;
    });
    expect(broken.length).toBeGreaterThan(cases().length * 0.8);
  });
});
