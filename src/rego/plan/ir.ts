/**
 * OPA's intermediate representation (IR) for planned Rego, mirrored field for
 * field from `v1/ir/ir.go` so that `opa build -t plan` output decodes into it
 * and ours encodes back to the same JSON (see ir-json.ts).
 *
 * The IR is imperative: a plan or function is a list of blocks, a block a list
 * of statements run in order. A statement whose inputs are undefined, or whose
 * check fails, is *undefined*: execution leaves the current block and resumes
 * after it (at the next block, if any). Undefined is not false. Some
 * statements instead abort evaluation (conflicts). Each statement below says
 * when it is undefined and when it aborts; the rest are always defined.
 *
 * Locals 0 and 1 hold `input` and `data` in every plan and are the first two
 * parameters of every function.
 */

/** A plan- or function-scoped variable, numbered from 0. */
export type Local = number;

/** The local holding the input document. */
export const INPUT_LOCAL: Local = 0;
/** The local holding the data document. */
export const DATA_LOCAL: Local = 1;
/** The first local a planner may allocate freely. */
export const FIRST_FREE_LOCAL: Local = 2;

/**
 * Where a statement came from: `file` indexes `Static.files`; `row` and `col`
 * are 1-based (0 when the planner synthesised the statement). Newer OPA
 * releases also emit the end of the span; we keep it when present.
 */
export interface Location {
  file: number;
  row: number;
  col: number;
  endRow?: number;
  endCol?: number;
}

/** A value a statement reads: a local, a string constant, or a boolean constant. */
export type Operand =
  | { type: "local"; value: Local }
  | { type: "string_index"; value: number }
  | { type: "bool"; value: boolean };

export interface StringConst {
  value: string;
}

/**
 * A builtin the policy calls: the environment (runtime or host) provides it.
 * `decl` is OPA's type declaration (`types.Function` JSON), kept opaque.
 */
export interface BuiltinFunc {
  name: string;
  decl: unknown;
}

export interface Static {
  /** Referenced by `string_index` operands, `MakeNumberRefStmt.index`, `WithStmt.path`. */
  strings: StringConst[];
  builtinFuncs: BuiltinFunc[];
  /** Source file names, indexed by `Location.file`; debugging only. */
  files: StringConst[];
}

/** Statements run in order until one is undefined, a return, or a break. */
export interface Block {
  stmts: Stmt[];
}

/**
 * An entrypoint. Its blocks run in order; each ends in `ResultSetAddStmt`,
 * and the result set is empty when none ran.
 */
export interface Plan {
  name: string;
  blocks: Block[];
}

/**
 * A function called by `CallStmt` (by `name`) or `CallDynamicStmt` (by
 * `path`). `params` start with the input and data locals. It returns the value
 * of `return` when a `ReturnLocalStmt` runs; if that local is unset, the call
 * is undefined.
 */
export interface Func {
  name: string;
  params: Local[];
  return: Local;
  blocks: Block[];
  /** Only for functions reachable through `CallDynamicStmt`. */
  path?: string[];
}

/** The root of a planned policy. Every part is optional in OPA's JSON. */
export interface Policy {
  static?: Static;
  plans?: { plans: Plan[] };
  funcs?: { funcs: Func[] };
}

// ---------------------------------------------------------------- statements

interface StmtBase {
  location: Location;
}

/** Returns the value of `source` from the enclosing function; ends the function. */
export interface ReturnLocalStmt extends StmtBase {
  type: "ReturnLocalStmt";
  source: Local;
}

/**
 * Calls a planned function or a builtin by name, storing its return value in
 * `result`. Undefined when the callee is undefined (a builtin that fails its
 * type checks, a function whose return local was never set).
 */
export interface CallStmt extends StmtBase {
  type: "CallStmt";
  func: string;
  args: Operand[];
  result: Local;
}

/**
 * Calls the function whose `path` matches, looked up at run time (operands
 * are string constants or locals holding strings). Undefined when no function
 * matches or the callee is undefined.
 */
export interface CallDynamicStmt extends StmtBase {
  type: "CallDynamicStmt";
  args: Local[];
  result: Local;
  path: Operand[];
}

/**
 * Runs each nested block in order (each one independently: an undefined
 * statement leaves only its own block). Always defined itself; breaks may
 * leave it early.
 */
export interface BlockStmt extends StmtBase {
  type: "BlockStmt";
  blocks: Block[];
}

