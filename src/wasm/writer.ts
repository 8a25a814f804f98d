import { ByteWriter } from "./bytes.js";
import { type Instr, encodeExpr } from "./instructions.js";
import {
  type Data,
  type Elem,
  type ExternKind,
  type FuncBody,
  type Limits,
  type Module,
  SECTION_ORDER,
  type SectionId,
  type TableType,
  VALTYPE_CODES,
  type ValType,
} from "./types.js";

/**
 * Module -> bytes, the only place that produces a binary. Deterministic: the
 * output depends on the model alone. Known sections are written when
 * non-empty, in the required order; custom sections go back where they were
 * read (after the section recorded in `after`).
 */
export function writeModule(m: Module): Uint8Array<ArrayBuffer> {
  if (m.funcs.length > 0 || m.types.length > 0) checkIndices(m);
  // One buffer for the whole module: each section (and each generated function
  // body) reserves its size prefix, is written in place, then gets its size.
  const w = new ByteWriter(estimateSize(m));
  w.bytes(MAGIC_VERSION);
  writeCustoms(w, m, 0);
  for (const id of SECTION_ORDER) {
    if (hasSection(m, id)) {
      w.byte(id);
      const at = w.reserveSize();
      writeSection(w, m, id);
      w.patchSize(at);
    }
    writeCustoms(w, m, id);
  }
  return w.finish();
}

const MAGIC_VERSION = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

/** A starting capacity that usually avoids regrowing: raw bodies, data and customs plus room for the rest. */
function estimateSize(m: Module): number {
  let n = 4096;
  for (const f of m.funcs) n += "raw" in f.body ? f.body.raw.length + 5 : 64;
  for (const d of m.datas) n += d.bytes.length + 16;
  for (const c of m.customs) n += c.bytes.length + c.name.length + 16;
  return n;
}

function writeCustoms(w: ByteWriter, m: Module, after: SectionId | 0): void {
  for (const c of m.customs) {
    if (c.after !== after) continue;
    w.byte(0);
    const at = w.reserveSize();
    w.name(c.name).bytes(c.bytes);
    w.patchSize(at);
  }
}

const EXTERN_CODES: Readonly<Record<ExternKind, number>> = { func: 0, table: 1, memory: 2, global: 3 };

function valtypes(w: ByteWriter, ts: readonly ValType[]): void {
  w.u32(ts.length);
  for (const t of ts) w.byte(VALTYPE_CODES[t]);
}

function limits(w: ByteWriter, l: Limits): void {
  const flags = (l.max !== undefined ? 1 : 0) | (l.shared ? 2 : 0);
  w.byte(flags).u32(l.min);
  if (l.max !== undefined) w.u32(l.max);
}

function tableType(w: ByteWriter, t: TableType): void {
  w.byte(VALTYPE_CODES[t.elem]);
  limits(w, t.limits);
}

function hasSection(m: Module, id: SectionId): boolean {
  switch (id) {
    case 1:
      return m.types.length > 0;
    case 2:
      return m.imports.length > 0;
    case 3:
    case 10:
      return m.funcs.length > 0;
    case 4:
      return m.tables.length > 0;
    case 5:
      return m.memories.length > 0;
    case 6:
      return m.globals.length > 0;
    case 7:
      return m.exports.length > 0;
    case 8:
      return m.start !== undefined;
    case 9:
      return m.elems.length > 0;
    case 12:
      return m.dataCount !== undefined;
    case 11:
      return m.datas.length > 0;
  }
}

