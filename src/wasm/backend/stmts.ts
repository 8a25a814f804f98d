import type { Block, Location, Operand, Stmt } from "../../rego/plan/ir.js";
import type { Instr } from "../instructions.js";
import type { FnEmitter } from "./emitter.js";
import { type RuntimeAbi, type RuntimeFunc, TAG } from "./runtime-abi.js";
import type { StaticData } from "./static-data.js";

/** How a `CallStmt` name resolves; arity -1: unknown (host builtin without a declaration). */
export type Callee =
  | { kind: "func"; index: number; arity: number }
  | { kind: "native"; index: number; arity: number }
  | { kind: "host"; id: number; arity: number };

/**
 * Where in the IR compilation is, as JSON path segments (a string is a key, a
 * number an array index), joined into `funcs.funcs[2].blocks[0].stmts[3]...`
 * only when a diagnostic needs it, not built for every statement.
 */
export class IrPath {
  private readonly segs: (string | number)[] = [];

  push(seg: string | number, seg2?: string | number): void {
    this.segs.push(seg);
    if (seg2 !== undefined) this.segs.push(seg2);
  }

  pop(n = 1): void {
    this.segs.length -= n;
  }

  /** The path, with `extra` segments appended. */
  join(...extra: (string | number)[]): string {
    let out = "";
    for (const seg of [...this.segs, ...extra]) out += typeof seg === "number" ? `[${seg}]` : out === "" ? seg : `.${seg}`;
    return out;
  }
}

/** What statement compilation needs from the surrounding compiler. */
export interface StmtContext {
  abi: RuntimeAbi;
  data: StaticData;
  strings: readonly string[];
  files: readonly string[];
  callees: ReadonlyMap<string, Callee>;
  /** Functions reachable through CallDynamicStmt. */
  dynamic: readonly { path: readonly string[]; index: number; arity: number }[];
  /** The path of the statement being compiled (compileBlock keeps it current). */
  at: IrPath;
  /** Reports a compile error at an IR path; compilation goes on. */
  error(path: string, message: string): void;
}

const call = (ctx: StmtContext, f: RuntimeFunc): Instr => ({ op: "call", func: ctx.abi.fn[f] });

export function readOperand(ctx: StmtContext, e: FnEmitter, o: Operand): Instr {
  switch (o.type) {
    case "local":
      return { op: "local.get", local: e.local(o.value) };
    case "string_index":
      return { op: "i32.const", value: ctx.data.stringValue(ctx.strings[o.value] ?? "") };
    case "bool":
      return { op: "i32.const", value: ctx.data.boolValue(o.value) };
  }
}

/** Aborts evaluation with `file:row:col: message` (OPA's runtime error shape). */
function abort(ctx: StmtContext, e: FnEmitter, loc: Location, message: string): void {
  const file = ctx.files[loc.file];
  const where = file !== undefined && loc.row > 0 ? `${file}:${loc.row}:${loc.col}: ` : "";
  e.emit({ op: "i32.const", value: ctx.data.cString(where + message) }, { op: "call", func: ctx.abi.abort }, { op: "unreachable" });
}

/** Compiles an IR block (at `ctx.at`) as a wasm block (undefined statements leave it). */
export function compileBlock(ctx: StmtContext, e: FnEmitter, b: Block): void {
  e.openIrBlock();
  compileStmts(ctx, e, b);
  e.closeIrBlock();
}

/** The statements of block `b` (at `ctx.at`), each at `....stmts[i].stmt`. */
function compileStmts(ctx: StmtContext, e: FnEmitter, b: Block): void {
  ctx.at.push("stmts");
  for (let i = 0; i < b.stmts.length; i++) {
    ctx.at.push(i, "stmt");
    compileStmt(ctx, e, b.stmts[i]!);
    ctx.at.pop(2);
  }
  ctx.at.pop();
}

