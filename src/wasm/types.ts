import type { Instr } from "./instructions.js";

/**
 * The WebAssembly module model: what the binary format holds, one field per
 * section, with indices as in the binary (imports first in each index space).
 * Only writer.ts turns it into bytes; reader.ts builds it from bytes.
 */

export type NumType = "i32" | "i64" | "f32" | "f64";
export type RefType = "funcref" | "externref";
export type ValType = NumType | "v128" | RefType;

export const VALTYPE_CODES: Readonly<Record<ValType, number>> = {
  i32: 0x7f,
  i64: 0x7e,
  f32: 0x7d,
  f64: 0x7c,
  v128: 0x7b,
  funcref: 0x70,
  externref: 0x6f,
};

export interface FuncType {
  params: ValType[];
  results: ValType[];
}

export interface Limits {
  min: number;
  max?: number;
  /** Threads proposal; kept so such modules still round-trip. */
  shared?: boolean;
}

export interface TableType {
  elem: RefType;
  limits: Limits;
}

export interface GlobalType {
  type: ValType;
  mutable: boolean;
}

export type ExternKind = "func" | "table" | "memory" | "global";

export type ImportDesc =
  | { kind: "func"; type: number }
  | { kind: "table"; table: TableType }
  | { kind: "memory"; memory: Limits }
  | { kind: "global"; global: GlobalType };

export interface Import {
  module: string;
  name: string;
  desc: ImportDesc;
}

/**
 * A function body: decoded instructions (without the final `end`), or the
 * bytes read from a module (locals and code, exactly as found), which are
 * written back untouched. `decodeBody` turns the latter into the former.
 */
export type FuncBody = { locals: ValType[]; code: Instr[] } | { raw: Uint8Array };

export interface Func {
  type: number;
  body: FuncBody;
}

export interface Global {
  type: GlobalType;
  /** Constant expression, without the final `end`. */
  init: Instr[];
}

export interface Export {
  name: string;
  kind: ExternKind;
  index: number;
}

/** An element segment; `explicitTable` keeps the long encoding for table 0. */
export interface Elem {
  mode: "active" | "passive" | "declarative";
  table: number;
  offset: Instr[];
  type: RefType;
  init: { funcs: number[] } | { exprs: Instr[][] };
  explicitTable?: boolean;
}

/** A data segment; `explicitMemory` keeps the long encoding for memory 0. */
export interface Data {
  mode: "active" | "passive";
  memory: number;
  offset: Instr[];
  bytes: Uint8Array;
  explicitMemory?: boolean;
}

/** Section ids in the order the binary format requires them. */
export const SECTION_ORDER = [1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 10, 11] as const;
export type SectionId = (typeof SECTION_ORDER)[number];

export const SECTION_NAMES: Readonly<Record<SectionId, string>> = {
  1: "type",
  2: "import",
  3: "function",
  4: "table",
  5: "memory",
  6: "global",
  7: "export",
  8: "start",
  9: "element",
  12: "datacount",
  10: "code",
  11: "data",
};

/** A custom section, kept as bytes; `after` is the known section it followed (0: before all). */
export interface CustomSection {
  name: string;
  bytes: Uint8Array;
  after: SectionId | 0;
}

export interface Module {
  types: FuncType[];
  imports: Import[];
  funcs: Func[];
  tables: TableType[];
  memories: Limits[];
  globals: Global[];
  exports: Export[];
  start?: number;
  elems: Elem[];
  /** Present iff the module has a data count section (bulk memory). */
  dataCount?: number;
  datas: Data[];
  customs: CustomSection[];
}

export function emptyModule(): Module {
  return { types: [], imports: [], funcs: [], tables: [], memories: [], globals: [], exports: [], elems: [], datas: [], customs: [] };
}

export function importCount(m: Module, kind: ExternKind): number {
  let n = 0;
  for (const i of m.imports) if (i.desc.kind === kind) n++;
  return n;
}

/**
 * A copy of `m` that can be appended to and edited the way ModuleBuilder and
 * the backend do without touching `m`: every array and every record that is
 * edited in place (limits, globals, exports, element segments, custom
 * sections, constant-expression instructions) is new. Function types,
 * function and data segment records (ModuleBuilder only ever defines the
 * functions it declared itself, and replaces rather than edits), function
 * bodies (raw bytes or code) and byte arrays are shared: nothing edits them
 * in place.
 */
export function cloneModule(m: Module): Module {
  const limits = (l: Limits): Limits => ({ ...l });
  const expr = (code: Instr[]): Instr[] => code.map((i) => ({ ...i }));
  const out: Module = {
    types: m.types.slice(),
    imports: m.imports.map((i) => {
      const d = i.desc;
      const desc: ImportDesc =
        d.kind === "func"
          ? { kind: "func", type: d.type }
          : d.kind === "table"
            ? { kind: "table", table: { elem: d.table.elem, limits: limits(d.table.limits) } }
            : d.kind === "memory"
              ? { kind: "memory", memory: limits(d.memory) }
              : { kind: "global", global: { ...d.global } };
      return { module: i.module, name: i.name, desc };
    }),
    funcs: m.funcs.slice(),
    tables: m.tables.map((t) => ({ elem: t.elem, limits: limits(t.limits) })),
    memories: m.memories.map(limits),
    globals: m.globals.map((g) => ({ type: { ...g.type }, init: expr(g.init) })),
    exports: m.exports.map((e) => ({ name: e.name, kind: e.kind, index: e.index })),
    elems: m.elems.map((e) => ({
      ...e,
      offset: expr(e.offset),
      init: "funcs" in e.init ? { funcs: e.init.funcs.slice() } : { exprs: e.init.exprs.map(expr) },
    })),
    datas: m.datas.slice(),
    customs: m.customs.map((c) => ({ ...c })),
  };
  if (m.start !== undefined) out.start = m.start;
  if (m.dataCount !== undefined) out.dataCount = m.dataCount;
  return out;
}
