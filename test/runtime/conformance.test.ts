// OPA's conformance cases that are a single native-builtin call on literal
// arguments, run directly against the runtime's builtin exports. The corpus
// lives in ../shared (absent in some checkouts: then one test says so).
// Known differences are data: conformance-exceptions.json (note -> reason).

import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { callRego, loadRuntime, RuntimeAbort, splitArgs } from "./harness.js";

const corpus = fileURLToPath(new URL("../../../shared/conformance/opa/v1", import.meta.url));
const exceptions: Record<string, string> = JSON.parse(
  readFileSync(new URL("./conformance-exceptions.json", import.meta.url), "utf8"),
);
const natives = new Set<string>(
  (JSON.parse(readFileSync(new URL("../../runtime/build/builtins.json", import.meta.url), "utf8")) as { name: string }[]).map(
    (b) => b.name,
  ),
);

interface Extracted {
  note: string;
  name: string;
  args: string[];
  shape: "value" | "set";
  want: { undefined: true } | { value: unknown };
}

function extract(c: any): Extracted | null {
  if (!Array.isArray(c.modules) || c.modules.length !== 1 || c.query !== "data.generated.p = x" && c.query !== "data.test.p = x") return null;
  if (c.input !== undefined) return null;
  const data = c.data ?? {};
  const body = (c.modules[0] as string)
    .split("\n")
    .slice(1)
    .join("\n")
    .trim()
    // the generated "p := __local0__ if { f(args, __local1__); __local0__ = __local1__ }" form
    .replace(/^p := __local0__ if \{\n\t(.*), __local1__\)\n\t__local0__ = __local1__\n\}$/s, "p := x if {\n\t$1, x)\n}");
  let m = /^p := ([a-z_.0-9]+)\((.*)\)$/s.exec(body);
  let shape: "value" | "set" = "value";
  let name: string, argText: string;
  if (m) {
    [, name, argText] = m;
  } else {
    m = /^p (:=|=|contains) x if \{\n\t(.*)\n\}$/s.exec(body);
    if (!m || m[2].includes("\n")) return null;
    shape = m[1] === "contains" ? "set" : "value";
    const stmt = m[2];
    let call = /^x :?= ([a-z_.0-9]+)\((.*)\)$/s.exec(stmt);
    if (call) {
      [, name, argText] = call;
    } else {
      call = /^([a-z_.0-9]+)\((.*), x\)$/s.exec(stmt);
      if (!call) return null;
      [, name, argText] = call;
    }
  }
  if (!natives.has(name)) return null;
  let want: Extracted["want"];
  if (c.want_error !== undefined || c.want_error_code !== undefined || c.strict_error) want = { undefined: true };
  else if (Array.isArray(c.want_result) && c.want_result.length === 0) want = { undefined: true };
  else if (Array.isArray(c.want_result) && c.want_result.length === 1 && "x" in c.want_result[0]) {
    const x = c.want_result[0].x;
    if (shape === "set") want = Array.isArray(x) && x.length === 0 ? { undefined: true } : { value: x[0] };
    else want = { value: x };
  } else return null;
  // data.<key> arguments become their JSON (a Rego literal)
  const args: string[] = [];
  for (const a of splitArgs(argText)) {
    const ref = /^data\.([a-z_]+)$/.exec(a);
    if (ref) {
      if (!(ref[1] in data)) return null;
      args.push(JSON.stringify(data[ref[1]]));
    } else if (/\bdata\.|\binput\b|__local/.test(a)) return null;
    else args.push(a);
  }
  return { note: c.note, name, args, shape, want };
}

function collect(): Extracted[] {
  const out: Extracted[] = [];
  for (const dir of readdirSync(corpus).sort()) {
    const full = join(corpus, dir);
    if (!statSync(full).isDirectory()) continue;
    for (const f of readdirSync(full).sort()) {
      if (!f.endsWith(".yaml")) continue;
      const doc = parseYaml(readFileSync(join(full, f), "utf8"));
      for (const c of doc?.cases ?? []) {
        const e = extract(c);
        if (e) out.push(e);
      }
    }
  }
  return out;
}

const canon = (v: unknown): string =>
  JSON.stringify(v, (_k, x) =>
    x && typeof x === "object" && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort()) : x,
  );

if (!existsSync(corpus)) {
  describe("OPA conformance (single builtin calls)", () => {
    it("skips: ../shared/conformance is not present in this checkout", () => {
      expect(existsSync(corpus)).toBe(false);
    });
  });
} else {
  const cases = collect();
  describe("OPA conformance (single builtin calls)", () => {
    it("finds cases in the corpus", () => {
      expect(cases.length).toBeGreaterThan(50);
    });
    it.each(cases.map((c) => [c.note, c] as const))("%s", (_note, c) => {
      const rt = loadRuntime();
      let got: string | undefined;
      let aborted: string | undefined;
      try {
        got = callRego(rt, c.name, ...c.args);
      } catch (e) {
        if (!(e instanceof RuntimeAbort)) throw e;
        aborted = (e as Error).message;
      }
      const reason = exceptions[c.note];
      const ok = (() => {
        if ("undefined" in c.want) return got === undefined;
        if (got === undefined) return false;
        const value = JSON.parse(got);
        if (canon(value) === canon(c.want.value)) return true;
        // sets dump as sorted arrays; the corpus may list elements in another order
        return Array.isArray(value) && Array.isArray(c.want.value) &&
          canon([...value].map(canon).sort()) === canon([...c.want.value].map(canon).sort());
      })();
      if (reason) {
        expect(ok, `listed in conformance-exceptions.json (${reason}) but passes: remove it`).toBe(false);
        return;
      }
      expect({ call: `${c.name}(${c.args.join(", ")})`, got, aborted }).toEqual({
        call: `${c.name}(${c.args.join(", ")})`,
        got: "undefined" in c.want ? undefined : expect.anything(),
        aborted: undefined,
      });
      expect(ok, `${c.name}(${c.args.join(", ")}) = ${got}, want ${JSON.stringify(c.want)}`).toBe(true);
    });
  });
}