/** Compiles statement `s`, found at `ctx.at` (`....stmts[i].stmt`). */
export function compileStmt(ctx: StmtContext, e: FnEmitter, s: Stmt): void {
  const op = (o: Operand): Instr => readOperand(ctx, e, o);
  const L = (l: number): number => e.local(l);
  switch (s.type) {
    case "ReturnLocalStmt":
      e.emit({ op: "local.get", local: L(s.source) }, { op: "return" });
      return;
    case "CallStmt":
      compileCall(ctx, e, s);
      return;
    case "CallDynamicStmt":
      compileCallDynamic(ctx, e, s);
      return;
    case "BlockStmt":
      s.blocks.forEach((b, i) => {
        ctx.at.push("blocks", i);
        compileBlock(ctx, e, b);
        ctx.at.pop(2);
      });
      return;
    case "BreakStmt":
      e.emit({ op: "br", label: e.irLabel(s.index) });
      return;
    case "DotStmt":
      e.emit(op(s.source), op(s.key), call(ctx, "opa_value_get"), { op: "local.tee", local: L(s.target) });
      e.undefinedUnless();
      return;
    case "LenStmt":
      e.emit(op(s.source), call(ctx, "opa_value_length"), { op: "i64.extend_i32_u" }, call(ctx, "opa_number_int"), { op: "local.set", local: L(s.target) });
      return;
    case "ScanStmt":
      compileScan(ctx, e, s);
      return;
    case "NotStmt":
      // The inner block running to its end makes the NotStmt undefined.
      e.openIrBlock();
      ctx.at.push("block");
      compileStmts(ctx, e, s.block);
      ctx.at.pop();
      e.emit({ op: "br", label: e.irLabel(1) });
      e.closeIrBlock();
      return;
    case "AssignIntStmt":
    case "MakeNumberIntStmt":
      e.emit({ op: "i64.const", value: s.value }, call(ctx, "opa_number_int"), { op: "local.set", local: L(s.target) });
      return;
    case "AssignVarStmt":
      e.emit(op(s.source), { op: "local.set", local: L(s.target) });
      return;
    case "AssignVarOnceStmt": {
      // unset: assign; equal: nothing; different: abort.
      const t = L(s.target);
      e.open("block");
      e.open("block");
      e.emit({ op: "local.get", local: t }, { op: "i32.eqz" }, { op: "br_if", label: 0 });
      e.emit({ op: "local.get", local: t }, op(s.source), call(ctx, "opa_value_equal"), { op: "br_if", label: 1 });
      abort(ctx, e, s.location, "var assignment conflict");
      e.close();
      e.emit(op(s.source), { op: "local.set", local: t });
      e.close();
      return;
    }
    case "ResetLocalStmt":
      e.emit({ op: "i32.const", value: 0 }, { op: "local.set", local: L(s.target) });
      return;
    case "MakeNullStmt":
      e.emit(call(ctx, "opa_value_null"), { op: "local.set", local: L(s.target) });
      return;
    case "MakeNumberRefStmt": {
      const t = ctx.data.text(ctx.strings[s.index] ?? "0");
      e.emit({ op: "i32.const", value: t.addr }, { op: "i32.const", value: t.len }, call(ctx, "opa_number_ref"), { op: "local.set", local: L(s.target) });
      return;
    }
    case "MakeArrayStmt":
      e.emit({ op: "i32.const", value: s.capacity }, call(ctx, "opa_array_with_cap"), { op: "local.set", local: L(s.target) });
      return;
    case "MakeObjectStmt":
      e.emit(call(ctx, "opa_object"), { op: "local.set", local: L(s.target) });
      return;
    case "MakeSetStmt":
      e.emit(call(ctx, "opa_set"), { op: "local.set", local: L(s.target) });
      return;
    case "EqualStmt":
      e.emit(op(s.a), op(s.b), call(ctx, "opa_value_equal"));
      e.undefinedUnless();
      return;
    case "NotEqualStmt":
      e.emit(op(s.a), op(s.b), call(ctx, "opa_value_equal"));
      e.undefinedIf();
      return;
    case "IsArrayStmt":
    case "IsObjectStmt":
    case "IsSetStmt": {
      const tag = s.type === "IsArrayStmt" ? TAG.array : s.type === "IsObjectStmt" ? TAG.object : TAG.set;
      const v = e.temp();
      e.emit(op(s.source), { op: "local.tee", local: v });
      e.undefinedUnless();
      e.emit({ op: "local.get", local: v }, call(ctx, "opa_value_type"), { op: "i32.const", value: tag }, { op: "i32.ne" });
      e.undefinedIf();
      return;
    }
    case "IsDefinedStmt":
      e.emit({ op: "local.get", local: L(s.source) });
      e.undefinedUnless();
      return;
    case "IsUndefinedStmt":
      e.emit({ op: "local.get", local: L(s.source) });
      e.undefinedIf();
      return;
    case "ArrayAppendStmt":
      e.emit({ op: "local.get", local: L(s.array) }, op(s.value), call(ctx, "opa_array_append"));
      return;
    case "ObjectInsertStmt":
      e.emit({ op: "local.get", local: L(s.object) }, op(s.key), op(s.value), call(ctx, "opa_object_insert"));
      return;
    case "ObjectInsertOnceStmt":
      e.emit({ op: "local.get", local: L(s.object) }, op(s.key), op(s.value), call(ctx, "gwpc_object_insert_once"));
      e.open("if");
      abort(ctx, e, s.location, "object insert conflict");
      e.close();
      return;
    case "ObjectMergeStmt":
      e.emit({ op: "local.get", local: L(s.a) }, { op: "local.get", local: L(s.b) }, call(ctx, "opa_value_merge"), { op: "local.tee", local: L(s.target) }, { op: "i32.eqz" });
      e.open("if");
      abort(ctx, e, s.location, "object merge conflict");
      e.close();
      return;
    case "SetAddStmt":
      e.emit({ op: "local.get", local: L(s.set) }, op(s.value), call(ctx, "opa_set_add"));
      return;
    case "WithStmt":
      compileWith(ctx, e, s);
      return;
    case "NopStmt":
      e.emit({ op: "nop" });
      return;
    case "ResultSetAddStmt":
      // The result set is the plan function's parameter 2 (see entry.ts).
      e.emit({ op: "local.get", local: 2 }, { op: "local.get", local: L(s.value) }, call(ctx, "opa_set_add"));
      return;
  }
}

