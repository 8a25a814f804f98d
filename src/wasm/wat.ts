import type { BlockType, Instr } from "./instructions.js";
import { functionNames, parseNameSection } from "./names.js";
import { decodeBody } from "./reader.js";
import type { Data, Elem, FuncType, GlobalType, Limits, Module, TableType, ValType } from "./types.js";

/**
 * A WAT-like listing for debugging and golden files. Close to the text
 * format (folded only where the binary nests: types, imports, segments);
 * instructions one per line, indented by block depth. Function names (from
 * the "name" section, else the export name) appear as comments, also after
 * `call`. Not meant to be re-assembled.
 */
export function toWat(m: Module, opts: { funcs?: (index: number) => boolean } = {}): string {
  const out: string[] = ["(module"];
  const names = functionNamesOf(m);
  const exportNames = new Map<number, string>();
  let imported = 0;
  for (const i of m.imports) if (i.desc.kind === "func") exportNames.set(imported++, `${i.module}.${i.name}`);
  for (const e of m.exports) if (e.kind === "func" && !exportNames.has(e.index)) exportNames.set(e.index, e.name);
  const fnComment = (i: number): string => {
    const n = names.get(i);
    return n === undefined ? `(;${i};)` : `(;${i} ${n};)`;
  };
  m.types.forEach((t, i) => out.push(`  (type (;${i};) (func${sig(t)}))`));
  let fi = 0;
  let gi = 0;
  for (const imp of m.imports) {
    const d = imp.desc;
    const head = `  (import ${str(imp.module)} ${str(imp.name)}`;
    if (d.kind === "func") out.push(`${head} (func ${fnComment(fi++)} (type ${d.type})))`);
    else if (d.kind === "table") out.push(`${head} (table ${table(d.table)}))`);
    else if (d.kind === "memory") out.push(`${head} (memory ${limits(d.memory)}))`);
    else out.push(`${head} (global (;${gi++};) ${globalType(d.global)}))`);
  }
  m.tables.forEach((t, i) => out.push(`  (table (;${i};) ${table(t)})`));
  m.memories.forEach((l, i) => out.push(`  (memory (;${i};) ${limits(l)})`));
  m.globals.forEach((g) => out.push(`  (global (;${gi++};) ${globalType(g.type)} ${constExpr(g.init)})`));
  for (const e of m.exports) out.push(`  (export ${str(e.name)} (${e.kind} ${e.index}))`);
  if (m.start !== undefined) out.push(`  (start ${m.start})`);
  m.elems.forEach((e, i) => out.push(`  (elem (;${i};) ${elem(e)})`));
  m.funcs.forEach((f, k) => {
    const index = fi + k;
    const t = m.types[f.type];
    if (opts.funcs && !opts.funcs(index)) return;
    out.push(`  (func ${fnComment(index)} (type ${f.type})${t ? sig(t) : ""}`);
    const body = decodeBody(f.body);
    if (body.locals.length > 0) out.push(`    (local ${body.locals.join(" ")})`);
    let depth = 2;
    for (const ins of body.code) {
      if (ins.op === "end" || ins.op === "else") depth--;
      const callee = ins.op === "call" ? (names.get(ins.func) ?? exportNames.get(ins.func)) : undefined;
      out.push("  ".repeat(depth) + instr(ins) + (callee === undefined ? "" : ` (;${callee};)`));
      if (ins.op === "block" || ins.op === "loop" || ins.op === "if" || ins.op === "else") depth++;
    }
    out.push("  )");
  });
  if (m.dataCount !== undefined) out.push(`  (;datacount ${m.dataCount};)`);
  m.datas.forEach((d, i) => out.push(`  (data (;${i};) ${data(d)})`));
  for (const c of m.customs) out.push(`  (;custom ${str(c.name)} ${c.bytes.length} bytes after section ${c.after};)`);
  out.push(")");
  return out.join("\n") + "\n";
}

function functionNamesOf(m: Module): Map<number, string> {
  const c = m.customs.find((x) => x.name === "name");
  if (!c) return new Map();
  try {
    return functionNames(parseNameSection(c.bytes));
  } catch {
    return new Map();
  }
}

