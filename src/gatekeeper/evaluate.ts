import { actionsAt, type Constraint } from "./constraint.js";
import type { CompiledTemplate } from "./engine.js";
import { ByteWriter, inventoryCache, writeReviewJson } from "./evaluate-json.js";
import { lookupNamespace } from "./inventory.js";
import { matchReview } from "./match.js";
import { buildInput, reviewWithNamespace, type ReviewTarget } from "./review.js";
import type { ActionName, Inventory, K8sObject, RawViolation, Violation } from "./types.js";

export interface ReviewContext {
  inventory: Inventory;
  /** The enforcement point scoped actions are resolved for (gator.gatekeeper.sh, audit.gatekeeper.sh). */
  enforcementPoint: string;
}

/**
 * Review one object against one constraint, as gatekeeper's client does:
 * skip a constraint not enforced at this point, match (a match error is an
 * autoreject violation), evaluate the template, and turn an evaluation
 * error into a violation carrying its text.
 */
export function reviewConstraint(target: ReviewTarget, constraint: Constraint, compiled: CompiledTemplate, ctx: ReviewContext): Violation[] {
  const actions = actionsAt(constraint, ctx.enforcementPoint);
  if (actions.length === 0) return [];
  const memo = reviewFor(target, ctx.inventory);
  const { ns, review } = memo;
  const m = matchReview(constraint.match, target, ns);
  const make = (message: string, extra: Partial<Violation> = {}): Violation => ({
    constraint: { kind: constraint.kind, name: constraint.name },
    enforcementAction: actions[0]!,
    enforcementActions: actions,
    message,
    ...extra,
  });
  if ("error" in m) return [make(m.error, { error: "match" })];
  if (!m.matched) return [];
  const input = buildInput(review, constraint.parameters);
  let raw: RawViolation[];
  current = { input, memo };
  try {
    raw = compiled.evaluate(input, { inventory: ctx.inventory });
  } catch (e) {
    return [make(`evaluation error: ${e instanceof Error ? e.message : String(e)}`, { error: "evaluation" })];
  } finally {
    current = undefined;
  }
  return dedupe(raw).map((r) => {
    if (typeof r.msg !== "string") return make(`violation result without a string msg: ${canonicalJson(r)}`, { error: "evaluation" });
    return r.details === undefined ? make(r.msg) : make(r.msg, { details: r.details });
  });
}

type ReviewMemo = NonNullable<ReviewTarget["withNamespace"]>;

/**
 * The input reviewConstraint is evaluating right now and where it came from,
 * so `inputJsonUtf8` can assemble its JSON from the review's (serialised and
 * encoded once per target and inventory, shared by every constraint
 * reviewing it) and the parameters'. Kept beside the input, not on it:
 * engines see a plain `{review, parameters}`.
 */
let current: { input: object; memo: ReviewMemo } | undefined;
const utf8 = new TextEncoder();
/** Reused for every input: `{"review":<review>` stays while the same target is reviewed. */
const scratch = new ByteWriter();
let scratchMemo: ReviewMemo | undefined;
let scratchReviewEnd = 0;
const PARAMETERS_HEAD = utf8.encode(',"parameters":');

/**
 * `JSON.stringify(input)` (`"null"` when that is undefined) as UTF-8 bytes:
 * a view of a buffer reused by the next call, so copy it before calling
 * again. For an input built by reviewConstraint the review is not
 * serialised again for every constraint: `{review, parameters}` stringifies
 * as `{"review":<review>,"parameters":<parameters>}`, the same bytes. The
 * review must not change while one target is reviewed against one inventory
 * (nothing changes it).
 */
export function inputJsonUtf8(input: unknown): Uint8Array {
  const c = current !== undefined && current.input === input ? current : undefined;
  // Still exactly {review, parameters} with the review reviewConstraint put there.
  if (c !== undefined && (input as { review?: unknown }).review === c.memo.review && Object.keys(input as object).length === 2) {
    const params = parametersJson(c.memo.inventory, (input as { parameters?: unknown }).parameters);
    if (params !== undefined) {
      if (scratchMemo !== c.memo) {
        scratchMemo = undefined;
        scratch.len = 0;
        scratch.text('{"review":');
        writeReviewJson(scratch, c.memo.review, c.memo.inventory);
        scratchReviewEnd = scratch.len;
        scratchMemo = c.memo;
      }
      scratch.len = scratchReviewEnd;
      scratch.bytes(PARAMETERS_HEAD);
      scratch.text(params);
      scratch.byte(0x7d); // }
      return scratch.view();
    }
  }
  scratchMemo = undefined;
  scratch.len = 0;
  scratch.text(JSON.stringify(input) ?? "null");
  return scratch.view();
}

/**
 * Each constraint's parameters as JSON, built once per inventory (one audit,
 * one suite case). Like the objects, parameters must not change while an
 * inventory is in use.
 */
function parametersJson(inventory: Inventory, parameters: unknown): string | undefined {
  if (typeof parameters !== "object" || parameters === null) return JSON.stringify(parameters);
  const cache = inventoryCache(inventory).parameters;
  if (cache.has(parameters)) return cache.get(parameters);
  const t = JSON.stringify(parameters);
  cache.set(parameters, t);
  return t;
}

/** `inputJsonUtf8` as text. */
export function inputJson(input: unknown): string {
  return new TextDecoder().decode(inputJsonUtf8(input));
}

/** The Namespace and `input.review` of a target, built once per inventory and shared by every constraint. */
function reviewFor(target: ReviewTarget, inventory: Inventory): ReviewMemo {
  let r: ReviewMemo | undefined = target.withNamespace;
  if (!r || r.inventory !== inventory) {
    const ns = lookupNamespace(inventory, target.namespace);
    r = { inventory, ns, review: reviewWithNamespace(target, ns) };
    target.withNamespace = r;
  }
  return r;
}

/** `violation` is a set: equal results count once. */
function dedupe(raw: RawViolation[]): RawViolation[] {
  if (raw.length < 2) return raw;
  const seen = new Set<string>();
  return raw.filter((r) => {
    const k = canonicalJson(r);
    return seen.has(k) ? false : (seen.add(k), true);
  });
}

/** JSON with object keys sorted, so equal values have equal text. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(",")}]`;
  if (typeof v === "object" && v !== null) {
    const o = v as K8sObject;
    return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(",")}}`;
  }
  return JSON.stringify(v) ?? "null";
}

/** The strongest of several actions: deny > warn > dryrun. */
export function strongestAction(actions: ActionName[]): ActionName | undefined {
  for (const a of ["deny", "warn", "dryrun"] as const) if (actions.includes(a)) return a;
  return undefined;
}
