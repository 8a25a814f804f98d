import type { BlockType, Instr } from "../instructions.js";
import type { ValType } from "../types.js";

/**
 * Instructions without immediates, shared by every use: nothing edits an
 * instruction in place except tree shaking renumbering `call`/`ref.func`, so
 * these need not be allocated at each of the many places they occur.
 */
const END: Instr = { op: "end" };
const ELSE: Instr = { op: "else" };
const EQZ: Instr = { op: "i32.eqz" };

/**
 * Builds one function body: wasm locals for IR locals, fresh temporaries, and
 * the control stack, so that "this statement is undefined" and `BreakStmt`
 * become branches to the right IR block without counting labels by hand.
 */
export class FnEmitter {
  readonly code: Instr[] = [];
  /** Locals after the parameters. */
  readonly locals: ValType[] = [];
  private depth = 0;
  private readonly irBlocks: number[] = [];
  private readonly irLocals = new Map<number, number>();

  constructor(readonly params: number) {}

  /** Binds an IR local to a wasm parameter. */
  bindParam(irLocal: number, param: number): void {
    this.irLocals.set(irLocal, param);
  }

  /** The wasm local holding IR local `l` (a value pointer, 0 = undefined). */
  local(l: number): number {
    let w = this.irLocals.get(l);
    if (w === undefined) {
      w = this.temp();
      this.irLocals.set(l, w);
    }
    return w;
  }

  temp(type: ValType = "i32"): number {
    this.locals.push(type);
    return this.params + this.locals.length - 1;
  }

  emit(...ins: Instr[]): void {
    for (const i of ins) this.code.push(i);
  }

  open(op: "block" | "loop" | "if", type: BlockType = "empty"): void {
    this.code.push({ op, type });
    this.depth++;
  }

  else(): void {
    this.code.push(ELSE);
  }

  close(): void {
    this.code.push(END);
    this.depth--;
  }

  /** Opens the wasm block of an IR block: undefined statements inside branch to its end. */
  openIrBlock(): void {
    this.open("block");
    this.irBlocks.push(this.depth);
  }

  closeIrBlock(): void {
    this.irBlocks.pop();
    this.close();
  }

  /** Label that leaves the IR block `up` levels out (0 = the current one). */
  irLabel(up = 0): number {
    const at = this.irBlocks[this.irBlocks.length - 1 - up];
    if (at === undefined) throw new Error(`no IR block ${up} levels up`);
    return this.depth - at;
  }

  /** The current IR block is undefined when the i32 on the stack is non-zero. */
  undefinedIf(): void {
    this.code.push({ op: "br_if", label: this.irLabel(0) });
  }

  /** The current IR block is undefined when the i32 on the stack is zero. */
  undefinedUnless(): void {
    this.code.push(EQZ, { op: "br_if", label: this.irLabel(0) });
  }
}
