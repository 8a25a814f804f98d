import { ByteReader } from "./bytes.js";
import { type Instr, decodeExpr, readRefType, readValType } from "./instructions.js";
import {
  type Data,
  type Elem,
  type ExternKind,
  type FuncBody,
  type FuncType,
  type Import,
  type Limits,
  type Module,
  SECTION_NAMES,
  SECTION_ORDER,
  type SectionId,
  type TableType,
  type ValType,
  emptyModule,
} from "./types.js";

/**
 * Bytes -> Module. Function bodies are kept as raw bytes (`{raw}`) so that
 * writing an unmodified module gives back the same bytes; `decodeBody`
 * decodes one when needed. Custom sections are kept as raw bytes, in place.
 * Bodies and data are views into `bytes` (no copies): do not mutate it later.
 * Throws WasmDecodeError (with the byte offset) on malformed input.
 */
export function readModule(bytes: Uint8Array): Module {
  const r = new ByteReader(bytes);
  const magic = r.bytes(4);
  if (magic[0] !== 0x00 || magic[1] !== 0x61 || magic[2] !== 0x73 || magic[3] !== 0x6d) r.fail("not a wasm module", 0);
  const version = r.bytes(4);
  if (version[0] !== 1 || version[1] !== 0 || version[2] !== 0 || version[3] !== 0) r.fail("unsupported wasm version", 4);
  const m = emptyModule();
  let funcTypes: number[] = [];
  let bodies: FuncBody[] = [];
  let last: SectionId | 0 = 0;
  while (!r.eof) {
    const idAt = r.pos;
    const id = r.byte();
    const size = r.u32();
    const start = r.pos;
    const end = start + size;
    if (end > r.end) r.fail("section runs past the end", idAt);
    const s = new ByteReader(bytes, start, end);
    if (id === 0) {
      const name = s.name();
      m.customs.push({ name, bytes: bytes.slice(s.pos, end), after: last });
    } else {
      const sid = id as SectionId;
      if (!(sid in SECTION_NAMES)) r.fail(`unknown section id ${id}`, idAt);
      if (SECTION_ORDER.indexOf(sid) <= SECTION_ORDER.indexOf(last as SectionId)) r.fail(`section ${SECTION_NAMES[sid]} out of order`, idAt);
      last = sid;
      switch (sid) {
        case 1:
          m.types = s.vec(() => funcType(s));
          break;
        case 2:
          m.imports = s.vec(() => importEntry(s));
          break;
        case 3:
          funcTypes = s.vec(() => s.u32());
          break;
        case 4:
          m.tables = s.vec(() => tableType(s));
          break;
        case 5:
          m.memories = s.vec(() => limits(s));
          break;
        case 6:
          m.globals = s.vec(() => ({ type: { type: readValType(s), mutable: mutability(s) }, init: decodeExpr(s) }));
          break;
        case 7:
          m.exports = s.vec(() => ({ name: s.name(), kind: externKind(s), index: s.u32() }));
          break;
        case 8:
          m.start = s.u32();
          break;
        case 9:
          m.elems = s.vec(() => elem(s));
          break;
        case 12:
          m.dataCount = s.u32();
          break;
        case 10:
          bodies = s.vec(() => ({ raw: s.bytes(s.u32()) }));
          break;
        case 11:
          m.datas = s.vec(() => data(s));
          break;
      }
      if (s.pos !== end) s.fail(`section ${SECTION_NAMES[sid]} has ${end - s.pos} trailing bytes`);
    }
    r.pos = end;
  }
  if (funcTypes.length !== bodies.length) r.fail(`function section declares ${funcTypes.length} functions, code section has ${bodies.length}`);
  m.funcs = funcTypes.map((type, i) => ({ type, body: bodies[i]! }));
  return m;
}

function funcType(r: ByteReader): FuncType {
  if (r.byte() !== 0x60) r.fail("expected a function type", r.pos - 1);
  const params = r.vec(() => readValType(r));
  const results = r.vec(() => readValType(r));
  return { params, results };
}

function limits(r: ByteReader): Limits {
  const at = r.pos;
  const flags = r.byte();
  if (flags > 3) r.fail(`invalid limits flags ${flags}`, at);
  const l: Limits = { min: r.u32() };
  if (flags & 1) l.max = r.u32();
  if (flags & 2) l.shared = true;
  return l;
}

function tableType(r: ByteReader): TableType {
  const elem = readRefType(r);
  return { elem, limits: limits(r) };
}

function mutability(r: ByteReader): boolean {
  const b = r.byte();
  if (b > 1) r.fail("invalid mutability", r.pos - 1);
  return b === 1;
}

const KINDS: readonly ExternKind[] = ["func", "table", "memory", "global"];

function externKind(r: ByteReader): ExternKind {
  const b = r.byte();
  return KINDS[b] ?? r.fail(`invalid external kind ${b}`, r.pos - 1);
}

function importEntry(r: ByteReader): Import {
  const module = r.name();
  const name = r.name();
  const kind = externKind(r);
  switch (kind) {
    case "func":
      return { module, name, desc: { kind, type: r.u32() } };
    case "table":
      return { module, name, desc: { kind, table: tableType(r) } };
    case "memory":
      return { module, name, desc: { kind, memory: limits(r) } };
    case "global":
      return { module, name, desc: { kind, global: { type: readValType(r), mutable: mutability(r) } } };
  }
}

function elem(r: ByteReader): Elem {
  const at = r.pos;
  const flags = r.u32();
  if (flags > 7) r.fail(`invalid element segment flags ${flags}`, at);
  const exprs = (flags & 4) !== 0;
  const e: Elem = { mode: "active", table: 0, offset: [], type: "funcref", init: { funcs: [] } };
  if (flags & 1) e.mode = flags & 2 ? "declarative" : "passive";
  else {
    if (flags & 2) {
      e.table = r.u32();
      e.explicitTable = true;
    }
    e.offset = decodeExpr(r);
  }
  if (flags & 3) {
    if (exprs) e.type = readRefType(r);
    else if (r.byte() !== 0x00) r.fail("invalid element kind", r.pos - 1);
  }
  e.init = exprs ? { exprs: r.vec(() => decodeExpr(r)) } : { funcs: r.vec(() => r.u32()) };
  return e;
}

function data(r: ByteReader): Data {
  const at = r.pos;
  const flags = r.u32();
  const d: Data = { mode: "active", memory: 0, offset: [], bytes: new Uint8Array(0) };
  if (flags === 1) d.mode = "passive";
  else if (flags === 0 || flags === 2) {
    if (flags === 2) {
      d.memory = r.u32();
      d.explicitMemory = true;
    }
    d.offset = decodeExpr(r);
  } else r.fail(`invalid data segment flags ${flags}`, at);
  d.bytes = r.bytes(r.u32());
  return d;
}

/** Decodes a function body (raw bytes from the reader) into locals and instructions. */
export function decodeBody(body: FuncBody): { locals: ValType[]; code: Instr[] } {
  if (!("raw" in body)) return body;
  const r = new ByteReader(body.raw);
  const locals: ValType[] = [];
  const groups = r.u32();
  for (let i = 0; i < groups; i++) {
    const n = r.u32();
    const t = readValType(r);
    if (locals.length + n > 50000) r.fail("too many locals");
    for (let k = 0; k < n; k++) locals.push(t);
  }
  const code = decodeExpr(r);
  if (!r.eof) r.fail("bytes after the end of a function body");
  return { locals, code };
}
