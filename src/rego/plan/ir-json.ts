import { type Diagnostic, error } from "../../diag/index.js";
import type { Block, BuiltinFunc, Func, Location, Operand, Plan, Policy, Static, Stmt, StringConst } from "./ir.js";
import { type FieldSpec, STMT_FIELDS, isStmtType } from "./ir-fields.js";
import { type JsonValue, JsonSyntaxError, parseJson, stringifyGo } from "./ir-json-text.js";

/**
 * OPA's plan JSON (`opa build -t plan`) <-> IR.
 *
 * Shape: statements are `{"type": "<Verb>Stmt", "stmt": {fields..., "file",
 * "col", "row"}}`, operands `{"type": "local"|"string_index"|"bool", "value"}`,
 * keys in Go struct order. Decoding is strict (unknown keys, statement types
 * and wrongly typed fields are errors, reported with their JSON path) except
 * where Go is lenient in ways OPA relies on: `null` lists read as empty, and a
 * missing location reads as 0. Encoding writes the same shape; lists are
 * always written as arrays (never `null`).
 */

export const IR_ERROR = "gwpc_ir_error";
const MAX_ERRORS = 50;

type Obj = { [k: string]: JsonValue };

export interface DecodeResult {
  policy?: Policy;
  diagnostics: Diagnostic[];
}

/** Parses plan JSON text; syntax errors and shape errors come back as diagnostics. */
export function policyFromJSON(text: string): DecodeResult {
  let v: JsonValue;
  try {
    v = parseJson(text);
  } catch (e) {
    if (e instanceof JsonSyntaxError) return { diagnostics: [error(IR_ERROR, `invalid JSON: ${e.message}`)] };
    throw e;
  }
  return decodePolicy(v);
}

/** Encodes a policy as OPA does: compact by default, or indented with `indent`. */
export function policyToJSON(p: Policy, indent = ""): string {
  return stringifyGo(encodePolicy(p), indent);
}

// ------------------------------------------------------------------ decode

class Decoder {
  readonly diagnostics: Diagnostic[] = [];

  fail(path: string, message: string): undefined {
    if (this.diagnostics.length < MAX_ERRORS) this.diagnostics.push(error(IR_ERROR, message, undefined, path || "$"));
    return undefined;
  }

  obj(v: JsonValue | undefined, path: string, allowed: readonly string[]): Obj | undefined {
    if (v === null || typeof v !== "object" || Array.isArray(v)) return this.fail(path, `expected an object, got ${kindOf(v)}`);
    for (const k of Object.keys(v)) if (!allowed.includes(k)) this.fail(join(path, k), `unknown field "${k}"`);
    return v;
  }

  list<T>(v: JsonValue | undefined, path: string, item: (x: JsonValue, p: string) => T | undefined, required = true): T[] {
    if (v === undefined && !required) return [];
    if (v === null) return [];
    if (!Array.isArray(v)) {
      this.fail(path, `expected an array, got ${kindOf(v)}`);
      return [];
    }
    const out: T[] = [];
    v.forEach((x, i) => {
      const r = item(x, `${path}[${i}]`);
      if (r !== undefined) out.push(r);
    });
    return out;
  }

  int(v: JsonValue | undefined, path: string, min: number, max: number): number | undefined {
    if (typeof v !== "number" || !Number.isInteger(v)) return this.fail(path, `expected an integer, got ${kindOf(v)}`);
    if (v < min || v > max) return this.fail(path, `integer ${v} out of range [${min}, ${max}]`);
    return v;
  }

  int64(v: JsonValue | undefined, path: string): bigint | undefined {
    if (typeof v === "bigint") {
      if (v < -(2n ** 63n) || v >= 2n ** 63n) return this.fail(path, `integer ${v} does not fit in int64`);
      return v;
    }
    if (typeof v === "number" && Number.isInteger(v)) return BigInt(v);
    return this.fail(path, `expected an integer, got ${kindOf(v)}`);
  }

  str(v: JsonValue | undefined, path: string): string | undefined {
    if (typeof v !== "string") return this.fail(path, `expected a string, got ${kindOf(v)}`);
    return v;
  }

  operand(v: JsonValue, path: string): Operand | undefined {
    const o = this.obj(v, path, ["type", "value"]);
    if (!o) return undefined;
    const t = o["type"];
    const vp = join(path, "value");
    if (t === "local" || t === "string_index") {
      const n = this.int(o["value"], vp, 0, 0x7fffffff);
      return n === undefined ? undefined : { type: t, value: n };
    }
    if (t === "bool") {
      const b = o["value"];
      if (typeof b !== "boolean") return this.fail(vp, `expected a boolean, got ${kindOf(b)}`);
      return { type: "bool", value: b };
    }
    return this.fail(join(path, "type"), `unknown operand type ${JSON.stringify(t ?? null)}`);
  }