function sig(t: FuncType): string {
  return (t.params.length ? ` (param ${t.params.join(" ")})` : "") + (t.results.length ? ` (result ${t.results.join(" ")})` : "");
}

function limits(l: Limits): string {
  return `${l.min}${l.max !== undefined ? ` ${l.max}` : ""}${l.shared ? " shared" : ""}`;
}

function table(t: TableType): string {
  return `${limits(t.limits)} ${t.elem}`;
}

function globalType(g: GlobalType): string {
  return g.mutable ? `(mut ${g.type})` : g.type;
}

function constExpr(code: Instr[]): string {
  return code.map((i) => `(${instr(i)})`).join(" ");
}

function elem(e: Elem): string {
  const parts: string[] = [];
  if (e.mode === "declarative") parts.push("declare");
  if (e.mode === "active") {
    if (e.table !== 0 || e.explicitTable) parts.push(`(table ${e.table})`);
    parts.push(`(offset ${constExpr(e.offset)})`);
  }
  if ("funcs" in e.init) parts.push("func", ...e.init.funcs.map(String));
  else parts.push(e.type, ...e.init.exprs.map((x) => `(item ${constExpr(x)})`));
  return parts.join(" ");
}

function data(d: Data): string {
  const head = d.mode === "passive" ? "" : `${d.memory !== 0 || d.explicitMemory ? `(memory ${d.memory}) ` : ""}(offset ${constExpr(d.offset)}) `;
  return head + bytesString(d.bytes);
}

/** A WAT string literal: printable ASCII as is, everything else as \hh. */
export function bytesString(bs: Uint8Array): string {
  let s = '"';
  for (const b of bs) {
    if (b >= 0x20 && b < 0x7f && b !== 0x22 && b !== 0x5c) s += String.fromCharCode(b);
    else s += "\\" + b.toString(16).padStart(2, "0");
  }
  return s + '"';
}

function str(s: string): string {
  return bytesString(new TextEncoder().encode(s));
}

function blockType(t: BlockType): string {
  if (t === "empty") return "";
  if (typeof t === "string") return ` (result ${t as ValType})`;
  return ` (type ${t.typeIndex})`;
}

/** One instruction in text form. */
export function instr(i: Instr): string {
  switch (i.op) {
    case "block":
    case "loop":
    case "if":
      return i.op + blockType(i.type);
    case "br":
    case "br_if":
      return `${i.op} ${i.label}`;
    case "br_table":
      return `br_table ${[...i.labels, i.default].join(" ")}`;
    case "call":
    case "ref.func":
      return `${i.op} ${i.func}`;
    case "call_indirect":
      return `call_indirect ${i.table} (type ${i.type})`;
    case "select_t":
      return `select (result ${i.types.join(" ")})`;
    case "ref.null":
      return `ref.null ${i.type === "funcref" ? "func" : "extern"}`;
    case "memory.copy":
    case "table.copy":
      return i.dst === 0 && i.src === 0 ? i.op : `${i.op} ${i.dst} ${i.src}`;
    case "memory.init":
      return `memory.init ${i.data}`;
    case "data.drop":
      return `data.drop ${i.data}`;
    case "table.init":
      return `table.init ${i.table} ${i.elem}`;
    case "elem.drop":
      return `elem.drop ${i.elem}`;
    case "i32.const":
    case "i64.const":
    case "f32.const":
    case "f64.const":
      return `${i.op} ${String(i.value)}`;
    default:
      if ("local" in i) return `${i.op} ${i.local}`;
      if ("global" in i) return `${i.op} ${i.global}`;
      if ("table" in i) return i.table === 0 ? i.op : `${i.op} ${i.table}`;
      if ("mem" in i) return i.op;
      if ("align" in i) {
        const parts: string[] = [i.op];
        if (i.offset !== 0) parts.push(`offset=${i.offset}`);
        parts.push(`align=${2 ** i.align}`);
        return parts.join(" ");
      }
      return i.op;
  }
}
