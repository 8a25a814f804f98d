import type { Instr } from "./instructions.js";
import { encodeNameSection, functionNames, parseNameSection, setFunctionNames } from "./names.js";
import { readModule } from "./reader.js";
import {
  type Export,
  type ExternKind,
  type FuncType,
  type GlobalType,
  type Module,
  type ValType,
  importCount,
} from "./types.js";
import { writeModule } from "./writer.js";

/**
 * Appends to an existing module (the runtime) without disturbing it: new
 * types, functions, globals, exports, data and element segments only ever go
 * after what is there, so every existing index stays valid. It never adds
 * imports (that would shift defined function indices).
 *
 * Functions can be declared first and defined later, so code generation can
 * call functions whose bodies it has not produced yet.
 */
export class ModuleBuilder {
  private readonly names = new Map<number, string>();
  private readonly undefinedFuncs = new Set<number>();

  constructor(readonly module: Module) {}

  static fromBytes(bytes: Uint8Array): ModuleBuilder {
    return new ModuleBuilder(readModule(bytes));
  }

  get importedFuncCount(): number {
    return importCount(this.module, "func");
  }

  /** Functions in the index space: imports, then defined functions. */
  get funcCount(): number {
    return this.importedFuncCount + this.module.funcs.length;
  }

  get globalCount(): number {
    return importCount(this.module, "global") + this.module.globals.length;
  }

  /** Index of an equal function type, added if absent. */
  addType(t: FuncType): number {
    const i = this.module.types.findIndex((x) => sameTypes(x.params, t.params) && sameTypes(x.results, t.results));
    if (i >= 0) return i;
    this.module.types.push({ params: [...t.params], results: [...t.results] });
    return this.module.types.length - 1;
  }

  /** The type of function `index` (imported or defined). */
  funcType(index: number): FuncType {
    const nImp = this.importedFuncCount;
    let t: number | undefined;
    if (index < nImp) {
      let k = 0;
      for (const imp of this.module.imports) {
        if (imp.desc.kind !== "func") continue;
        if (k++ === index) t = imp.desc.type;
      }
    } else t = this.module.funcs[index - nImp]?.type;
    const ft = t === undefined ? undefined : this.module.types[t];
    if (!ft) throw new RangeError(`no function ${index}`);
    return ft;
  }

  /** Reserves a function index with this type; its body comes from `defineFunction`. */
  declareFunction(type: FuncType | number, name?: string): number {
    const t = typeof type === "number" ? type : this.addType(type);
    this.module.funcs.push({ type: t, body: { locals: [], code: [{ op: "unreachable" }] } });
    const index = this.funcCount - 1;
    this.undefinedFuncs.add(index);
    if (name !== undefined) this.names.set(index, name);
    return index;
  }

  /** Gives a declared function its locals (beyond the parameters) and code (without the final `end`). */
  defineFunction(index: number, locals: ValType[], code: Instr[]): void {
    if (!this.undefinedFuncs.has(index)) throw new Error(`function ${index} was not declared by this builder or is already defined`);
    this.module.funcs[index - this.importedFuncCount]!.body = { locals, code };
    this.undefinedFuncs.delete(index);
  }

  /** Declares and defines a function in one step; returns its index. */
  addFunction(f: { type: FuncType | number; locals?: ValType[]; code: Instr[]; name?: string; exportAs?: string }): number {
    const index = this.declareFunction(f.type, f.name);
    this.defineFunction(index, f.locals ?? [], f.code);
    if (f.exportAs !== undefined) this.addExport(f.exportAs, "func", index);
    return index;
  }

  addGlobal(type: GlobalType, init: Instr[]): number {
    this.module.globals.push({ type, init });
    return this.globalCount - 1;
  }

  findExport(name: string, kind?: ExternKind): Export | undefined {
    return this.module.exports.find((e) => e.name === name && (kind === undefined || e.kind === kind));
  }

  /** Index of the exported function `name`; throws when there is none. */
  exportedFunc(name: string): number {
    const e = this.findExport(name, "func");
    if (!e) throw new Error(`module exports no function "${name}"`);
    return e.index;
  }

  addExport(name: string, kind: ExternKind, index: number): void {
    if (this.module.exports.some((e) => e.name === name)) throw new Error(`duplicate export "${name}"`);
    this.module.exports.push({ name, kind, index });
  }

  /** Removes an export by name (e.g. a runtime placeholder the backend replaces); true if it existed. */
  removeExport(name: string): boolean {
    const i = this.module.exports.findIndex((e) => e.name === name);
    if (i < 0) return false;
    this.module.exports.splice(i, 1);
    return true;
  }

  /** The value of an immutable i32 global with a constant initialiser (e.g. `__heap_base`). */
  globalConstI32(index: number): number | undefined {
    const g = this.module.globals[index - importCount(this.module, "global")];
    const ins = g?.init[0];
    return g && g.init.length === 1 && ins?.op === "i32.const" ? ins.value : undefined;
  }

  /** An active data segment on memory 0 at a fixed offset; returns the segment index. */
  addData(offset: number, bytes: Uint8Array): number {
    this.module.datas.push({ mode: "active", memory: 0, offset: [{ op: "i32.const", value: offset | 0 }], bytes });
    if (this.module.dataCount !== undefined) this.module.dataCount = this.module.datas.length;
    return this.module.datas.length - 1;
  }

  /**
   * Puts functions in table 0 (created if the module has none) after the
   * entries it already has, growing its limits; returns the first slot.
   */
  addElements(funcs: number[]): number {
    const m = this.module;
    if (importCount(m, "table") > 0) throw new Error("cannot grow an imported table");
    if (m.tables.length === 0) m.tables.push({ elem: "funcref", limits: { min: 0, max: 0 } });
    const t = m.tables[0]!;
    const offset = t.limits.min;
    t.limits.min += funcs.length;
    if (t.limits.max !== undefined && t.limits.max < t.limits.min) t.limits.max = t.limits.min;
    m.elems.push({ mode: "active", table: 0, offset: [{ op: "i32.const", value: offset }], type: "funcref", init: { funcs: [...funcs] } });
    return offset;
  }

  /** Names a function in the "name" section (debuggers, stack traces). */
  setFunctionName(index: number, name: string): void {
    this.names.set(index, name);
  }

  /** Writes the module; fails if a declared function was never defined. */
  toBytes(): Uint8Array<ArrayBuffer> {
    if (this.undefinedFuncs.size > 0) throw new Error(`functions declared but not defined: ${[...this.undefinedFuncs].join(", ")}`);
    if (this.names.size > 0) this.flushNames();
    return writeModule(this.module);
  }

  private flushNames(): void {
    const m = this.module;
    let custom = m.customs.find((c) => c.name === "name");
    if (!custom) {
      custom = { name: "name", bytes: new Uint8Array(0), after: 11 };
      m.customs.push(custom);
    }
    const ns = parseNameSection(custom.bytes);
    const all = functionNames(ns);
    for (const [i, n] of this.names) all.set(i, n);
    setFunctionNames(ns, all);
    custom.bytes = encodeNameSection(ns);
    this.names.clear();
  }
}

function sameTypes(a: readonly ValType[], b: readonly ValType[]): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i]);
}
