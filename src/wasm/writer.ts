import { ByteWriter } from "./bytes.js";
import { encodeExpr } from "./instructions.js";
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
  const w = new ByteWriter(65536);
  w.bytes([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
  writeCustoms(w, m, 0);
  for (const id of SECTION_ORDER) {
    const body = sectionBody(m, id);
    if (body) {
      w.byte(id);
      w.vec(body);
    }
    writeCustoms(w, m, id);
  }
  return w.finish();
}

function writeCustoms(w: ByteWriter, m: Module, after: SectionId | 0): void {
  for (const c of m.customs) {
    if (c.after !== after) continue;
    const s = new ByteWriter(c.bytes.length + 16);
    s.name(c.name).bytes(c.bytes);
    w.byte(0).vec(s.finish());
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

function sectionBody(m: Module, id: SectionId): Uint8Array | undefined {
  const w = new ByteWriter(id === 10 ? 65536 : 1024);
  switch (id) {
    case 1:
      if (m.types.length === 0) return undefined;
      w.u32(m.types.length);
      for (const t of m.types) {
        w.byte(0x60);
        valtypes(w, t.params);
        valtypes(w, t.results);
      }
      break;
    case 2:
      if (m.imports.length === 0) return undefined;
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
      if (m.funcs.length === 0) return undefined;
      w.u32(m.funcs.length);
      for (const f of m.funcs) w.u32(f.type);
      break;
    case 4:
      if (m.tables.length === 0) return undefined;
      w.u32(m.tables.length);
      for (const t of m.tables) tableType(w, t);
      break;
    case 5:
      if (m.memories.length === 0) return undefined;
      w.u32(m.memories.length);
      for (const l of m.memories) limits(w, l);
      break;
    case 6:
      if (m.globals.length === 0) return undefined;
      w.u32(m.globals.length);
      for (const g of m.globals) {
        w.byte(VALTYPE_CODES[g.type.type]).byte(g.type.mutable ? 1 : 0);
        encodeExpr(w, g.init);
      }
      break;
    case 7:
      if (m.exports.length === 0) return undefined;
      w.u32(m.exports.length);
      for (const e of m.exports) w.name(e.name).byte(EXTERN_CODES[e.kind]).u32(e.index);
      break;
    case 8:
      if (m.start === undefined) return undefined;
      w.u32(m.start);
      break;
    case 9:
      if (m.elems.length === 0) return undefined;
      w.u32(m.elems.length);
      for (const e of m.elems) elem(w, e);
      break;
    case 12:
      if (m.dataCount === undefined) return undefined;
      w.u32(m.dataCount);
      break;
    case 10:
      if (m.funcs.length === 0) return undefined;
      w.u32(m.funcs.length);
      for (const f of m.funcs) w.vec(encodeBody(f.body));
      break;
    case 11:
      if (m.datas.length === 0) return undefined;
      w.u32(m.datas.length);
      for (const d of m.datas) data(w, d);
      break;
  }
  return w.finish();
}

/** The bytes of a function body entry (locals and code), without its size prefix. */
export function encodeBody(body: FuncBody): Uint8Array {
  if ("raw" in body) return body.raw;
  const w = new ByteWriter();
  const groups: [number, ValType][] = [];
  for (const t of body.locals) {
    const last = groups[groups.length - 1];
    if (last && last[1] === t) last[0]++;
    else groups.push([1, t]);
  }
  w.u32(groups.length);
  for (const [n, t] of groups) w.u32(n).byte(VALTYPE_CODES[t]);
  encodeExpr(w, body.code);
  return w.finish();
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
  for (const [i, f] of m.funcs.entries()) {
    if (f.type >= m.types.length) throw new RangeError(`function ${i}: type index ${f.type} out of range`);
  }
  for (const imp of m.imports) {
    if (imp.desc.kind === "func" && imp.desc.type >= m.types.length) {
      throw new RangeError(`import ${imp.module}.${imp.name}: type index ${imp.desc.type} out of range`);
    }
  }
}
