import type { GatewayPolicy } from "./model.js";

/** One line of what a valid policy contains, for `gwpc validate`. */
export function describePolicy(p: GatewayPolicy): string {
  const s = p.spec;
  const parts: string[] = [];
  let rules = 0;
  if (s.gatewayClasses) {
    rules += s.gatewayClasses.rules.length;
    parts.push(`gatewayClasses ${plural(s.gatewayClasses.rules.length, "rule")}`);
  }
  if (s.routeBinding) parts.push("routeBinding");
  if (s.referenceGrants) {
    rules += s.referenceGrants.rules.length;
    parts.push(`referenceGrants ${plural(s.referenceGrants.rules.length, "rule")}`);
  }
  if (s.personas) parts.push(`personas ${s.personas.model}`);
  const sections = parts.length === 0 ? "no sections: generates nothing" : parts.join(", ");
  return `${plural(rules, "rule")}; ${sections}; enforcementAction ${s.enforcementAction}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