  block(v: JsonValue, path: string): Block | undefined {
    const o = this.obj(v, path, ["stmts"]);
    if (!o) return undefined;
    return { stmts: this.list(o["stmts"], join(path, "stmts"), (x, p) => this.stmt(x, p)) };
  }

  stmt(v: JsonValue, path: string): Stmt | undefined {
    const o = this.obj(v, path, ["type", "stmt"]);
    if (!o) return undefined;
    const type = o["type"];
    if (typeof type !== "string" || !isStmtType(type)) return this.fail(join(path, "type"), `unknown statement type ${JSON.stringify(type ?? null)}`);
    const fields = STMT_FIELDS[type];
    const sp = join(path, "stmt");
    const allowed = [...fields.map((f) => f.json), ...LOCATION_KEYS, ...(type === "MakeNumberRefStmt" ? ["index"] : [])];
    const so = this.obj(o["stmt"], sp, allowed);
    if (!so) return undefined;
    const out: Record<string, unknown> = { type };
    let ok = true;
    for (const f of fields) {
      let raw = so[f.json];
      if (type === "MakeNumberRefStmt" && raw === undefined) raw = so["index"];
      const val = this.field(f, raw, join(sp, f.json));
      if (val === undefined) ok = false;
      else out[f.key] = val;
    }
    out["location"] = this.location(so, sp);
    return ok ? (out as unknown as Stmt) : undefined;
  }

  field(f: FieldSpec, raw: JsonValue | undefined, path: string): unknown {
    if (raw === undefined && f.kind !== "locals" && f.kind !== "operands" && f.kind !== "blocks" && f.kind !== "string_indices") {
      return this.fail(path, `missing field "${f.json}"`);
    }
    switch (f.kind) {
      case "local":
      case "string_index":
      case "int32":
        return this.int(raw, path, f.kind === "int32" ? -0x80000000 : 0, 0x7fffffff);
      case "uint32":
        return this.int(raw, path, 0, 0xffffffff);
      case "int64":
        return this.int64(raw, path);
      case "string":
        return this.str(raw, path);
      case "operand":
        return this.operand(raw as JsonValue, path);
      case "block":
        if (raw === null) return this.fail(path, "missing block");
        return this.block(raw as JsonValue, path);
      case "locals":
      case "string_indices":
        if (raw === undefined) return this.fail(path, `missing field "${f.json}"`);
        return this.list(raw, path, (x, p) => this.int(x, p, 0, 0x7fffffff));
      case "operands":
        if (raw === undefined) return this.fail(path, `missing field "${f.json}"`);
        return this.list(raw, path, (x, p) => this.operand(x, p));
      case "blocks":
        if (raw === undefined) return this.fail(path, `missing field "${f.json}"`);
        return this.list(raw, path, (x, p) => this.block(x, p));
    }
  }

  location(so: Obj, path: string): Location {
    const get = (k: string): number => {
      const v = so[k];
      if (v === undefined) return 0;
      return this.int(v, join(path, k), -0x80000000, 0x7fffffff) ?? 0;
    };
    const loc: Location = { file: get("file"), row: get("row"), col: get("col") };
    if (so["end_row"] !== undefined) loc.endRow = get("end_row");
    if (so["end_col"] !== undefined) loc.endCol = get("end_col");
    return loc;
  }

  stringConst(v: JsonValue, path: string): StringConst | undefined {
    const o = this.obj(v, path, ["value"]);
    if (!o) return undefined;
    const s = this.str(o["value"], join(path, "value"));
    return s === undefined ? undefined : { value: s };
  }

  builtin(v: JsonValue, path: string): BuiltinFunc | undefined {
    const o = this.obj(v, path, ["name", "decl"]);
    if (!o) return undefined;
    const name = this.str(o["name"], join(path, "name"));
    return name === undefined ? undefined : { name, decl: o["decl"] ?? null };
  }

  plan(v: JsonValue, path: string): Plan | undefined {
    const o = this.obj(v, path, ["name", "blocks"]);
    if (!o) return undefined;
    const name = this.str(o["name"], join(path, "name"));
    const blocks = this.list(o["blocks"], join(path, "blocks"), (x, p) => this.block(x, p));
    return name === undefined ? undefined : { name, blocks };
  }

  func(v: JsonValue, path: string): Func | undefined {
    const o = this.obj(v, path, ["name", "params", "return", "blocks", "path"]);
    if (!o) return undefined;
    const name = this.str(o["name"], join(path, "name"));
    const params = this.list(o["params"], join(path, "params"), (x, p) => this.int(x, p, 0, 0x7fffffff));
    const ret = this.int(o["return"], join(path, "return"), 0, 0x7fffffff);
    const blocks = this.list(o["blocks"], join(path, "blocks"), (x, p) => this.block(x, p));
    if (name === undefined || ret === undefined) return undefined;
    const fn: Func = { name, params, return: ret, blocks };
    if (o["path"] !== undefined && o["path"] !== null) fn.path = this.list(o["path"], join(path, "path"), (x, p) => this.str(x, p));
    return fn;
  }

