/**
 * The planner's state: the policy being built (strings, builtins, functions),
 * and per function being planned the current block, the next free local and
 * the var -> local bindings. Emission is continuation-passing, as OPA's
 * planner: a statement that may be undefined ends its block, so everything
 * depending on it is planned after it in the same (or a nested) block.
 */
import type { SourceFile } from "../../diag/index.js";
import type { CompileState, RuleNode } from "../check/env.js";
import type { Loc, Term } from "../syntax/index.js";
import { type Block, type Func, type Local, type Location, type Operand, type Stmt, FIRST_FREE_LOCAL } from "./ir.js";
import { builtinDeclJSON } from "../check/builtins.js";
import { DataReads } from "./data-reads.js";

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
  /** The locals holding the current env's dynamic mock values (`PlanEnv.dyn` of them). */
  dyn: Local[];
}

/**
 * What a mocked function or builtin (`with f as r`) is replaced by:
 * - `builtin`: a call to builtin `name`;
 * - `function`: a call to the user function at `path` (planned without mocks);
 * - `value`: the term `term` (of `file`), planned at the call site (it names no local vars);
 * - `dynamic`: a value planned at the `with`, reaching calls in rule functions
 *   as their extra parameter number `index` (see `PlanEnv.dyn`).
 */
export type Mock =
  | { kind: "builtin"; name: string; arity: number }
  | { kind: "function"; path: string[]; arity: number }
  | { kind: "value"; term: Term; file: string }
  | { kind: "dynamic"; index: number };

/**
 * The planning environment, as OPA's planner's function and mock stacks: the
 * function mocks in force and the `data` paths a `with` replaced (their rules
 * are hidden: refs read the replaced base data). Every rule function planned
 * in an env is planned for it (named `g<id>.data.<path>`), so a `with` that
 * mocks or replaces rules re-plans what its expression reaches. Functions of
 * an env with `dyn` dynamic mock values take them as extra parameters after
 * their arguments.
 */
export interface PlanEnv {
  id: number;
  /** Mock frames in force, innermost last. */
  mocks: readonly ReadonlyMap<string, Mock>[];
  /** `data` paths replaced by `with`: no rule at or below them is visible. */
  shadow: readonly (readonly string[])[];
  dyn: number;
  /** Rule node -> its function's name, planned in this env. */
  funcs: Map<RuleNode, string>;
  /** The env replacement functions are planned in: same shadowing, no mocks (created on demand). */
  bare?: PlanEnv;
}

export class PlanContext {
  readonly strings: string[] = [];
  private readonly stringIndex = new Map<string, number>();
  readonly builtins = new Map<string, number>();
  readonly funcs: Func[] = [];
  readonly files: string[] = [];
  /** Base data the planned code reads (data-reads.ts). */
  readonly dataReads = new DataReads();
  fn: FnState = { curr: { stmts: [] }, next: FIRST_FREE_LOCAL, vars: new Map(), dyn: [] };
  env: PlanEnv = { id: 0, mocks: [], shadow: [], dyn: 0, funcs: new Map() };
  private nextEnvId = 1;
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
    // Consecutive statements mostly come from the same position: reuse the last lookup.
    // (The sources do not change while planning: the same file name is the same source.)
    const c = this.lastLocation;
    if (c !== undefined && c.file === this.file && c.start === this.loc.start) return { file: c.fi, row: c.row, col: c.col };
    const src: SourceFile | undefined = this.state.sources.get(this.file);
    const fi = Math.max(0, this.files.indexOf(this.file));
    const p = src ? src.position(this.loc.start) : { line: 0, col: 0 };
    this.lastLocation = { file: this.file, start: this.loc.start, fi, row: p.line, col: p.col };
    return { file: fi, row: p.line, col: p.col };
  }

  private lastLocation: { file: string; start: number; fi: number; row: number; col: number } | undefined;

  /**
   * Appends `s` with the current location. Every caller passes a fresh object
   * literal, so it is completed in place rather than copied (same keys, same
   * order as `{ ...s, location }`).
   */
  emit(s: NoLoc<Stmt>): void {
    const stmt = s as Stmt;
    stmt.location = this.location();
    this.fn.curr.stmts.push(stmt);
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
    this.fn = { curr: { stmts: [] }, next: FIRST_FREE_LOCAL, vars: new Map(), dyn: [] };
    try {
      return f();
    } finally {
      this.fn = prev.fn;
      this.file = prev.file;
      this.loc = prev.loc;
    }
  }

  /** A fresh env below the current one: `frame` mocks more, `shadow` paths hidden more, `dyn` more dynamic values. */
  childEnv(frame: ReadonlyMap<string, Mock>, shadow: readonly (readonly string[])[], dyn: number): PlanEnv {
    const e = this.env;
    return { id: this.nextEnvId++, mocks: frame.size > 0 ? [...e.mocks, frame] : e.mocks, shadow: [...e.shadow, ...shadow], dyn: e.dyn + dyn, funcs: new Map() };
  }

  /** The current env's env for replacement functions: its shadowing, no mocks, no dynamic values. */
  bareEnv(): PlanEnv {
    const e = this.env;
    if (e.mocks.length === 0 && e.dyn === 0) return e;
    e.bare ??= { id: this.nextEnvId++, mocks: [], shadow: e.shadow, dyn: 0, funcs: new Map() };
    return e.bare;
  }

  /** Runs `f` in `env`, with `dyn` the locals of its dynamic mock values in the current function. */
  inEnv<T>(env: PlanEnv, dyn: Local[], f: () => T): T {
    const prev = { env: this.env, dyn: this.fn.dyn };
    const fn = this.fn;
    this.env = env;
    fn.dyn = dyn;
    try {
      return f();
    } finally {
      this.env = prev.env;
      fn.dyn = prev.dyn;
    }
  }

  /** The innermost mock of `key` (a builtin name or `data.pkg.f`). */
  mock(key: string): Mock | undefined {
    const frames = this.env.mocks;
    for (let i = frames.length - 1; i >= 0; i--) {
      const m = frames[i]!.get(key);
      if (m) return m;
    }
    return undefined;
  }

  /** False when a `with` in force replaced `data` at or above `path`. */
  visible(path: readonly string[]): boolean {
    return !this.env.shadow.some((s) => s.length <= path.length && s.every((p, i) => p === path[i]));
  }

  /** The child of a rule node, unless missing or hidden by a `with`. */
  child(node: RuleNode, name: string): RuleNode | undefined {
    const c = node.children.get(name);
    return c && this.visible(c.path) ? c : undefined;
  }

  /** The visible children of a rule node. */
  children(node: RuleNode): [string, RuleNode][] {
    return [...node.children].filter(([, c]) => this.visible(c.path));
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
