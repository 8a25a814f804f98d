import { InputError } from "../gatekeeper/index.js";
import type { Assertion, Suite, SuiteCase, SuiteTest } from "./model.js";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Read a Suite document into the model. Like gator's JSON decoding, unknown
 * fields are ignored and a field of the wrong type is an error; checks that
 * gator makes when running (empty assertions, missing object) are left to
 * the runner so they fail only their case.
 */
export function parseSuite(value: Obj, file: string, displayPath: string): Suite {
  const meta = isObj(value["metadata"]) ? value["metadata"] : {};
  const tests = list(value["tests"], "tests").map((t, i) => parseTest(t, `tests[${i}]`));
  return { file, path: displayPath, name: str(meta["name"], "metadata.name"), skip: bool(value["skip"], "skip"), tests };
}

function parseTest(v: unknown, at: string): SuiteTest {
  if (!isObj(v)) throw new InputError(`${at}: must be an object`, "gwpc_suite");
  return {
    name: str(v["name"], `${at}.name`),
    template: str(v["template"], `${at}.template`),
    constraint: str(v["constraint"], `${at}.constraint`),
    cases: list(v["cases"], `${at}.cases`).map((c, i) => parseCase(c, `${at}.cases[${i}]`)),
    invalid: bool(v["invalid"], `${at}.invalid`),
    skip: bool(v["skip"], `${at}.skip`),
  };
}

function parseCase(v: unknown, at: string): SuiteCase {
  if (!isObj(v)) throw new InputError(`${at}: must be an object`, "gwpc_suite");
  return {
    name: str(v["name"], `${at}.name`),
    object: str(v["object"], `${at}.object`),
    inventory: list(v["inventory"], `${at}.inventory`).map((p, i) => str(p, `${at}.inventory[${i}]`)),
    assertions: list(v["assertions"], `${at}.assertions`).map((a, i) => parseAssertion(a, `${at}.assertions[${i}]`)),
    skip: bool(v["skip"], `${at}.skip`),
  };
}

function parseAssertion(v: unknown, at: string): Assertion {
  if (!isObj(v)) throw new InputError(`${at}: must be an object`, "gwpc_suite");
  const a: Assertion = { violations: v["violations"] ?? "yes" };
  if (v["message"] !== undefined && v["message"] !== null) a.message = str(v["message"], `${at}.message`);
  return a;
}

function list(v: unknown, at: string): unknown[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new InputError(`${at}: must be a list`, "gwpc_suite");
  return v;
}

function str(v: unknown, at: string): string {
  if (v === undefined || v === null) return "";
  if (typeof v !== "string") throw new InputError(`${at}: must be a string`, "gwpc_suite");
  return v;
}

function bool(v: unknown, at: string): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v !== "boolean") throw new InputError(`${at}: must be true or false`, "gwpc_suite");
  return v;
}