function compileCall(ctx: StmtContext, e: FnEmitter, s: Extract<Stmt, { type: "CallStmt" }>): void {
  const callee = ctx.callees.get(s.func);
  if (!callee) {
    ctx.error(ctx.at.join("func"), `unknown function "${s.func}"`);
    return;
  }
  if (callee.arity >= 0 && callee.arity !== s.args.length) {
    ctx.error(ctx.at.join("args"), `"${s.func}" takes ${callee.arity} arguments, called with ${s.args.length}`);
    return;
  }
  if (callee.kind === "host") {
    if (s.args.length > 4) {
      ctx.error(ctx.at.join("args"), `builtin "${s.func}" is not implemented natively and has ${s.args.length} arguments (the host ABI allows at most 4)`);
      return;
    }
    e.emit({ op: "i32.const", value: callee.id }, { op: "i32.const", value: 0 });
  }
  for (const a of s.args) e.emit(readOperand(ctx, e, a));
  const func = callee.kind === "host" ? ctx.abi.builtinImports[s.args.length]! : callee.index;
  e.emit({ op: "call", func }, { op: "local.tee", local: e.local(s.result) });
  e.undefinedUnless();
}

/** Candidates are narrowed statically by the constant path parts; local parts are compared at run time. */
function compileCallDynamic(ctx: StmtContext, e: FnEmitter, s: Extract<Stmt, { type: "CallDynamicStmt" }>): void {
  const consts = s.path.map((o) => (o.type === "string_index" ? (ctx.strings[o.value] ?? null) : o.type === "bool" ? false : null));
  const candidates = ctx.dynamic.filter((d) => d.path.length === s.path.length && d.arity === s.args.length && consts.every((c, i) => c === null || c === d.path[i]));
  if (candidates.length === 0) {
    // No function can match: always undefined.
    e.emit({ op: "br", label: e.irLabel(0) });
    return;
  }
  const result = e.local(s.result);
  e.emit({ op: "i32.const", value: 0 }, { op: "local.set", local: result });
  e.open("block");
  for (const d of candidates) {
    e.open("block");
    s.path.forEach((o, i) => {
      if (o.type !== "local") return;
      e.emit({ op: "local.get", local: e.local(o.value) }, { op: "i32.const", value: ctx.data.stringValue(d.path[i]!) }, call(ctx, "opa_value_equal"), { op: "i32.eqz" }, { op: "br_if", label: 0 });
    });
    for (const a of s.args) e.emit({ op: "local.get", local: e.local(a) });
    e.emit({ op: "call", func: d.index }, { op: "local.set", local: result }, { op: "br", label: 1 });
    e.close();
  }
  e.close();
  e.emit({ op: "local.get", local: result });
  e.undefinedUnless();
}

