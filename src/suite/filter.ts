import { InputError } from "../gatekeeper/index.js";
import type { SuiteTest } from "./model.js";
import { compileRe2 } from "./re2.js";

/** `--run`: which tests and cases to run (gator's verify.Filter). */
export interface Filter {
  matchesTest(t: SuiteTest): boolean;
  matchesCase(testName: string, caseName: string): boolean;
}

/**
 * `""` runs everything. `re` runs a case when the regex (unanchored) matches
 * its name or its test's name. `testRe//caseRe` runs cases matching caseRe in
 * tests matching testRe. More than one `//` is an error.
 */
export function parseFilter(run: string | undefined): Filter {
  if (!run) return { matchesTest: () => true, matchesCase: () => true };
  const parts = run.split("//");
  if (parts.length > 2) throw new InputError('invalid --run filter: a filter may include at most one "//"', "gwpc_filter");
  if (parts.length === 1) {
    const re = compile(parts[0]!);
    const matchesCase = (t: string, c: string) => re.test(c) || re.test(t);
    return { matchesCase, matchesTest: (t) => re.test(t.name) || t.cases.some((c) => matchesCase(t.name, c.name)) };
  }
  const testRe = compile(parts[0]!);
  const caseRe = compile(parts[1]!);
  return { matchesTest: (t) => testRe.test(t.name), matchesCase: (t, c) => caseRe.test(c) && testRe.test(t) };
}

function compile(src: string): RegExp {
  try {
    return compileRe2(src);
  } catch (e) {
    throw new InputError(`invalid --run filter ${JSON.stringify(src)}: ${(e as Error).message}`, "gwpc_filter");
  }
}