/**
 * Leaves `index + 1` enclosing blocks: 0 leaves the current block, 1 also
 * the block around it, and so on; execution continues after the block left.
 */
export interface BreakStmt extends StmtBase {
  type: "BreakStmt";
  index: number;
}

/**
 * `target = source[key]` for objects (by key), arrays (by integer index) and
 * sets (membership: yields the element). Undefined when the key is absent or
 * `source` is a scalar.
 */
export interface DotStmt extends StmtBase {
  type: "DotStmt";
  source: Operand;
  key: Operand;
  target: Local;
}

/**
 * `target` = number of elements of an array, object or set, or of code
 * points of a string. Undefined for other values.
 */
export interface LenStmt extends StmtBase {
  type: "LenStmt";
  source: Operand;
  target: Local;
}

/**
 * Runs `block` once per element of `source`, with `key`/`value` bound to the
 * index and element (arrays), key and value (objects), or element twice
 * (sets), in the collection's order; an undefined statement in `block` only
 * ends that iteration. OPA documents the scan as undefined when `source` is a
 * scalar or empty; OPA's Wasm compiler (and ours) simply goes on after the
 * loop. Planned code keeps whatever depends on the iteration inside `block`,
 * so the two readings agree.
 */
export interface ScanStmt extends StmtBase {
  type: "ScanStmt";
  source: Local;
  key: Local;
  value: Local;
  block: Block;
}

/** Negation: undefined when `block` runs to its end (is defined), defined otherwise. */
export interface NotStmt extends StmtBase {
  type: "NotStmt";
  block: Block;
}

/** Sets `target` to a raw integer (not a Rego value); used for counters. */
export interface AssignIntStmt extends StmtBase {
  type: "AssignIntStmt";
  value: bigint;
  target: Local;
}

/**
 * `target = source`. Never undefined: planned code only reads locals it has
 * set (OPA's Wasm compiler does not check either).
 */
export interface AssignVarStmt extends StmtBase {
  type: "AssignVarStmt";
  source: Operand;
  target: Local;
}

/**
 * `target = source`, once: when `target` already holds a value, equal values
 * are fine and a different one aborts with a conflict error (complete rules
 * with several values). Never undefined.
 */
export interface AssignVarOnceStmt extends StmtBase {
  type: "AssignVarOnceStmt";
  source: Operand;
  target: Local;
}

/** Makes `target` unset (undefined) again. */
export interface ResetLocalStmt extends StmtBase {
  type: "ResetLocalStmt";
  target: Local;
}

/** `target = null`. */
export interface MakeNullStmt extends StmtBase {
  type: "MakeNullStmt";
  target: Local;
}

/** `target` = the integer `value` as a Rego number. */
export interface MakeNumberIntStmt extends StmtBase {
  type: "MakeNumberIntStmt";
  value: bigint;
  target: Local;
}

/** `target` = the number whose source text is string constant `index` (any size, exact). */
export interface MakeNumberRefStmt extends StmtBase {
  type: "MakeNumberRefStmt";
  index: number;
  target: Local;
}

/** `target` = a new empty array; `capacity` is a size hint. */
export interface MakeArrayStmt extends StmtBase {
  type: "MakeArrayStmt";
  capacity: number;
  target: Local;
}

/** `target` = a new empty object. */
export interface MakeObjectStmt extends StmtBase {
  type: "MakeObjectStmt";
  target: Local;
}

/** `target` = a new empty set. */
export interface MakeSetStmt extends StmtBase {
  type: "MakeSetStmt";
  target: Local;
}

/** Undefined unless `a` and `b` are equal values (1 and 1.0 are equal). */
export interface EqualStmt extends StmtBase {
  type: "EqualStmt";
  a: Operand;
  b: Operand;
}

/** Undefined when `a` and `b` are equal values. */
export interface NotEqualStmt extends StmtBase {
  type: "NotEqualStmt";
  a: Operand;
  b: Operand;
}

/** Undefined unless `source` is an array. */
export interface IsArrayStmt extends StmtBase {
  type: "IsArrayStmt";
  source: Operand;
}

/** Undefined unless `source` is an object. */
export interface IsObjectStmt extends StmtBase {
  type: "IsObjectStmt";
  source: Operand;
}

/** Undefined unless `source` is a set. */
export interface IsSetStmt extends StmtBase {
  type: "IsSetStmt";
  source: Operand;
}

/** Undefined when the local `source` is unset. */
export interface IsDefinedStmt extends StmtBase {
  type: "IsDefinedStmt";
  source: Local;
}

