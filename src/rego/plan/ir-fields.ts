import type { StmtType } from "./ir.js";

/**
 * The fields of every statement, in the order OPA's Go structs declare them
 * (which is the order `encoding/json` writes them). One table drives JSON
 * decoding and encoding, validation and pretty printing, so they cannot drift.
 */
export type FieldKind =
  | "local" // a Local (non-negative integer)
  | "locals" // Local[]
  | "operand"
  | "operands"
  | "int64" // bigint
  | "int32" // capacity
  | "uint32" // break index
  | "string_index" // index into static.strings
  | "string_indices" // WithStmt.path
  | "string" // CallStmt.func
  | "block"
  | "blocks";

export interface FieldSpec {
  /** Key in the IR object. */
  readonly key: string;
  /** Key in OPA's JSON. */
  readonly json: string;
  readonly kind: FieldKind;
}

const f = (key: string, kind: FieldKind, json: string = key): FieldSpec => ({ key, json, kind });

export const STMT_FIELDS: Readonly<Record<StmtType, readonly FieldSpec[]>> = {
  ReturnLocalStmt: [f("source", "local")],
  CallStmt: [f("func", "string"), f("args", "operands"), f("result", "local")],
  CallDynamicStmt: [f("args", "locals"), f("result", "local"), f("path", "operands")],
  BlockStmt: [f("blocks", "blocks")],
  BreakStmt: [f("index", "uint32")],
  DotStmt: [f("source", "operand"), f("key", "operand"), f("target", "local")],
  LenStmt: [f("source", "operand"), f("target", "local")],
  ScanStmt: [f("source", "local"), f("key", "local"), f("value", "local"), f("block", "block")],
  NotStmt: [f("block", "block")],
  AssignIntStmt: [f("value", "int64"), f("target", "local")],
  AssignVarStmt: [f("source", "operand"), f("target", "local")],
  AssignVarOnceStmt: [f("source", "operand"), f("target", "local")],
  ResetLocalStmt: [f("target", "local")],
  MakeNullStmt: [f("target", "local")],
  MakeNumberIntStmt: [f("value", "int64"), f("target", "local")],
  // Go declares `Index int` without a JSON tag, so OPA writes "Index";
  // releases with end_row/end_col write "index" as well (see ir-json.ts).
  MakeNumberRefStmt: [f("index", "string_index", "Index"), f("target", "local")],
  MakeArrayStmt: [f("capacity", "int32"), f("target", "local")],
  MakeObjectStmt: [f("target", "local")],
  MakeSetStmt: [f("target", "local")],
  EqualStmt: [f("a", "operand"), f("b", "operand")],
  NotEqualStmt: [f("a", "operand"), f("b", "operand")],
  IsArrayStmt: [f("source", "operand")],
  IsObjectStmt: [f("source", "operand")],
  IsSetStmt: [f("source", "operand")],
  IsDefinedStmt: [f("source", "local")],
  IsUndefinedStmt: [f("source", "local")],
  ArrayAppendStmt: [f("value", "operand"), f("array", "local")],
  ObjectInsertStmt: [f("key", "operand"), f("value", "operand"), f("object", "local")],
  ObjectInsertOnceStmt: [f("key", "operand"), f("value", "operand"), f("object", "local")],
  ObjectMergeStmt: [f("a", "local"), f("b", "local"), f("target", "local")],
  SetAddStmt: [f("value", "operand"), f("set", "local")],
  WithStmt: [f("local", "local"), f("path", "string_indices"), f("value", "operand"), f("block", "block")],
  NopStmt: [],
  ResultSetAddStmt: [f("value", "local")],
};

export const STMT_TYPES = Object.keys(STMT_FIELDS) as StmtType[];

export function isStmtType(s: string): s is StmtType {
  return Object.prototype.hasOwnProperty.call(STMT_FIELDS, s);
}