function compileScan(ctx: StmtContext, e: FnEmitter, s: Extract<Stmt, { type: "ScanStmt" }>): void {
  const src = e.local(s.source);
  const i = e.temp();
  const n = e.temp();
  e.open("block");
  // Only collections iterate (a string's length is not an element count).
  e.emit({ op: "local.get", local: src }, { op: "i32.eqz" }, { op: "br_if", label: 0 });
  e.emit({ op: "local.get", local: src }, call(ctx, "opa_value_type"), { op: "i32.const", value: TAG.array }, { op: "i32.lt_u" }, { op: "br_if", label: 0 });
  e.emit({ op: "local.get", local: src }, call(ctx, "opa_value_length"), { op: "local.set", local: n });
  e.emit({ op: "i32.const", value: 0 }, { op: "local.set", local: i });
  e.open("loop");
  e.emit({ op: "local.get", local: i }, { op: "local.get", local: n }, { op: "i32.ge_u" }, { op: "br_if", label: 1 });
  e.emit({ op: "local.get", local: src }, { op: "local.get", local: i }, call(ctx, "gwpc_value_key_at"), { op: "local.set", local: e.local(s.key) });
  e.emit({ op: "local.get", local: src }, { op: "local.get", local: i }, call(ctx, "gwpc_value_at"), { op: "local.set", local: e.local(s.value) });
  ctx.at.push("block");
  compileBlock(ctx, e, s.block);
  ctx.at.pop();
  e.emit({ op: "local.get", local: i }, { op: "i32.const", value: 1 }, { op: "i32.add" }, { op: "local.set", local: i }, { op: "br", label: 0 });
  e.close();
  e.close();
}

function compileWith(ctx: StmtContext, e: FnEmitter, s: Extract<Stmt, { type: "WithStmt" }>): void {
  const target = e.local(s.local);
  const save = e.temp();
  const undef = e.temp();
  e.emit({ op: "local.get", local: target }, { op: "local.set", local: save });
  if (s.path.length === 0) {
    e.emit(readOperand(ctx, e, s.value), { op: "local.set", local: target });
  } else {
    // Copy-on-write upsert: shallow copies along the path, objects created where missing.
    const cur = e.temp();
    const next = e.temp();
    e.emit({ op: "local.get", local: target });
    e.open("if", "i32");
    e.emit({ op: "local.get", local: target }, call(ctx, "opa_value_shallow_copy"));
    e.else();
    e.emit(call(ctx, "opa_object"));
    e.close();
    e.emit({ op: "local.tee", local: cur }, { op: "local.set", local: target });
    const key = (k: number): Instr => ({ op: "i32.const", value: ctx.data.stringValue(ctx.strings[k] ?? "") });
    for (const k of s.path.slice(0, -1)) {
      // An existing object is copied; a missing node (or, unlike OPA, a non-object one) becomes a new object.
      e.emit({ op: "local.get", local: cur }, key(k), call(ctx, "opa_value_get"), { op: "local.tee", local: next });
      e.open("if", "i32");
      e.emit({ op: "local.get", local: next }, call(ctx, "opa_value_type"), { op: "i32.const", value: TAG.object }, { op: "i32.eq" });
      e.open("if", "i32");
      e.emit({ op: "local.get", local: next }, call(ctx, "opa_value_shallow_copy"));
      e.else();
      e.emit(call(ctx, "opa_object"));
      e.close();
      e.else();
      e.emit(call(ctx, "opa_object"));
      e.close();
      e.emit({ op: "local.set", local: next });
      e.emit({ op: "local.get", local: cur }, key(k), { op: "local.get", local: next }, call(ctx, "opa_object_insert"));
      e.emit({ op: "local.get", local: next }, { op: "local.set", local: cur });
    }
    e.emit({ op: "local.get", local: cur }, key(s.path[s.path.length - 1]!), readOperand(ctx, e, s.value), call(ctx, "opa_object_insert"));
  }
  e.emit({ op: "i32.const", value: 1 }, { op: "local.set", local: undef });
  e.openIrBlock();
  ctx.at.push("block");
  compileStmts(ctx, e, s.block);
  ctx.at.pop();
  e.emit({ op: "i32.const", value: 0 }, { op: "local.set", local: undef });
  e.closeIrBlock();
  e.emit({ op: "local.get", local: save }, { op: "local.set", local: target });
  e.emit({ op: "local.get", local: undef });
  e.undefinedIf();
}
