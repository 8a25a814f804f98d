/**
 * fast-check arbitraries for ASTs the parser can produce (v1 syntax), for
 * the print/parse round-trip property. Locations are dummies: comparisons
 * strip them.
 */
import fc from "fast-check";
import type { Body, ElseClause, Expr, Import, Module, RefTerm, Rule, RuleHead, RuleRef, Term, VarTerm } from "../../../src/rego/syntax/index.js";

const loc = { start: 0, end: 0 };
const NAMES = ["x", "y", "z", "_", "foo", "bar_1", "Q", "every_x", "ins"];
const FUNCS = ["count", "object.get", "f", "data.lib.g", "strings.any_prefix_match"];
const OPS = ["plus", "minus", "mul", "div", "rem", "and", "or", "equal", "neq", "lt", "lte", "gt", "gte"];

const v = (name: string): VarTerm => ({ type: "var", name, loc });
const str = (value: string): Term => ({ type: "string", value, loc });
function ref(name: string, path: Term[] = []): RefTerm {
  const [head, ...rest] = name.split(".");
  return { type: "ref", head: v(head!), path: [...rest.map(str), ...path], loc };
}

export const varArb: fc.Arbitrary<VarTerm> = fc.constantFrom(...NAMES).map(v);

const numberArb = fc
  .oneof(
    fc.bigInt({ min: -(10n ** 25n), max: 10n ** 25n }).map(String),
    fc.constantFrom("0", "1.5", "-0.25", "1e3", "2.5E-7", "1152921504606846976000", ".5", "-.5", "0.0"),
  )
  .map((value): Term => ({ type: "number", value, loc }));

const stringArb = fc
  .oneof(fc.string({ unit: "grapheme", maxLength: 6 }), fc.string({ unit: "binary-ascii", maxLength: 6 }), fc.constantFrom("a", "in", "x-y", "if"))
  .map(str);

const scalarArb: fc.Arbitrary<Term> = fc.oneof(
  fc.constant<Term>({ type: "null", loc }),
  fc.boolean().map((value): Term => ({ type: "boolean", value, loc })),
  numberArb,
  stringArb,
);

const rootArb: fc.Arbitrary<Term> = fc.constantFrom("input", "data").map((n) => ref(n));

export function termArbs(depth: number) {
  return fc.letrec<{ term: Term; body: Body; expr: Expr }>((tie) => {
    const term = tie("term") as fc.Arbitrary<Term>;
    const body = tie("body") as fc.Arbitrary<Body>;
    const small = fc.array(term, { maxLength: 3 });
    const refPart = fc.oneof(stringArb, varArb, numberArb, term);
    const callArb = fc.tuple(fc.constantFrom(...FUNCS), small).map(([name, args]): Term => ({ type: "call", fn: ref(name), args, loc }));
    return {
      term: fc.oneof(
        { depthSize: "small", maxDepth: depth },
        scalarArb,
        varArb,
        rootArb,
        fc.tuple(fc.oneof(varArb, rootArb), fc.array(refPart, { minLength: 1, maxLength: 3 })).map(([h, path]): Term =>
          h.type === "ref" ? { ...h, path } : { type: "ref", head: h, path, loc },
        ),
        fc.tuple(fc.oneof(small.map((items): Term => ({ type: "array", items, loc })), callArb), fc.array(refPart, { minLength: 1, maxLength: 2 })).map(
          ([head, path]): Term => ({ type: "ref", head, path, loc }),
        ),
        callArb,
        fc.tuple(fc.constantFrom(...OPS), term, term).map(([name, a, b]): Term => ({ type: "call", fn: ref(name), args: [a, b], loc })),
        fc.tuple(term, term).map(([a, b]): Term => ({ type: "call", fn: ref("internal.member_2"), args: [a, b], loc })),
        fc.tuple(term, term, term).map(([a, b, c]): Term => ({ type: "call", fn: ref("internal.member_3"), args: [a, b, c], loc })),
        small.map((items): Term => ({ type: "array", items, loc })),
        small.map((items): Term => ({ type: "set", items, loc })),
        fc.array(fc.tuple(term, term), { maxLength: 3 }).map((entries): Term => ({ type: "object", entries, loc })),
        fc.tuple(term, body).map(([t, b]): Term => ({ type: "arraycompr", term: t, body: b, loc })),
        fc.tuple(term, body).map(([t, b]): Term => ({ type: "setcompr", term: t, body: b, loc })),
        fc.tuple(term, term, body).map(([k, val, b]): Term => ({ type: "objectcompr", key: k, value: val, body: b, loc })),
      ),
      body: fc.array(tie("expr") as fc.Arbitrary<Expr>, { minLength: 1, maxLength: 3 }),
      expr: fc
        .tuple(
          fc.oneof(
            { depthSize: "small", maxDepth: depth },
            term.map((t): Expr => ({ kind: "term", term: t, negated: false, with: [], loc })),
            fc.tuple(fc.constantFrom("unify" as const, "assign" as const), term, term).map(([kind, lhs, rhs]): Expr => ({ kind, lhs, rhs, negated: false, with: [], loc })),
            fc.array(varArb, { minLength: 1, maxLength: 3 }).map((vars): Expr => ({ kind: "some", vars, negated: false, with: [], loc })),
            fc.tuple(fc.option(term, { nil: undefined }), term, term).map(([key, value, domain]): Expr => {
              const e: Expr = { kind: "somein", value, domain, negated: false, with: [], loc };
              if (key) e.key = key;
              return e;
            }),
            fc.tuple(fc.option(varArb, { nil: undefined }), varArb, term, body).map(([key, value, domain, b]): Expr => {
              const e: Expr = { kind: "every", value, domain, body: b, negated: false, with: [], loc };
              if (key) e.key = key;
              return e;
            }),
          ),
          fc.boolean(),
          fc.array(
            fc.record({ target: fc.oneof(varArb, rootArb, fc.constant(ref("data.x", [str("y")]))), value: term, loc: fc.constant(loc) }),
            { maxLength: 2 },
          ),
        )
        .map(([e, negated, withs]): Expr => {
          const canNegate = e.kind === "term" || e.kind === "unify" || e.kind === "assign";
          // OPA takes no `with` after a plain `some x` declaration.
          return { ...e, negated: negated && canNegate, with: e.kind === "some" ? [] : withs };
        }),
    };
  });
}

