import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { Policy, StmtType } from "../../../src/rego/plan/ir.js";
import { walkStmts } from "../../../src/rego/plan/ir.js";
import { STMT_TYPES } from "../../../src/rego/plan/ir-fields.js";
import { decodePolicy, encodePolicy, policyFromJSON, policyToJSON } from "../../../src/rego/plan/ir-json.js";
import { parseJson } from "../../../src/rego/plan/ir-json-text.js";
import { prettyIR } from "../../../src/rego/plan/ir-pretty.js";
import { validatePolicy } from "../../../src/rego/plan/ir-validate.js";
import { allStmtsPolicy } from "./all-stmts.js";

const golden = (name: string): string => fileURLToPath(new URL(`./golden/${name}`, import.meta.url));
/** Golden files are rewritten only on request: UPDATE_GOLDEN=1 npx vitest run test/rego/plan */
function expectGolden(name: string, text: string): void {
  if (process.env["UPDATE_GOLDEN"]) writeFileSync(golden(name), text);
  expect(text).toBe(readFileSync(golden(name), "utf8"));
}

// The shape `opa build -t plan` writes (compact, Go key order, "Index" for
// MakeNumberRefStmt, HTML-escaped strings), for `package test; hello = 1`.
const OPA_PLAN =
  '{"static":{"strings":[{"value":"result"},{"value":"1"},{"value":"\\u003cb\\u003e \\u0026"}],"files":[{"value":"test.rego"}]},' +
  '"plans":{"plans":[{"name":"test/hello","blocks":[{"stmts":[' +
  '{"type":"CallStmt","stmt":{"func":"g0.data.test.hello","args":[{"type":"local","value":0},{"type":"local","value":1}],"result":2,"file":0,"col":0,"row":0}},' +
  '{"type":"AssignVarStmt","stmt":{"source":{"type":"local","value":2},"target":3,"file":0,"col":0,"row":0}},' +
  '{"type":"MakeObjectStmt","stmt":{"target":4,"file":0,"col":0,"row":0}},' +
  '{"type":"ObjectInsertStmt","stmt":{"key":{"type":"string_index","value":0},"value":{"type":"local","value":3},"object":4,"file":0,"col":0,"row":0}},' +
  '{"type":"ResultSetAddStmt","stmt":{"value":4,"file":0,"col":0,"row":0}}]}]}]},' +
  '"funcs":{"funcs":[{"name":"g0.data.test.hello","params":[0,1],"return":2,"blocks":[{"stmts":[' +
  '{"type":"ResetLocalStmt","stmt":{"target":3,"file":0,"col":1,"row":3}},' +
  '{"type":"MakeNumberRefStmt","stmt":{"Index":1,"target":4,"file":0,"col":1,"row":3}},' +
  '{"type":"AssignVarOnceStmt","stmt":{"source":{"type":"local","value":4},"target":3,"file":0,"col":1,"row":3}}]},' +
  '{"stmts":[{"type":"IsDefinedStmt","stmt":{"source":3,"file":0,"col":1,"row":3}},' +
  '{"type":"AssignVarOnceStmt","stmt":{"source":{"type":"local","value":3},"target":2,"file":0,"col":1,"row":3}}]},' +
  '{"stmts":[{"type":"ReturnLocalStmt","stmt":{"source":2,"file":0,"col":1,"row":3}}]}],"path":["g0","test","hello"]}]}}';

function decodeOk(text: string): Policy {
  const r = policyFromJSON(text);
  expect(r.diagnostics).toEqual([]);
  return r.policy!;
}

