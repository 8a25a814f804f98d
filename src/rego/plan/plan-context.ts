/**
 * The planner's state: the policy being built (strings, builtins, functions),
 * and per function being planned the current block, the next free local and
 * the var -> local bindings. Emission is continuation-passing, as OPA's
 * planner: a statement that may be undefined ends its block, so everything
 * depending on it is planned after it in the same (or a nested) block.
 */
import type { SourceFile } from "../../diag/index.js";
import type { CompileState } from "../check/env.js";
import type { Loc } from "../syntax/index.js";
import { type Block, type Func, type Local, type Location, type Operand, type Stmt, FIRST_FREE_LOCAL } from "./ir.js";
import { builtinDeclJSON } from "../check/builtins.js";

/** Raised for constructs the planner does not support; becomes `rego_unsupported_error`. */
export class Unsupported extends Error {
  constructor(
    message: string,
    readonly loc?: Loc,
    readonly file?: string,
  ) {
    super(message);
  }
}

/** Distributes `Omit` over the statement union. */
export type NoLoc<T> = T extends Stmt ? Omit<T, "location"> : never;

interface FnState {
  curr: Block;
  next: Local;
  vars: Map<string, Local>;
}

export class PlanContext {
  readonly strings: string[] = [];
  private readonly stringIndex = new Map<string, number>();
  readonly builtins = new Map<string, number>();
  readonly funcs: Func[] = [];
  /** Rule/function funcs by name: planned, or being planned. */
  readonly funcNames = new Set<string>();
  readonly files: string[] = [];
  fn: FnState = { curr: { stmts: [] }, next: FIRST_FREE_LOCAL, vars: new Map() };
  /** Where statements come from now. */
  file = "";
  loc: Loc = { start: 0, end: 0 };

  constructor(readonly state: CompileState) {
    for (const m of state.modules) if (!this.files.includes(m.file)) this.files.push(m.file);
    if (state.query && !this.files.includes(state.query.file)) this.files.push(state.query.file);
    if (this.files.length === 0) this.files.push("query");
  }

  str(s: string): number {
    let i = this.stringIndex.get(s);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(s);
      this.stringIndex.set(s, i);
    }
    return i;
  }

  strOp(s: string): Operand {
    return { type: "string_index", value: this.str(s) };
  }

  builtin(name: string, arity: number): void {
    if (!this.builtins.has(name)) this.builtins.set(name, arity);
  }

  builtinFuncs(): { name: string; decl: unknown }[] {
    return [...this.builtins].map(([name, arity]) => ({ name, decl: builtinDeclJSON(arity) }));
  }

  location(): Location {
    const fi = Math.max(0, this.files.indexOf(this.file));
    const src: SourceFile | undefined = this.state.sources.get(this.file);
    if (!src) return { file: fi, row: 0, col: 0 };
    const p = src.position(this.loc.start);
    return { file: fi, row: p.line, col: p.col };
  }

  emit(s: NoLoc<Stmt>): void {
    this.fn.curr.stmts.push({ ...s, location: this.location() } as Stmt);
  }

  newLocal(): Local {
    return this.fn.next++;
  }

  /** Plans `f` into a fresh block and returns it (the current block is restored). */
  block(f: () => void): Block {
    const prev = this.fn.curr;
    const b: Block = { stmts: [] };
    this.fn.curr = b;
    try {
      f();
    } finally {
      this.fn.curr = prev;
    }
    return b;
  }

  /** Runs `f` as a new function's planning state; restores the caller's afterwards. */
  inFunction<T>(f: () => T): T {
    const prev = { fn: this.fn, file: this.file, loc: this.loc };
    this.fn = { curr: { stmts: [] }, next: FIRST_FREE_LOCAL, vars: new Map() };
    try {
      return f();
    } finally {
      this.fn = prev.fn;
      this.file = prev.file;
      this.loc = prev.loc;
    }
  }

  lookup(name: string): Local | undefined {
    return this.fn.vars.get(name);
  }

  /** Binds `name` to `l` while `k` runs (planning the continuation), then unbinds it. */
  withBinding(name: string, l: Local, k: () => void): void {
    const prev = this.fn.vars.get(name);
    this.fn.vars.set(name, l);
    try {
      k();
    } finally {
      if (prev === undefined) this.fn.vars.delete(name);
      else this.fn.vars.set(name, prev);
    }
  }

  /** Runs `f` with the source position set to `loc` (restored after). */
  at<T>(loc: Loc, f: () => T): T {
    const prev = this.loc;
    this.loc = loc;
    try {
      return f();
    } finally {
      this.loc = prev;
    }
  }

  unsupported(message: string, loc: Loc = this.loc): never {
    throw new Unsupported(message, loc, this.file);
  }
}

/** Continuation: plans what comes after, with the value in an operand. */
export type OpK = (op: Operand) => void;
export type K = () => void;

/** The local holding `op`, copying constants into a fresh local. */
export function toLocal(ctx: PlanContext, op: Operand): Local {
  if (op.type === "local") return op.value;
  const l = ctx.newLocal();
  ctx.emit({ type: "AssignVarStmt", source: op, target: l });
  return l;
}