/** Undefined when the local `source` holds a value. */
export interface IsUndefinedStmt extends StmtBase {
  type: "IsUndefinedStmt";
  source: Local;
}

/** Appends `value` to the array in `array` (mutates it). */
export interface ArrayAppendStmt extends StmtBase {
  type: "ArrayAppendStmt";
  value: Operand;
  array: Local;
}

/** `object[key] = value`, replacing any previous value (mutates it). */
export interface ObjectInsertStmt extends StmtBase {
  type: "ObjectInsertStmt";
  key: Operand;
  value: Operand;
  object: Local;
}

/**
 * `object[key] = value`; when the key exists with a different value,
 * aborts with a conflict error (partial objects with clashing values).
 */
export interface ObjectInsertOnceStmt extends StmtBase {
  type: "ObjectInsertOnceStmt";
  key: Operand;
  value: Operand;
  object: Local;
}

/**
 * `target` = `a` merged recursively with `b`: keys of either, and keys in
 * both merged again (which only objects can be). Aborts with a conflict
 * error when a merge meets a non-object (at the top or at a shared key).
 */
export interface ObjectMergeStmt extends StmtBase {
  type: "ObjectMergeStmt";
  a: Local;
  b: Local;
  target: Local;
}

/** Adds `value` to the set in `set` (mutates it). */
export interface SetAddStmt extends StmtBase {
  type: "SetAddStmt";
  value: Operand;
  set: Local;
}

/**
 * Runs `block` with `local` replaced by `value`, or, when `path` (string
 * constant indices) is non-empty, with `value` upserted at that path inside
 * a copy of `local` (missing objects on the way are created); `local` is
 * restored afterwards. Undefined when the block is.
 */
export interface WithStmt extends StmtBase {
  type: "WithStmt";
  local: Local;
  path: number[];
  value: Operand;
  block: Block;
}

/** Does nothing (debugging aid). */
export interface NopStmt extends StmtBase {
  type: "NopStmt";
}

/** Adds the value of `value` (usually a bindings object) to the plan's result set. */
export interface ResultSetAddStmt extends StmtBase {
  type: "ResultSetAddStmt";
  value: Local;
}

export type Stmt =
  | ReturnLocalStmt
  | CallStmt
  | CallDynamicStmt
  | BlockStmt
  | BreakStmt
  | DotStmt
  | LenStmt
  | ScanStmt
  | NotStmt
  | AssignIntStmt
  | AssignVarStmt
  | AssignVarOnceStmt
  | ResetLocalStmt
  | MakeNullStmt
  | MakeNumberIntStmt
  | MakeNumberRefStmt
  | MakeArrayStmt
  | MakeObjectStmt
  | MakeSetStmt
  | EqualStmt
  | NotEqualStmt
  | IsArrayStmt
  | IsObjectStmt
  | IsSetStmt
  | IsDefinedStmt
  | IsUndefinedStmt
  | ArrayAppendStmt
  | ObjectInsertStmt
  | ObjectInsertOnceStmt
  | ObjectMergeStmt
  | SetAddStmt
  | WithStmt
  | NopStmt
  | ResultSetAddStmt;

export type StmtType = Stmt["type"];

/** A statement of one type, by name: `StmtOf<"ScanStmt">`. */
export type StmtOf<T extends StmtType> = Extract<Stmt, { type: T }>;

/** The nested blocks of a statement, in execution order. */
export function childBlocks(s: Stmt): Block[] {
  switch (s.type) {
    case "BlockStmt":
      return s.blocks;
    case "ScanStmt":
    case "NotStmt":
    case "WithStmt":
      return [s.block];
    default:
      return [];
  }
}

/** Calls `visit` on every statement under `blocks`, depth-first, parents first. */
export function walkStmts(blocks: readonly Block[], visit: (s: Stmt) => void): void {
  for (const b of blocks) {
    for (const s of b.stmts) {
      visit(s);
      walkStmts(childBlocks(s), visit);
    }
  }
}

// ------------------------------------------------------------------ helpers

export const local = (value: Local): Operand => ({ type: "local", value });
export const stringIndex = (value: number): Operand => ({ type: "string_index", value });
export const bool = (value: boolean): Operand => ({ type: "bool", value });

/** A location for synthesised statements: file 0, row 0, col 0. */
export const NO_LOCATION: Readonly<Location> = Object.freeze({ file: 0, row: 0, col: 0 });
