/**
 * The string formats of the policy file, registered with ajv by name
 * (`"format": "gwpc-namespace-glob"` in schema/policy.schema.json). Each has
 * a predicate and a sentence saying what was expected, so a schema error
 * reads as advice rather than as "must match format".
 *
 * Globs: `*` is the only wildcard (it matches any run of characters, as
 * Rego's `glob.match(pattern, [], value)` does with no delimiters). Other
 * glob syntax (`? [ ] { } \`) is refused by name, because glob.match would
 * silently give it a meaning the user may not intend.
 */

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
/** Kubernetes Kind as Gateway API's `Kind` type spells it. */
const KIND = /^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$/;
const GLOB_SPECIALS = /[?[\]{}\\]/;

export function isDnsLabel(s: string): boolean {
  return s.length <= 63 && DNS_LABEL.test(s);
}

export function isDnsSubdomain(s: string): boolean {
  return s.length <= 253 && DNS_SUBDOMAIN.test(s);
}

/** `[prefix/]name`: prefix a DNS subdomain (<= 253), name <= 63 chars. */
export function isLabelKey(s: string): boolean {
  const slash = s.indexOf("/");
  const name = slash < 0 ? s : s.slice(slash + 1);
  if (slash >= 0 && !isDnsSubdomain(s.slice(0, slash))) return false;
  return name.length <= 63 && LABEL_NAME.test(name);
}

/** Empty, or <= 63 chars of alphanumerics, `-`, `_`, `.`, alphanumeric at both ends. */
export function isLabelValue(s: string): boolean {
  return s === "" || (s.length <= 63 && LABEL_NAME.test(s));
}

/**
 * A glob over names of the given shape: replacing each `*` by a letter must
 * leave a valid name, so `team-*-ingress`, `*` and `*-prod` pass and `Team-*`
 * or `team_*` do not.
 */
function isGlobOf(s: string, isName: (name: string) => boolean): boolean {
  if (s.length === 0 || GLOB_SPECIALS.test(s)) return false;
  return isName(s.replace(/\*+/g, "x"));
}

export function isNamespaceGlob(s: string): boolean {
  return s.length <= 63 && isGlobOf(s, isDnsLabel);
}

/** GatewayClass names are cluster-scoped object names: DNS subdomains. */
export function isClassGlob(s: string): boolean {
  return s.length <= 253 && isGlobOf(s, isDnsSubdomain);
}

/**
 * Gatekeeper's `excludedNamespaces` understands only a leading and/or a
 * trailing `*` (`kube-*`, `*-system`, `*gate*`), so exemptNamespaces, which
 * becomes it verbatim, may use nothing more.
 */
export function isExemptNamespace(s: string): boolean {
  if (!isNamespaceGlob(s)) return false;
  const inner = s.replace(/^\*/, "").replace(/\*$/, "");
  return !inner.includes("*");
}

export function isKind(s: string): boolean {
  return s.length <= 63 && KIND.test(s);
}

/**
 * Kubernetes group and user names are free-form (`system:masters`,
 * `oidc:alice@example.com`); refuse only what cannot be a real subject:
 * empty, surrounding whitespace, control characters, and glob stars, which
 * RBAC would take literally.
 */
export function isSubjectName(s: string): boolean {
  // eslint-disable-next-line no-control-regex
  return s.length > 0 && s.length <= 253 && s.trim() === s && !/[\u0000-\u001f\u007f*]/.test(s);
}

export interface FormatInfo {
  validate: (s: string) => boolean;
  /** What a valid value looks like, completing "expected ...". */
  expected: string;
}

const globHint = "'*' matches any run of characters and is the only wildcard";

/** Keyed by the format name used in the schema. */
export const FORMATS: Record<string, FormatInfo> = {
  "gwpc-dns-label": {
    validate: isDnsLabel,
    expected: "a DNS label: at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit",
  },
  "gwpc-namespace": {
    validate: isDnsLabel,
    expected: "a namespace name (no globs here: RBAC needs real namespaces): at most 63 lowercase letters, digits and '-'",
  },
  "gwpc-namespace-glob": {
    validate: isNamespaceGlob,
    expected: `a namespace name or glob such as "team-*" (${globHint}; names are lowercase letters, digits and '-', at most 63)`,
  },
  "gwpc-exempt-namespace": {
    validate: isExemptNamespace,
    expected:
      "a namespace name, optionally with a leading and/or trailing '*' (the only wildcards Gatekeeper's excludedNamespaces understands)",
  },
  "gwpc-class-glob": {
    validate: isClassGlob,
    expected: `a GatewayClass name or glob such as "public-*" (${globHint}; names are lowercase letters, digits, '-' and '.')`,
  },
  "gwpc-label-key": {
    validate: isLabelKey,
    expected:
      "a label key [prefix/]name: name at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit; prefix a DNS subdomain",
  },
  "gwpc-label-value": {
    validate: isLabelValue,
    expected: "a label value: empty, or at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit",
  },
  "gwpc-kind": {
    validate: isKind,
    expected: "a Kubernetes kind such as HTTPRoute, Gateway, Service or Secret",
  },
  "gwpc-subject": {
    validate: isSubjectName,
    expected: "a Kubernetes group or user name: non-empty, no surrounding spaces, control characters or '*'",
  },
};

/** Names a glob character the user wrote, for a sharper message than the generic one. */
export function unsupportedGlobChar(s: string): string | undefined {
  return GLOB_SPECIALS.exec(s)?.[0];
}