describe("IR JSON", () => {
  it("round-trips OPA's plan JSON byte for byte", () => {
    const p = decodeOk(OPA_PLAN);
    expect(p.static!.strings[2]!.value).toBe("<b> &");
    expect(policyToJSON(p)).toBe(OPA_PLAN);
    expect(validatePolicy(p)).toEqual([]);
  });

  it("covers every statement type", () => {
    const seen = new Set<StmtType>();
    const p = allStmtsPolicy();
    walkStmts(p.plans!.plans[0]!.blocks, (s) => seen.add(s.type));
    walkStmts(p.funcs!.funcs[0]!.blocks, (s) => seen.add(s.type));
    expect([...seen].sort()).toEqual([...STMT_TYPES].sort());
    expect(STMT_TYPES).toHaveLength(34);
  });

  it("round-trips IR -> JSON -> IR -> JSON, compact and indented", () => {
    const p = allStmtsPolicy();
    const text = policyToJSON(p);
    const back = decodeOk(text);
    expect(back).toEqual(p);
    expect(policyToJSON(back)).toBe(text);
    const indented = policyToJSON(p, "  ");
    expect(decodeOk(indented)).toEqual(p);
    expectGolden("all-stmts.json", indented + "\n");
  });

  it("keeps int64 values exact beyond 2^53", () => {
    const text = policyToJSON(allStmtsPolicy());
    expect(text).toContain('"value":9007199254740993,');
    const back = decodeOk(text);
    const fn = back.funcs!.funcs[0]!.blocks[0]!.stmts[2]!;
    expect(fn.type === "MakeNumberIntStmt" && fn.value).toBe(9007199254740993n);
  });

  it("reads null lists as empty, missing locations as 0, and both MakeNumberRefStmt index keys", () => {
    const text =
      '{"static":{"strings":[{"value":"1"}]},"plans":{"plans":[{"name":"x","blocks":[{"stmts":[' +
      '{"type":"MakeNumberRefStmt","stmt":{"index":0,"target":2}},' +
      '{"type":"BlockStmt","stmt":{"blocks":null,"file":0,"col":1,"row":2,"end_row":2,"end_col":9}}]}]}]},"funcs":{"funcs":null}}';
    const p = decodeOk(text);
    const [ref, blk] = p.plans!.plans[0]!.blocks[0]!.stmts;
    expect(ref).toEqual({ type: "MakeNumberRefStmt", index: 0, target: 2, location: { file: 0, row: 0, col: 0 } });
    expect(blk).toEqual({ type: "BlockStmt", blocks: [], location: { file: 0, row: 2, col: 1, endRow: 2, endCol: 9 } });
    expect(p.funcs).toEqual({ funcs: [] });
    // The extended dialect (with end_row/end_col) is written back with both keys.
    const again = policyToJSON(p);
    expect(again).toContain('"stmt":{"blocks":[],"file":0,"col":1,"row":2,"end_row":2,"end_col":9}');
  });

  it("writes MakeNumberRefStmt with \"index\" too when the location has an end", () => {
    const p: Policy = {
      static: { strings: [{ value: "1" }], builtinFuncs: [], files: [] },
      plans: { plans: [{ name: "x", blocks: [{ stmts: [{ type: "MakeNumberRefStmt", index: 0, target: 2, location: { file: 0, row: 1, col: 1, endRow: 1, endCol: 2 } }] }] }] },
    };
    expect(policyToJSON(p)).toContain('{"Index":0,"target":2,"index":0,"file":0,"col":1,"row":1,"end_row":1,"end_col":2}');
  });

  const bad: { note: string; json: string; want: { path: string; message: RegExp } }[] = [
    { note: "syntax", json: '{"plans":', want: { path: "", message: /invalid JSON/ } },
    { note: "root not object", json: "[]", want: { path: "$", message: /expected an object/ } },
    { note: "unknown top key", json: '{"plan":{}}', want: { path: "plan", message: /unknown field "plan"/ } },
    {
      note: "unknown stmt type",
      json: '{"plans":{"plans":[{"name":"p","blocks":[{"stmts":[{"type":"FooStmt","stmt":{}}]}]}]}}',
      want: { path: "plans.plans[0].blocks[0].stmts[0].type", message: /unknown statement type "FooStmt"/ },
    },
    {
      note: "missing field",
      json: '{"plans":{"plans":[{"name":"p","blocks":[{"stmts":[{"type":"DotStmt","stmt":{"source":{"type":"local","value":0},"target":3}}]}]}]}}',
      want: { path: "plans.plans[0].blocks[0].stmts[0].stmt.key", message: /missing field "key"/ },
    },
    {
      note: "bad operand type",
      json: '{"plans":{"plans":[{"name":"p","blocks":[{"stmts":[{"type":"IsArrayStmt","stmt":{"source":{"type":"number","value":0}}}]}]}]}}',
      want: { path: "plans.plans[0].blocks[0].stmts[0].stmt.source.type", message: /unknown operand type "number"/ },
    },
    {
      note: "negative local",
      json: '{"plans":{"plans":[{"name":"p","blocks":[{"stmts":[{"type":"ResultSetAddStmt","stmt":{"value":-1}}]}]}]}}',
      want: { path: "plans.plans[0].blocks[0].stmts[0].stmt.value", message: /out of range/ },
    },
    {
      note: "unknown stmt field",
      json: '{"plans":{"plans":[{"name":"p","blocks":[{"stmts":[{"type":"NopStmt","stmt":{"target":1}}]}]}]}}',
      want: { path: "plans.plans[0].blocks[0].stmts[0].stmt.target", message: /unknown field/ },
    },
    {
      note: "bool operand with number",
      json: '{"plans":{"plans":[{"name":"p","blocks":[{"stmts":[{"type":"SetAddStmt","stmt":{"value":{"type":"bool","value":1},"set":2}}]}]}]}}',
      want: { path: "plans.plans[0].blocks[0].stmts[0].stmt.value.value", message: /expected a boolean/ },
    },
    {
      note: "int64 overflow",
      json: '{"plans":{"plans":[{"name":"p","blocks":[{"stmts":[{"type":"AssignIntStmt","stmt":{"value":9223372036854775808,"target":2}}]}]}]}}',
      want: { path: "plans.plans[0].blocks[0].stmts[0].stmt.value", message: /int64/ },
    },
  ];
  for (const tc of bad) {
    it(`rejects malformed JSON: ${tc.note}`, () => {
      const r = policyFromJSON(tc.json);
      expect(r.policy).toBeUndefined();
      expect(r.diagnostics.length).toBeGreaterThan(0);
      const d = r.diagnostics[0]!;
      expect(d.code).toBe("gwpc_ir_error");
      expect(d.path ?? "").toBe(tc.want.path);
      expect(d.message).toMatch(tc.want.message);
    });
  }

  it("decodes plain JSON.parse output too", () => {
    const r = decodePolicy(JSON.parse(OPA_PLAN));
    expect(r.diagnostics).toEqual([]);
    expect(encodePolicy(r.policy!)).toEqual(parseJson(OPA_PLAN));
  });
});