/** Appends the contents of a non-empty section (without its id and size). */
function writeSection(w: ByteWriter, m: Module, id: SectionId): void {
  switch (id) {
    case 1:
      w.u32(m.types.length);
      for (const t of m.types) {
        w.byte(0x60);
        valtypes(w, t.params);
        valtypes(w, t.results);
      }
      break;
    case 2:
      w.u32(m.imports.length);
      for (const i of m.imports) {
        w.name(i.module).name(i.name).byte(EXTERN_CODES[i.desc.kind]);
        const d = i.desc;
        if (d.kind === "func") w.u32(d.type);
        else if (d.kind === "table") tableType(w, d.table);
        else if (d.kind === "memory") limits(w, d.memory);
        else w.byte(VALTYPE_CODES[d.global.type]).byte(d.global.mutable ? 1 : 0);
      }
      break;
    case 3:
      w.u32(m.funcs.length);
      for (const f of m.funcs) w.u32(f.type);
      break;
    case 4:
      w.u32(m.tables.length);
      for (const t of m.tables) tableType(w, t);
      break;
    case 5:
      w.u32(m.memories.length);
      for (const l of m.memories) limits(w, l);
      break;
    case 6:
      w.u32(m.globals.length);
      for (const g of m.globals) {
        w.byte(VALTYPE_CODES[g.type.type]).byte(g.type.mutable ? 1 : 0);
        encodeExpr(w, g.init);
      }
      break;
    case 7:
      w.u32(m.exports.length);
      for (const e of m.exports) w.name(e.name).byte(EXTERN_CODES[e.kind]).u32(e.index);
      break;
    case 8:
      w.u32(m.start!);
      break;
    case 9:
      w.u32(m.elems.length);
      for (const e of m.elems) elem(w, e);
      break;
    case 12:
      w.u32(m.dataCount!);
      break;
    case 10:
      w.u32(m.funcs.length);
      for (const f of m.funcs) {
        const body = f.body;
        if ("raw" in body) w.vec(body.raw);
        else {
          const at = w.reserveSize();
          writeBody(w, body);
          w.patchSize(at);
        }
      }
      break;
    case 11:
      w.u32(m.datas.length);
      for (const d of m.datas) data(w, d);
      break;
  }
}

/** The bytes of a function body entry (locals and code), without its size prefix. */
export function encodeBody(body: FuncBody): Uint8Array {
  if ("raw" in body) return body.raw;
  const w = new ByteWriter();
  writeBody(w, body);
  return w.finish();
}

function writeBody(w: ByteWriter, body: { locals: readonly ValType[]; code: readonly Instr[] }): void {
  // Runs of equal local types, as (count, type) groups.
  const locals = body.locals;
  let groups = 0;
  for (let i = 0; i < locals.length; i++) if (i === 0 || locals[i] !== locals[i - 1]) groups++;
  w.u32(groups);
  for (let i = 0; i < locals.length; ) {
    const t = locals[i]!;
    let j = i + 1;
    while (j < locals.length && locals[j] === t) j++;
    w.u32(j - i).byte(VALTYPE_CODES[t]);
    i = j;
  }
  encodeExpr(w, body.code);
}

function elem(w: ByteWriter, e: Elem): void {
  const exprs = "exprs" in e.init;
  const funcref = e.type === "funcref";
  if (e.mode === "active") {
    const short = e.table === 0 && !e.explicitTable && funcref;
    w.u32((exprs ? 4 : 0) | (short ? 0 : 2));
    if (!short) w.u32(e.table);
    encodeExpr(w, e.offset);
    if (!short) {
      if (exprs) w.byte(VALTYPE_CODES[e.type]);
      else w.byte(0x00);
    }
  } else {
    w.u32((exprs ? 4 : 0) | (e.mode === "passive" ? 1 : 3));
    if (exprs) w.byte(VALTYPE_CODES[e.type]);
    else w.byte(0x00);
  }
  if ("exprs" in e.init) {
    w.u32(e.init.exprs.length);
    for (const x of e.init.exprs) encodeExpr(w, x);
  } else {
    w.u32(e.init.funcs.length);
    for (const f of e.init.funcs) w.u32(f);
  }
}

function data(w: ByteWriter, d: Data): void {
  if (d.mode === "passive") w.u32(1);
  else if (d.memory === 0 && !d.explicitMemory) {
    w.u32(0);
    encodeExpr(w, d.offset);
  } else {
    w.u32(2).u32(d.memory);
    encodeExpr(w, d.offset);
  }
  w.vec(d.bytes);
}

/** Catches the mistakes that would otherwise surface as an opaque engine error. */
function checkIndices(m: Module): void {
  for (let i = 0; i < m.funcs.length; i++) {
    const t = m.funcs[i]!.type;
    if (t >= m.types.length) throw new RangeError(`function ${i}: type index ${t} out of range`);
  }
  for (const imp of m.imports) {
    if (imp.desc.kind === "func" && imp.desc.type >= m.types.length) {
      throw new RangeError(`import ${imp.module}.${imp.name}: type index ${imp.desc.type} out of range`);
    }
  }
}