function isGround(t: Term): boolean {
  return !JSON.stringify(t).includes('"type":"var"') && !/compr"/.test(JSON.stringify(t));
}

export function moduleArb(depth = 2): fc.Arbitrary<Module> {
  const { term, body } = termArbs(depth);
  const nameArb = fc.constantFrom("p", "q", "r_1", "allow", "violation");
  const ruleRefArb = fc.tuple(nameArb, fc.array(fc.oneof(stringArb, varArb, numberArb), { maxLength: 2 })).map(([n, path]): RuleRef => ({ head: v(n), path }));
  const optBody = fc.oneof(fc.constant<Body>([]), body);
  const constant = fc.oneof(scalarArb, fc.array(scalarArb, { maxLength: 2 }).map((items): Term => ({ type: "array", items, loc })));
  const elseArb = fc
    .tuple(fc.option(term, { nil: undefined }), fc.boolean(), optBody)
    .filter(([value, , b]) => value !== undefined || b.length > 0)
    .map(([value, assign, b]): ElseClause => {
      const e: ElseClause = { assign: value !== undefined && assign, body: b, loc };
      if (value) e.value = value;
      return e;
    });

  const single = fc
    .tuple(ruleRefArb, fc.option(term, { nil: undefined }), fc.boolean(), optBody, fc.array(elseArb, { maxLength: 2 }))
    .filter(([, value, , b]) => value !== undefined || b.length > 0)
    .map(([r, value, assign, b, elses]): Rule => {
      const head: RuleHead = { kind: "single", ref: r, assign: value !== undefined && assign, loc };
      if (value) head.value = value;
      const groundRef = r.path.every(isGround);
      return { default: false, head, body: b, else: groundRef ? elses : [], loc };
    });
  const multi = fc.tuple(ruleRefArb, term, optBody).map(([r, key, b]): Rule => ({ default: false, head: { kind: "multi", ref: r, key, loc }, body: b, else: [], loc }));
  const fn = fc
    .tuple(ruleRefArb.map((r) => ({ ...r, path: r.path.filter((t) => t.type === "string") })), fc.array(term, { maxLength: 3 }), fc.option(term, { nil: undefined }), fc.boolean(), optBody, fc.array(elseArb, { maxLength: 1 }))
    .filter(([, , value, , b]) => value !== undefined || b.length > 0)
    .map(([r, args, value, assign, b, elses]): Rule => {
      const head: RuleHead = { kind: "function", ref: r, args, assign: value !== undefined && assign, loc };
      if (value) head.value = value;
      return { default: false, head, body: b, else: elses, loc };
    });
  const dflt = fc.tuple(nameArb, constant, fc.boolean()).map(([n, value, assign]): Rule => ({
    default: true,
    head: { kind: "single", ref: { head: v(n), path: [] }, value, assign, loc },
    body: [],
    else: [],
    loc,
  }));
  const importArb = fc.oneof(
    fc.tuple(fc.constantFrom("data", "input"), fc.array(fc.oneof(fc.constantFrom("a", "lib", "if"), fc.string({ maxLength: 4 })), { maxLength: 2 }), fc.option(fc.constantFrom("al", "b2"), { nil: undefined })).map(
      ([root, path, alias]): Import => (alias ? { path: [root, ...path], alias, loc } : { path: [root, ...path], loc }),
    ),
    fc.constant<Import>({ path: ["rego", "v1"], loc }),
    fc.constant<Import>({ path: ["future", "keywords", "in"], loc }),
  );
  return fc
    .tuple(fc.array(fc.oneof(fc.constantFrom("a", "test"), fc.string({ maxLength: 4 })), { maxLength: 2 }), fc.array(importArb, { maxLength: 2 }), fc.array(fc.oneof(single, multi, fn, dflt), { maxLength: 4 }))
    .map(([pkgPath, imports, rules]): Module => ({
      file: "gen.rego",
      package: { path: ["pkg", ...pkgPath], loc },
      imports,
      rules,
      regoVersion: "v1",
      loc,
    }));
}
