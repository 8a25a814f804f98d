import type { Block, BuiltinFunc, Func, Location, Operand, Plan, Policy, Stmt, StringConst } from "./ir.js";
import { childBlocks } from "./ir.js";
import { type FieldSpec, STMT_FIELDS } from "./ir-fields.js";

/**
 * Human-readable text for IR, in the format of OPA's `ir.Pretty`: one line per
 * node (`%T %+v` in Go), nested nodes indented by "| ". Diffing our text with
 * OPA's shows planner differences quickly. Builtin declarations are rendered
 * in OPA's type syntax for the common types, as JSON otherwise.
 */
export function prettyIR(x: Policy | Plan | Func | Block | Stmt): string {
  const lines: string[] = [];
  const put = (depth: number, text: string): void => {
    lines.push("| ".repeat(depth) + text);
  };
  const walkBlock = (b: Block, depth: number): void => {
    put(depth, `*ir.Block ${blockString(b)}`);
    for (const s of b.stmts) walkStmt(s, depth + 1);
  };
  const walkStmt = (s: Stmt, depth: number): void => {
    put(depth, stmtLine(s));
    for (const b of childBlocks(s)) walkBlock(b, depth + 1);
  };
  const walkPlan = (p: Plan, depth: number): void => {
    put(depth, `*ir.Plan ${planString(p)}`);
    for (const b of p.blocks) walkBlock(b, depth + 1);
  };
  const walkFunc = (f: Func, depth: number): void => {
    put(depth, `*ir.Func ${funcString(f)}`);
    for (const b of f.blocks) walkBlock(b, depth + 1);
  };
  if (isPolicy(x)) {
    put(0, "*ir.Policy Policy");
    if (x.static) {
      const st = x.static;
      put(1, `*ir.Static Static (${st.strings.length} strings, ${st.files.length} files)`);
      for (const s of st.strings) put(2, stringConstLine(s));
      for (const b of st.builtinFuncs) put(2, builtinLine(b));
      for (const s of st.files) put(2, stringConstLine(s));
    }
    if (x.plans) {
      put(1, `*ir.Plans &{Plans:[${x.plans.plans.map(planString).join(" ")}]}`);
      for (const p of x.plans.plans) walkPlan(p, 2);
    }
    if (x.funcs) {
      put(1, `*ir.Funcs Funcs (${x.funcs.funcs.length} funcs)`);
      for (const f of x.funcs.funcs) walkFunc(f, 2);
    }
  } else if ("type" in x && typeof x.type === "string") walkStmt(x, 0);
  else if ("stmts" in x) walkBlock(x, 0);
  else if ("params" in x) walkFunc(x, 0);
  else walkPlan(x as Plan, 0);
  return lines.join("\n") + "\n";
}

function isPolicy(x: object): x is Policy {
  return !("blocks" in x) && !("stmts" in x) && !("type" in x);
}

const blockString = (b: Block): string => `Block (${b.stmts.length} statements)`;
const planString = (p: Plan): string => `Plan ${p.name} (${p.blocks.length} blocks)`;
const funcString = (f: Func): string =>
  `${f.name} (${f.params.length} params: [${f.params.map(localString).join(" ")}], ${f.blocks.length} blocks, path: [${(f.path ?? []).join(" ")}])`;
const localString = (l: number): string => `Local<${l}>`;
const stringConstLine = (s: StringConst): string => `*ir.StringConst &{Value:${s.value}}`;
const builtinLine = (b: BuiltinFunc): string => `*ir.BuiltinFunc &{Name:${b.name} Decl:${typeString(b.decl)}}`;

function operandString(o: Operand): string {
  const v = o.type === "local" ? localString(o.value) : o.type === "string_index" ? `String<${o.value}>` : `Bool<${o.value}>`;
  return `{Value:${v}}`;
}

function locationString(l: Location): string {
  if (l.endRow !== undefined || l.endCol !== undefined) {
    return `{File:${l.file} Col:${l.col} Row:${l.row} EndCol:${l.endCol ?? 0} EndRow:${l.endRow ?? 0} Text: file:}`;
  }
  return `{File:${l.file} Col:${l.col} Row:${l.row} file: text:}`;
}

function fieldString(f: FieldSpec, v: unknown): string {
  switch (f.kind) {
    case "local":
      return localString(v as number);
    case "locals":
      return `[${(v as number[]).map(localString).join(" ")}]`;
    case "operand":
      return operandString(v as Operand);
    case "operands":
      return `[${(v as Operand[]).map(operandString).join(" ")}]`;
    case "block":
      return blockString(v as Block);
    case "blocks":
      return `[${(v as Block[]).map(blockString).join(" ")}]`;
    case "string_indices":
      return `[${(v as number[]).join(" ")}]`;
    default:
      return String(v);
  }
}

function stmtLine(s: Stmt): string {
  const name = `*ir.${s.type}`;
  if (s.type === "BlockStmt") {
    const l = s.location;
    return `${name} BlockStmt (${s.blocks.length} blocks) &{${l.file} ${l.col} ${l.row}  }`;
  }
  const rec = s as unknown as Record<string, unknown>;
  const parts = STMT_FIELDS[s.type].map((f) => `${f.key[0]!.toUpperCase()}${f.key.slice(1)}:${fieldString(f, rec[f.key])}`);
  parts.push(`Location:${locationString(s.location)}`);
  return `${name} &{${parts.join(" ")}}`;
}

/** OPA's `types.Type.String()` for the declaration shapes builtins use. */
export function typeString(t: unknown): string {
  if (t === null || typeof t !== "object") return "<nil>";
  const o = t as Record<string, unknown>;
  switch (o["type"]) {
    case "function": {
      const args = Array.isArray(o["args"]) ? (o["args"] as unknown[]).map(typeString) : [];
      if (o["variadic"] !== undefined) args.push(`${typeString(o["variadic"])}...`);
      return `(${args.join(", ")}) => ${typeString(o["result"])}`;
    }
    case "any": {
      const of = Array.isArray(o["of"]) ? (o["of"] as unknown[]) : [];
      return of.length === 0 ? "any" : `any<${of.map(typeString).join(", ")}>`;
    }
    case "string":
    case "number":
    case "boolean":
    case "null":
      return o["type"] as string;
    case "array": {
      const st = Array.isArray(o["static"]) ? `<${(o["static"] as unknown[]).map(typeString).join(", ")}>` : "";
      const dyn = o["dynamic"] !== undefined ? `[${typeString(o["dynamic"])}]` : "";
      return `array${st}${dyn}`;
    }
    case "set":
      return `set[${typeString(o["of"])}]`;
    case "object": {
      const st = Array.isArray(o["static"])
        ? `<${(o["static"] as { key: unknown; value: unknown }[]).map((p) => `${JSON.stringify(p.key)}: ${typeString(p.value)}`).join(", ")}>`
        : "";
      const d = o["dynamic"] as { key?: unknown; value?: unknown } | undefined;
      const dyn = d ? `[${typeString(d.key)}: ${typeString(d.value)}]` : "";
      return `object${st}${dyn}`;
    }
    default:
      return JSON.stringify(t);
  }
}