describe("IR validator", () => {
  const base = (): Policy => allStmtsPolicy();
  it("accepts the all-statements policy", () => {
    expect(validatePolicy(base())).toEqual([]);
  });
  const cases: { note: string; mutate: (p: Policy) => void; path: string; message: RegExp }[] = [
    {
      note: "string index out of range",
      mutate: (p) => {
        p.static!.strings.length = 2;
      },
      path: "funcs.funcs[0].blocks[0].stmts[9].stmt.key.value",
      message: /string index 2 out of range \(2 strings\)/,
    },
    {
      note: "unknown function",
      mutate: (p) => {
        const s = p.plans!.plans[0]!.blocks[0]!.stmts[0]!;
        if (s.type === "CallStmt") s.func = "nope";
      },
      path: "plans.plans[0].blocks[0].stmts[0].stmt.func",
      message: /unknown function "nope"/,
    },
    {
      note: "wrong arity",
      mutate: (p) => {
        const s = p.plans!.plans[0]!.blocks[0]!.stmts[0]!;
        if (s.type === "CallStmt") s.args.pop();
      },
      path: "plans.plans[0].blocks[0].stmts[0].stmt.args",
      message: /takes 2 arguments, called with 1/,
    },
    {
      note: "break too deep",
      mutate: (p) => {
        p.plans!.plans[0]!.blocks[0]!.stmts.unshift({ type: "BreakStmt", index: 1, location: { file: 0, row: 1, col: 1 } });
      },
      path: "plans.plans[0].blocks[0].stmts[0].stmt.index",
      message: /break index 1/,
    },
    {
      note: "return in a plan",
      mutate: (p) => {
        p.plans!.plans[0]!.blocks[0]!.stmts.push({ type: "ReturnLocalStmt", source: 2, location: { file: 0, row: 1, col: 1 } });
      },
      path: "plans.plans[0].blocks[0].stmts[5].stmt",
      message: /outside a function/,
    },
    {
      note: "file out of range",
      mutate: (p) => {
        p.plans!.plans[0]!.blocks[0]!.stmts[1]!.location.file = 3;
      },
      path: "plans.plans[0].blocks[0].stmts[1].stmt.file",
      message: /file index 3/,
    },
    {
      note: "duplicate plan",
      mutate: (p) => {
        p.plans!.plans.push({ name: "test/p", blocks: [] });
      },
      path: "plans.plans[1].name",
      message: /duplicate plan/,
    },
    {
      note: "function without input and data",
      mutate: (p) => {
        p.funcs!.funcs.push({ name: "f", params: [0], return: 1, blocks: [] });
      },
      path: "funcs.funcs[1].params",
      message: /input and data/,
    },
    {
      note: "nested: bad with path",
      mutate: (p) => {
        const s = p.funcs!.funcs[0]!.blocks[0]!.stmts[22]!;
        if (s.type === "WithStmt") s.path = [2, 40];
      },
      path: "funcs.funcs[0].blocks[0].stmts[22].stmt.path[1]",
      message: /string index 40/,
    },
  ];
  for (const tc of cases) {
    it(`rejects ${tc.note}`, () => {
      const p = base();
      tc.mutate(p);
      const ds = validatePolicy(p);
      expect(ds.length).toBeGreaterThan(0);
      expect(ds[0]!.path).toBe(tc.path);
      expect(ds[0]!.message).toMatch(tc.message);
    });
  }
});

describe("IR pretty printer", () => {
  it("prints OPA's ir.Pretty format (golden)", () => {
    expectGolden("all-stmts.txt", prettyIR(allStmtsPolicy()));
  });
  it("prints a single statement like OPA's pretty test", () => {
    expect(prettyIR({ type: "ReturnLocalStmt", source: 1, location: { file: 0, row: 1, col: 1 } })).toBe(
      "*ir.ReturnLocalStmt &{Source:Local<1> Location:{File:0 Col:1 Row:1 file: text:}}\n",
    );
  });
});
