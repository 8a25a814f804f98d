import { InputError, type Violation } from "../gatekeeper/index.js";
import type { Assertion } from "./model.js";
import { compileRe2 } from "./re2.js";

/** An assertion that did not hold: the case fails (as opposed to InputError, which makes it an error). */
export class AssertionFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AssertionFailure";
  }
}

/**
 * gator's Assertion.Run: count the violations whose message matches
 * `message` (unanchored, case-sensitive; all of them when absent), then
 * compare with `violations`: `yes` >= 1, `no` 0, an integer exactly.
 * Throws AssertionFailure, or InputError for a malformed assertion.
 */
export function checkAssertion(a: Assertion, violations: readonly Violation[]): void {
  let regex: RegExp | undefined;
  if (a.message !== undefined) {
    try {
      regex = compileRe2(a.message);
    } catch (e) {
      throw new InputError(`invalid regular expression in assertion.message ${JSON.stringify(a.message)}: ${(e as Error).message}`, "gwpc_assertion");
    }
  }
  const messages = violations.map((v) => v.message);
  const matching = regex ? messages.filter((m) => regex.test(m)).length : messages.length;
  const want = a.violations;
  const got = a.message !== undefined ? `got ${matching} violations containing ${JSON.stringify(a.message)}` : `got ${matching} violations`;
  const fail = (expectation: string) => new AssertionFailure(`${got} but want ${expectation}: got messages ${formatMessages(messages)}`);
  if (typeof want === "number") {
    if (!Number.isInteger(want) || want < 0) throw invalid();
    if (matching !== want) throw fail(`exactly ${want}`);
    return;
  }
  if (want === "yes") {
    if (matching === 0) throw fail("at least 1");
    return;
  }
  if (want === "no") {
    if (matching > 0) throw fail("none");
    return;
  }
  throw invalid();
}

function invalid(): InputError {
  return new InputError('assertion.violations, if set, must be a nonnegative integer, "yes", or "no"', "gwpc_assertion");
}

/** Go's `%v` of a []string: `[a b]`; quoted here so messages with spaces stay readable. */
function formatMessages(messages: string[]): string {
  return `[${messages.map((m) => JSON.stringify(m)).join(", ")}]`;
}
