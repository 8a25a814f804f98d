/**
 * A compact rendering of AST nodes for table tests: calls as
 * `(plus x 1)`, refs as `input.a[x]`, strings quoted, numbers as written.
 */
import type { Body, Expr, Rule, RuleHead, Term } from "../../../src/rego/syntax/index.js";
import { callName } from "../../../src/rego/syntax/index.js";

export function sx(t: Term): string {
  switch (t.type) {
    case "null":
      return "null";
    case "boolean":
      return String(t.value);
    case "number":
      return t.value;
    case "string":
      return JSON.stringify(t.value);
    case "var":
      return t.name;
    case "ref":
      return `${t.head.type === "var" ? t.head.name : `{${sx(t.head)}}`}${t.path
        .map((p) => (p.type === "string" && /^[a-z_]\w*$/i.test(p.value) ? `.${p.value}` : `[${sx(p)}]`))
        .join("")}${t.path.length === 0 ? "!" : ""}`;
    case "call":
      return `(${callName(t.fn) ?? sx(t.fn)}${t.args.map((a) => " " + sx(a)).join("")})`;
    case "array":
      return `[${t.items.map(sx).join(" ")}]`;
    case "set":
      return `#{${t.items.map(sx).join(" ")}}`;
    case "object":
      return `{${t.entries.map(([k, v]) => `${sx(k)}: ${sx(v)}`).join(", ")}}`;
    case "arraycompr":
      return `[${sx(t.term)} | ${sxBody(t.body)}]`;
    case "setcompr":
      return `#{${sx(t.term)} | ${sxBody(t.body)}}`;
    case "objectcompr":
      return `{${sx(t.key)}: ${sx(t.value)} | ${sxBody(t.body)}}`;
  }
}

export function sxExpr(e: Expr): string {
  let s: string;
  switch (e.kind) {
    case "term":
      s = sx(e.term);
      break;
    case "unify":
      s = `(= ${sx(e.lhs)} ${sx(e.rhs)})`;
      break;
    case "assign":
      s = `(:= ${sx(e.lhs)} ${sx(e.rhs)})`;
      break;
    case "some":
      s = `(some ${e.vars.map(sx).join(" ")})`;
      break;
    case "somein":
      s = `(some-in ${e.key ? sx(e.key) + " " : ""}${sx(e.value)} ${sx(e.domain)})`;
      break;
    case "every":
      s = `(every ${e.key ? sx(e.key) + " " : ""}${sx(e.value)} ${sx(e.domain)} {${sxBody(e.body)}})`;
      break;
  }
  if (e.negated) s = `(not ${s})`;
  for (const w of e.with) s += ` with ${sx(w.target)} as ${sx(w.value)}`;
  return s;
}

export function sxBody(b: Body): string {
  return b.map(sxExpr).join("; ");
}

function sxHead(h: RuleHead): string {
  const ref = sx({ type: "ref", head: h.ref.head, path: h.ref.path, loc: h.loc }).replace(/!$/, "");
  switch (h.kind) {
    case "multi":
      return `multi ${ref} contains ${sx(h.key)}`;
    case "single":
      return `single ${ref}${h.value ? ` ${h.assign ? ":=" : "="} ${sx(h.value)}` : ""}`;
    case "function":
      return `function ${ref}(${h.args.map(sx).join(", ")})${h.value ? ` ${h.assign ? ":=" : "="} ${sx(h.value)}` : ""}`;
  }
}

export function sxRule(r: Rule): string {
  let s = (r.default ? "default " : "") + sxHead(r.head);
  if (r.body.length > 0) s += ` { ${sxBody(r.body)} }`;
  for (const e of r.else) s += ` else${e.value ? ` ${e.assign ? ":=" : "="} ${sx(e.value)}` : ""}${e.body.length ? ` { ${sxBody(e.body)} }` : ""}`;
  return s;
}
