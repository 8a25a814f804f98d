import { type Diagnostic, error } from "../../diag/index.js";
import type { Block, Operand, Policy, Stmt } from "./ir.js";
import { STMT_FIELDS } from "./ir-fields.js";
import { IR_ERROR } from "./ir-json.js";

/**
 * Checks what the types cannot: indices in range (strings, files), break
 * depths, calls to known functions with the right arity, unique names,
 * statements in the right kind of body. Paths use the JSON layout
 * (`funcs.funcs[2].blocks[0].stmts[3].stmt.key`), so an error points into the
 * plan file too. Returns no diagnostics for a well-formed policy.
 */
export function validatePolicy(p: Policy): Diagnostic[] {
  const v = new Validator(p);
  v.run();
  return v.diagnostics;
}

const MAX_ERRORS = 50;

class Validator {
  readonly diagnostics: Diagnostic[] = [];
  private readonly nStrings: number;
  private readonly nFiles: number;
  private readonly funcs = new Map<string, number>();
  private readonly builtins = new Set<string>();
  private inFunc = false;

  constructor(private readonly p: Policy) {
    this.nStrings = p.static?.strings.length ?? 0;
    this.nFiles = p.static?.files.length ?? 0;
  }

  fail(path: string, message: string): void {
    if (this.diagnostics.length < MAX_ERRORS) this.diagnostics.push(error(IR_ERROR, message, undefined, path));
  }

  run(): void {
    const { p } = this;
    p.static?.builtinFuncs.forEach((b, i) => {
      if (this.builtins.has(b.name)) this.fail(`static.builtin_funcs[${i}].name`, `duplicate builtin "${b.name}"`);
      this.builtins.add(b.name);
    });
    p.funcs?.funcs.forEach((fn, i) => {
      if (this.funcs.has(fn.name)) this.fail(`funcs.funcs[${i}].name`, `duplicate function "${fn.name}"`);
      this.funcs.set(fn.name, fn.params.length);
    });
    const planNames = new Set<string>();
    p.plans?.plans.forEach((pl, i) => {
      const path = `plans.plans[${i}]`;
      if (planNames.has(pl.name)) this.fail(`${path}.name`, `duplicate plan "${pl.name}"`);
      planNames.add(pl.name);
      this.inFunc = false;
      this.blocks(pl.blocks, `${path}.blocks`, 0);
    });
    p.funcs?.funcs.forEach((fn, i) => {
      const path = `funcs.funcs[${i}]`;
      if (fn.params.length < 2) this.fail(`${path}.params`, `function "${fn.name}" must take input and data first (has ${fn.params.length} params)`);
      const seen = new Set<number>();
      fn.params.forEach((l, k) => {
        if (seen.has(l)) this.fail(`${path}.params[${k}]`, `parameter local ${l} repeated`);
        seen.add(l);
      });
      if (fn.path && fn.path.length === 0) this.fail(`${path}.path`, "empty path");
      this.inFunc = true;
      this.blocks(fn.blocks, `${path}.blocks`, 0);
    });
  }

  blocks(bs: readonly Block[], path: string, depth: number): void {
    bs.forEach((b, i) => this.block(b, `${path}[${i}]`, depth + 1));
  }

  block(b: Block, path: string, depth: number): void {
    b.stmts.forEach((s, i) => this.stmt(s, `${path}.stmts[${i}]`, depth));
  }

  stmt(s: Stmt, path: string, depth: number): void {
    const sp = `${path}.stmt`;
    const loc = s.location;
    if (this.nFiles > 0 ? loc.file < 0 || loc.file >= this.nFiles : loc.file !== 0) {
      this.fail(`${sp}.file`, `file index ${loc.file} out of range (${this.nFiles} files)`);
    }
    const rec = s as unknown as Record<string, unknown>;
    for (const f of STMT_FIELDS[s.type]) {
      const fp = `${sp}.${f.json}`;
      const val = rec[f.key];
      switch (f.kind) {
        case "operand":
          this.operand(val as Operand, fp);
          break;
        case "operands":
          (val as Operand[]).forEach((o, i) => this.operand(o, `${fp}[${i}]`));
          break;
        case "string_index":
          this.stringIndex(val as number, fp);
          break;
        case "string_indices":
          (val as number[]).forEach((n, i) => this.stringIndex(n, `${fp}[${i}]`));
          break;
        case "local":
          this.local(val as number, fp);
          break;
        case "locals":
          (val as number[]).forEach((n, i) => this.local(n, `${fp}[${i}]`));
          break;
        case "block":
          this.block(val as Block, fp, depth + 1);
          break;
        case "blocks":
          this.blocks(val as Block[], fp, depth);
          break;
        default:
          break;
      }
    }
    switch (s.type) {
      case "BreakStmt":
        if (s.index >= depth) this.fail(`${sp}.index`, `break index ${s.index} leaves more than the ${depth} enclosing blocks`);
        break;
      case "CallStmt": {
        const arity = this.funcs.get(s.func);
        if (arity !== undefined) {
          if (arity !== s.args.length) this.fail(`${sp}.args`, `function "${s.func}" takes ${arity} arguments, called with ${s.args.length}`);
        } else if (!this.builtins.has(s.func)) {
          this.fail(`${sp}.func`, `unknown function "${s.func}" (neither a planned function nor a declared builtin)`);
        }
        break;
      }
      case "CallDynamicStmt":
        if (s.path.length === 0) this.fail(`${sp}.path`, "empty path");
        break;
      case "ReturnLocalStmt":
        if (!this.inFunc) this.fail(sp, "ReturnLocalStmt outside a function");
        break;
      case "ResultSetAddStmt":
        if (this.inFunc) this.fail(sp, "ResultSetAddStmt outside a plan");
        break;
      case "MakeArrayStmt":
        if (s.capacity < 0) this.fail(`${sp}.capacity`, `negative capacity ${s.capacity}`);
        break;
      case "AssignIntStmt":
      case "MakeNumberIntStmt":
        if (s.value < -(2n ** 63n) || s.value >= 2n ** 63n) this.fail(`${sp}.value`, `${s.value} does not fit in int64`);
        break;
      default:
        break;
    }
  }

  operand(o: Operand, path: string): void {
    if (o.type === "string_index") this.stringIndex(o.value, `${path}.value`);
    else if (o.type === "local") this.local(o.value, `${path}.value`);
  }

  stringIndex(n: number, path: string): void {
    if (!Number.isInteger(n) || n < 0 || n >= this.nStrings) this.fail(path, `string index ${n} out of range (${this.nStrings} strings)`);
  }

  local(n: number, path: string): void {
    if (!Number.isInteger(n) || n < 0 || n > 0x7fffffff) this.fail(path, `invalid local ${n}`);
  }
}
