import { isObject } from "./objects.js";

/** A metav1.LabelSelector: `matchLabels` and `matchExpressions` ANDed; an empty selector matches everything. */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

export interface LabelSelectorRequirement {
  key: string;
  operator: "In" | "NotIn" | "Exists" | "DoesNotExist";
  values?: string[];
}

const OPERATORS = new Set(["In", "NotIn", "Exists", "DoesNotExist"]);

/**
 * Validate and normalise a selector as metav1.LabelSelectorAsSelector does;
 * returns the problems found (empty when valid) with their path below `at`.
 */
export function parseLabelSelector(v: unknown, at: string): { selector?: LabelSelector; problems: string[] } {
  const problems: string[] = [];
  if (!isObject(v)) return { problems: [`${at}: must be an object with matchLabels and/or matchExpressions`] };
  const selector: LabelSelector = {};
  const ml = v["matchLabels"];
  if (ml !== undefined && ml !== null) {
    if (!isObject(ml)) problems.push(`${at}.matchLabels: must be a map of strings`);
    else {
      selector.matchLabels = {};
      for (const [k, val] of Object.entries(ml)) {
        if (typeof val !== "string") problems.push(`${at}.matchLabels.${k}: must be a string`);
        else selector.matchLabels[k] = val;
      }
    }
  }
  const me = v["matchExpressions"];
  if (me !== undefined && me !== null) {
    if (!Array.isArray(me)) problems.push(`${at}.matchExpressions: must be a list`);
    else {
      selector.matchExpressions = [];
      me.forEach((r: unknown, i) => {
        const p = `${at}.matchExpressions[${i}]`;
        if (!isObject(r)) return void problems.push(`${p}: must be an object`);
        const key = r["key"];
        const op = r["operator"];
        const values = r["values"] ?? [];
        if (typeof key !== "string" || key === "") return void problems.push(`${p}.key: must be a non-empty string`);
        if (typeof op !== "string" || !OPERATORS.has(op)) {
          return void problems.push(`${p}.operator: "${String(op)}" is not a valid label selector operator (In, NotIn, Exists, DoesNotExist)`);
        }
        if (!Array.isArray(values) || values.some((x) => typeof x !== "string")) return void problems.push(`${p}.values: must be a list of strings`);
        if ((op === "In" || op === "NotIn") && values.length === 0) return void problems.push(`${p}.values: for 'in', 'notin' operators, values set can't be empty`);
        if ((op === "Exists" || op === "DoesNotExist") && values.length > 0) return void problems.push(`${p}.values: values set must be empty for exists and does not exist`);
        selector.matchExpressions!.push({ key, operator: op as LabelSelectorRequirement["operator"], values: values as string[] });
      });
    }
  }
  return problems.length ? { problems } : { selector, problems };
}

/** k8s labels.Selector semantics: NotIn and DoesNotExist match when the label is absent. */
export function selectorMatches(sel: LabelSelector, labels: Readonly<Record<string, unknown>>): boolean {
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) {
    if (!Object.hasOwn(labels, k) || labels[k] !== v) return false;
  }
  for (const r of sel.matchExpressions ?? []) {
    const has = Object.hasOwn(labels, r.key);
    switch (r.operator) {
      case "In":
        if (!has || !r.values!.includes(labels[r.key] as string)) return false;
        break;
      case "NotIn":
        if (has && r.values!.includes(labels[r.key] as string)) return false;
        break;
      case "Exists":
        if (!has) return false;
        break;
      case "DoesNotExist":
        if (has) return false;
        break;
    }
  }
  return true;
}
