import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import * as fs from "node:fs";
import { error, type Diagnostic } from "../diag/index.js";
import { packageFile } from "../package-root.js";
import { FORMATS, unsupportedGlobChar } from "./formats.js";
import { fromJsonPointer, renderPath, type Locator } from "./locate.js";

/** The shipped schema's path inside the package. */
export const SCHEMA_FILE = "schema/policy.schema.json";

let compiled: ValidateFunction | undefined;

/**
 * The schema avoids anyOf/oneOf/if so every error is about one value; should
 * one be added, its summary error is dropped whenever a branch says more.
 */
const COMBINATORS = new Set(["anyOf", "oneOf", "if", "not", "allOf"]);

/** The schema, compiled once per process (it ships as JSON so editors can use it too). */
function validator(): ValidateFunction {
  if (compiled) return compiled;
  const schema = JSON.parse(fs.readFileSync(packageFile(SCHEMA_FILE), "utf8")) as object;
  // verbose: errors carry the failing data and parent schema, which the messages below need.
  const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true });
  for (const [name, f] of Object.entries(FORMATS)) ajv.addFormat(name, { type: "string", validate: f.validate });
  return (compiled = ajv.compile(schema));
}

/** JSON Schema errors of the policy data, each at its YAML place with a message saying what was expected. */
export function checkSchema(data: unknown, locate: Locator): Diagnostic[] {
  const validate = validator();
  if (validate(data)) return [];
  const errors = validate.errors ?? [];
  // A wrong type makes every other complaint about the same value noise.
  const typeErrorAt = new Set(errors.filter((e) => e.keyword === "type").map((e) => e.instancePath));
  const out: Diagnostic[] = [];
  for (const e of errors) {
    if (e.keyword !== "type" && typeErrorAt.has(e.instancePath) && e.propertyName === undefined) continue;
    // Combinator summaries ("must match a schema in anyOf") add nothing to the branch errors under them.
    if (COMBINATORS.has(e.keyword) && errors.some((o) => o !== e && !COMBINATORS.has(o.keyword) && o.instancePath.startsWith(e.instancePath))) continue;
    out.push(...describeError(e, data, locate));
  }
  return out;
}

function describeError(e: ErrorObject, data: unknown, locate: Locator): Diagnostic[] {
  const path = fromJsonPointer(e.instancePath, data);
  const here = (message: string, p: (string | number)[] = path, atKey = false) =>
    error("gwpc_schema", message, locate.span(p, { atKey }), renderPath(p) || undefined);
  const params = e.params as Record<string, unknown>;

  switch (e.keyword) {
    case "additionalProperties": {
      const key = String(params.additionalProperty);
      const props = (e.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties ?? {};
      const allowed = Object.keys(props);
      const guess = closest(key, allowed);
      const hint = guess ? `; did you mean "${guess}"?` : "";
      return [here(`unknown key "${key}" (allowed: ${allowed.join(", ")})${hint}`, [...path, key], true)];
    }
    case "required":
      return [here(`missing required key "${String(params.missingProperty)}"`)];
    case "type":
      return [here(`expected ${typeName(String(params.type))}, got ${describe(e.data)}${typeHint(String(params.type), e.data)}`)];
    case "enum": {
      const allowed = (params.allowedValues as unknown[]).map(String).join(", ");
      return [here(`expected one of ${allowed}, got ${describe(e.data)}`)];
    }
    case "const":
      return [here(`expected ${JSON.stringify(params.allowedValue)}, got ${describe(e.data)}`)];
    case "format":
      return [formatError(e, path, here)];
    case "propertyNames":
      return []; // the failing key's own error (above, with propertyName) says it better
    case "uniqueItems":
      return duplicates(e.data).map(([i, j]) => here(`duplicate item ${describe((e.data as unknown[])[i])} (same as item ${j})`, [...path, i]));
    case "minItems": {
      const n = Number(params.limit);
      return [here(`expected at least ${n} item${n === 1 ? "" : "s"}, got ${describe(e.data)}`)];
    }
    case "minProperties":
      return [
        path[path.length - 1] === "matchLabels"
          ? here("expected at least one label: an empty selector would match every namespace")
          : here(`expected at least ${String(params.limit)} key(s), got an empty mapping`),
      ];
    default:
      return [here(`${e.message ?? "invalid value"} (${e.keyword})`)];
  }
}

function formatError(
  e: ErrorObject,
  path: (string | number)[],
  here: (message: string, p?: (string | number)[], atKey?: boolean) => Diagnostic,
): Diagnostic {
  const name = String((e.params as { format?: unknown }).format);
  const expected = FORMATS[name]?.expected ?? name;
  // propertyNames failures: the data is the key itself; point at the key.
  const key = e.propertyName;
  const value = String(key ?? e.data);
  const p = key === undefined ? path : [...path, key];
  const glob = name.endsWith("-glob") || name === "gwpc-exempt-namespace" ? unsupportedGlobChar(value) : undefined;
  if (glob) return here(`unsupported glob syntax "${glob}" in ${JSON.stringify(value)}: '*' is the only wildcard`, p, key !== undefined);
  const got = key === undefined ? JSON.stringify(value) : `the key ${JSON.stringify(value)}`;
  return here(`expected ${expected}, got ${got}`, p, key !== undefined);
}

/** [later, earlier] index pairs of repeated items. */
function duplicates(data: unknown): [number, number][] {
  if (!Array.isArray(data)) return [];
  const first = new Map<string, number>();
  const out: [number, number][] = [];
  data.forEach((item, i) => {
    const k = JSON.stringify(item);
    const j = first.get(k);
    if (j === undefined) first.set(k, i);
    else out.push([i, j]);
  });
  return out;
}

function typeName(t: string): string {
  switch (t) {
    case "object":
      return "a mapping";
    case "array":
      return "a list";
    case "string":
      return "a string";
    case "boolean":
      return "true or false";
    case "integer":
      return "an integer";
    case "number":
      return "a number";
    default:
      return t;
  }
}

/** The value as the user wrote it, briefly. */
export function describe(v: unknown): string {
  if (v === null || v === undefined) return "an empty value (null)";
  if (typeof v === "string") return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v);
  if (typeof v === "number") return `the number ${v}`;
  if (typeof v === "boolean") return `the boolean ${v}`;
  if (Array.isArray(v)) return v.length === 0 ? "an empty list" : `a list of ${v.length}`;
  if (v instanceof Uint8Array) return "binary data";
  return Object.keys(v).length === 0 ? "an empty mapping" : "a mapping";
}

/** YAML's implicit typing is the usual cause: `namespaces: [123]`, `gatewayClasses:` with nothing after it. */
function typeHint(expected: string, v: unknown): string {
  if (expected === "string" && (typeof v === "number" || typeof v === "boolean")) return ` (quote it: "${String(v)}")`;
  if (expected === "object" && (v === null || v === undefined)) return " (write {} for an empty mapping)";
  if (expected === "array" && (v === null || v === undefined)) return " (write [] for an empty list)";
  if (expected === "array" && typeof v === "string") return ` (write [${JSON.stringify(v)}] for a list of one)`;
  return "";
}

/** The allowed key nearest to a misspelt one (edit distance <= 2, or differing only in case). */
function closest(key: string, allowed: string[]): string | undefined {
  let best: string | undefined;
  let bestD = 3;
  for (const a of allowed) {
    const d = a.toLowerCase() === key.toLowerCase() ? 0 : editDistance(key, a);
    if (d < bestD) [best, bestD] = [a, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}
