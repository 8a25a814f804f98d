/**
 * gatekeeper's util.Wildcard: `x*` prefix, `*x` suffix, `*x*` infix (so `*`
 * alone matches everything); any other string must match exactly.
 */
export function wildcardMatches(pattern: string, candidate: string): boolean {
  const pre = pattern.startsWith("*");
  const suf = pattern.endsWith("*");
  if (pre && suf) return candidate.includes(pattern.slice(1, Math.max(1, pattern.length - 1)));
  if (pre) return candidate.endsWith(pattern.slice(1));
  if (suf) return candidate.startsWith(pattern.slice(0, -1));
  return pattern === candidate;
}