  policy(v: JsonValue): Policy | undefined {
    const o = this.obj(v, "", ["static", "plans", "funcs"]);
    if (!o) return undefined;
    const p: Policy = {};
    if (o["static"] !== undefined && o["static"] !== null) {
      const so = this.obj(o["static"], "static", ["strings", "builtin_funcs", "files"]);
      if (so) {
        const st: Static = {
          strings: this.list(so["strings"], "static.strings", (x, q) => this.stringConst(x, q), false),
          builtinFuncs: this.list(so["builtin_funcs"], "static.builtin_funcs", (x, q) => this.builtin(x, q), false),
          files: this.list(so["files"], "static.files", (x, q) => this.stringConst(x, q), false),
        };
        p.static = st;
      }
    }
    if (o["plans"] !== undefined && o["plans"] !== null) {
      const po = this.obj(o["plans"], "plans", ["plans"]);
      if (po) p.plans = { plans: this.list(po["plans"], "plans.plans", (x, q) => this.plan(x, q)) };
    }
    if (o["funcs"] !== undefined && o["funcs"] !== null) {
      const fo = this.obj(o["funcs"], "funcs", ["funcs"]);
      if (fo) p.funcs = { funcs: this.list(fo["funcs"], "funcs.funcs", (x, q) => this.func(x, q)) };
    }
    return p;
  }
}

const LOCATION_KEYS = ["file", "col", "row", "end_row", "end_col"];

/** Decodes an already parsed JSON value (from `parseJson`; plain `JSON.parse` output works when no int64 exceeds 2^53). */
export function decodePolicy(v: JsonValue): DecodeResult {
  const d = new Decoder();
  const policy = d.policy(v);
  if (d.diagnostics.length > 0 || !policy) return { diagnostics: d.diagnostics };
  return { policy, diagnostics: [] };
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function kindOf(v: JsonValue | undefined): string {
  if (v === undefined) return "nothing";
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (typeof v === "bigint") return "an integer";
  return `a ${typeof v}`;
}

// ------------------------------------------------------------------ encode

export function encodeOperand(o: Operand): JsonValue {
  return { type: o.type, value: o.value };
}

export function encodeBlock(b: Block): JsonValue {
  return { stmts: b.stmts.map(encodeStmt) };
}

export function encodeStmt(s: Stmt): JsonValue {
  const rec = s as unknown as Record<string, unknown>;
  const out: Obj = {};
  for (const f of STMT_FIELDS[s.type]) {
    out[f.json] = encodeField(f, rec[f.key]);
  }
  const loc = s.location;
  // Releases that write the span's end also write MakeNumberRefStmt's index under "index".
  if (s.type === "MakeNumberRefStmt" && loc.endRow !== undefined) out["index"] = s.index;
  out["file"] = loc.file;
  out["col"] = loc.col;
  out["row"] = loc.row;
  if (loc.endRow !== undefined) out["end_row"] = loc.endRow;
  if (loc.endCol !== undefined) out["end_col"] = loc.endCol;
  return { type: s.type, stmt: out };
}

function encodeField(f: FieldSpec, v: unknown): JsonValue {
  switch (f.kind) {
    case "operand":
      return encodeOperand(v as Operand);
    case "operands":
      return (v as Operand[]).map(encodeOperand);
    case "block":
      return encodeBlock(v as Block);
    case "blocks":
      return (v as Block[]).map(encodeBlock);
    case "locals":
    case "string_indices":
      return [...(v as number[])];
    default:
      return v as JsonValue;
  }
}

export function encodePolicy(p: Policy): JsonValue {
  const out: Obj = {};
  if (p.static) {
    const st: Obj = {};
    if (p.static.strings.length > 0) st["strings"] = p.static.strings.map((s) => ({ value: s.value }));
    if (p.static.builtinFuncs.length > 0) {
      st["builtin_funcs"] = p.static.builtinFuncs.map((b) => ({ name: b.name, decl: (b.decl ?? null) as JsonValue }));
    }
    if (p.static.files.length > 0) st["files"] = p.static.files.map((s) => ({ value: s.value }));
    out["static"] = st;
  }
  if (p.plans) out["plans"] = { plans: p.plans.plans.map((pl) => ({ name: pl.name, blocks: pl.blocks.map(encodeBlock) })) };
  if (p.funcs) {
    out["funcs"] = {
      funcs: p.funcs.funcs.map((fn) => {
        const o: Obj = { name: fn.name, params: [...fn.params], return: fn.return, blocks: fn.blocks.map(encodeBlock) };
        if (fn.path && fn.path.length > 0) o["path"] = [...fn.path];
        return o;
      }),
    };
  }
  return out;
}
