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
  // Valid policies are the rule: a quick pass proves most of them so without
  // building a path string for every statement and field; only a policy it
  // rejects goes through the full pass, which finds and places the errors.
  return isWellFormed(p) ? [] : policyProblems(p);
}

/** The full pass behind {@link validatePolicy}: every problem of `p` (at most MAX_ERRORS), each at its path. */
export function policyProblems(p: Policy): Diagnostic[] {
  const v = new Validator(p);
  v.run();
  return v.diagnostics;
}

const MAX_ERRORS = 50;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

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
        if (s.value < INT64_MIN || s.value > INT64_MAX) this.fail(`${sp}.value`, `${s.value} does not fit in int64`);
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

/**
 * Whether `p` passes every check of the {@link Validator}, without saying
 * where it fails: the same rules, one `case` per statement type (the fields
 * of STMT_FIELDS spelled out, so each property read sees one shape) and no
 * paths. It may only be stricter than the Validator, never laxer (a policy it
 * wrongly accepted would lose its diagnostics); test/rego/plan checks that
 * the two agree on every statement type and field.
 */
export function isWellFormed(p: Policy): boolean {
  const nStrings = p.static?.strings.length ?? 0;
  const nFiles = p.static?.files.length ?? 0;
  const builtins = new Set<string>();
  for (const b of p.static?.builtinFuncs ?? []) {
    if (builtins.has(b.name)) return false;
    builtins.add(b.name);
  }
  const funcs = new Map<string, number>();
  for (const fn of p.funcs?.funcs ?? []) {
    if (funcs.has(fn.name) || fn.params.length < 2 || new Set(fn.params).size !== fn.params.length || fn.path?.length === 0) return false;
    funcs.set(fn.name, fn.params.length);
  }
  const planNames = new Set<string>();
  for (const pl of p.plans?.plans ?? []) {
    if (planNames.has(pl.name)) return false;
    planNames.add(pl.name);
  }

  const str = (n: number): boolean => Number.isInteger(n) && n >= 0 && n < nStrings;
  const loc = (n: number): boolean => Number.isInteger(n) && n >= 0 && n <= 0x7fffffff;
  const opd = (o: Operand): boolean => (o.type === "string_index" ? str(o.value) : o.type === "local" ? loc(o.value) : true);
  const opds = (os: readonly Operand[]): boolean => os.every(opd);
  let inFunc = false;
  const blocks = (bs: readonly Block[], depth: number): boolean => bs.every((b) => block(b, depth + 1));
  const block = (b: Block, depth: number): boolean => b.stmts.every((s) => stmt(s, depth));
  const stmt = (s: Stmt, depth: number): boolean => {
    const file = s.location.file;
    if (nFiles > 0 ? file < 0 || file >= nFiles : file !== 0) return false;
    switch (s.type) {
      case "ReturnLocalStmt":
        return inFunc && loc(s.source);
      case "CallStmt": {
        const arity = funcs.get(s.func);
        return opds(s.args) && loc(s.result) && (arity !== undefined ? arity === s.args.length : builtins.has(s.func));
      }
      case "CallDynamicStmt":
        return s.args.every(loc) && loc(s.result) && opds(s.path) && s.path.length > 0;
      case "BlockStmt":
        return blocks(s.blocks, depth);
      case "BreakStmt":
        return s.index < depth;
      case "DotStmt":
        return opd(s.source) && opd(s.key) && loc(s.target);
      case "LenStmt":
      case "AssignVarStmt":
      case "AssignVarOnceStmt":
        return opd(s.source) && loc(s.target);
      case "ScanStmt":
        return loc(s.source) && loc(s.key) && loc(s.value) && block(s.block, depth + 1);
      case "NotStmt":
        return block(s.block, depth + 1);
      case "AssignIntStmt":
      case "MakeNumberIntStmt":
        return s.value >= INT64_MIN && s.value <= INT64_MAX && loc(s.target);
      case "ResetLocalStmt":
      case "MakeNullStmt":
      case "MakeObjectStmt":
      case "MakeSetStmt":
        return loc(s.target);
      case "MakeNumberRefStmt":
        return str(s.index) && loc(s.target);
      case "MakeArrayStmt":
        return s.capacity >= 0 && loc(s.target);
      case "EqualStmt":
      case "NotEqualStmt":
        return opd(s.a) && opd(s.b);
      case "IsArrayStmt":
      case "IsObjectStmt":
      case "IsSetStmt":
        return opd(s.source);
      case "IsDefinedStmt":
      case "IsUndefinedStmt":
        return loc(s.source);
      case "ArrayAppendStmt":
        return opd(s.value) && loc(s.array);
      case "ObjectInsertStmt":
      case "ObjectInsertOnceStmt":
        return opd(s.key) && opd(s.value) && loc(s.object);
      case "ObjectMergeStmt":
        return loc(s.a) && loc(s.b) && loc(s.target);
      case "SetAddStmt":
        return opd(s.value) && loc(s.set);
      case "WithStmt":
        return loc(s.local) && s.path.every(str) && opd(s.value) && block(s.block, depth + 1);
      case "NopStmt":
        return true;
      case "ResultSetAddStmt":
        return !inFunc && loc(s.value);
      default:
        // A statement type this pass does not know: let the Validator decide.
        return false;
    }
  };
  inFunc = false;
  if (!(p.plans?.plans ?? []).every((pl) => blocks(pl.blocks, 0))) return false;
  inFunc = true;
  return (p.funcs?.funcs ?? []).every((fn) => blocks(fn.blocks, 0));
}
