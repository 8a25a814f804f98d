/**
 * The generated README's sentences, one paragraph set per Constraint, from
 * the same specs the YAML comes from. User values appear in code spans.
 */
import type { EnforcementAction } from "../config/model.js";
import type { ConstraintSpec, JsonObject, PersonaGrant, RbacObject, SyncKind } from "../policy/index.js";
import { TEMPLATES } from "../policy/index.js";

const code = (s: string) => "`" + s + "`";
const codes = (xs: readonly unknown[]) => (xs as string[]).map(code).join(", ");

export const ENFORCEMENT_PROSE: Record<EnforcementAction, string> = {
  deny: "`deny`: a violating request is rejected at admission, and existing objects that violate are reported by audit",
  dryrun: "`dryrun`: nothing is rejected; violations are only reported by audit (in each Constraint's status)",
  warn: "`warn`: violating requests are admitted with a warning, and violations are reported by audit",
};

export interface ConstraintProse {
  title: string;
  kind: string;
  name: string;
  file: string;
  /** Paragraphs before the bullet list. */
  paragraphs: string[];
  bullets: string[];
  /** Paragraphs after it. */
  after: string[];
}

type Rule = { [k: string]: unknown };
type Body = Pick<ConstraintProse, "paragraphs" | "bullets" | "after">;

function gatewayClasses(p: JsonObject): Body {
  const rules = p.rules as Rule[];
  const bullets = rules.map((r) => {
    const where: string[] = [];
    const ns = r.namespaces as string[];
    if (ns.length > 0) where.push(`namespaces ${codes(ns)}`);
    const sel = r.namespaceSelector as { matchLabels: Record<string, string> } | undefined;
    if (sel) {
      const labels = Object.keys(sel.matchLabels)
        .sort()
        .map((k) => code(`${k}=${sel.matchLabels[k]}`));
      where.push(`any namespace labelled ${labels.join(" and ")} (labels read from synced Namespaces)`);
    }
    return `class ${code(r.className as string)}: ${where.length > 0 ? where.join(", or ") : "no namespace"}`;
  });
  const unlisted =
    p.unlisted === "deny"
      ? "A Gateway naming a GatewayClass that no rule lists is denied."
      : "A Gateway naming a GatewayClass that no rule lists is allowed.";
  return {
    paragraphs: [
      rules.length > 0
        ? "A Gateway may name a GatewayClass (`spec.gatewayClassName`) only in the namespaces a rule lists for that class:"
        : "No rule lists a GatewayClass.",
    ],
    bullets,
    after: [unlisted],
  };
}

function routeBinding(p: JsonObject): Body {
  const allowed = p.allowedSelectorLabels as string[];
  const banned = p.bannedSelectorLabels as string[];
  const ops = p.allowedOperators as string[];
  const fromAll = p.fromAllNamespaces as string[];
  return {
    paragraphs: [
      "Checked: the listeners of Gateways and ListenerSets (`allowedRoutes.namespaces`) and Gateways' `spec.allowedListeners.namespaces`; one violation per offending listener.",
      `A \`from: Selector\` may use only the label keys ${allowed.length > 0 ? codes(allowed) : "(none)"}` +
        (banned.length > 0 ? `, never ${codes(banned)}` : "") +
        `, in \`matchLabels\` and \`matchExpressions\` alike; allowed operators: ${ops.length > 0 ? codes(ops) : "(none)"}.`,
      "An empty or missing selector selects every namespace and counts as `from: All`, which " +
        (fromAll.length > 0 ? `only Gateways and ListenerSets in namespaces ${codes(fromAll)} may use.` : "no namespace may use.") +
        " `from: Same` (the default) is always allowed.",
    ],
    bullets: [],
    after: [],
  };
}

function referenceGrantRules(p: JsonObject): Body {
  const rules = p.rules as { from: Rule; to: Rule }[];
  return {
    paragraphs: [
      rules.length > 0
        ? "Each pair of a ReferenceGrant's `spec.from[]` and `spec.to[]` entries must be allowed by a rule (the `to` namespace is the ReferenceGrant's own):"
        : "No rule allows a ReferenceGrant pair.",
    ],
    after: [p.unlisted === "deny" ? "A pair that no rule allows is denied." : "A pair that no rule allows is allowed."],
    bullets: rules.map(
      (r) =>
        `from ${code(r.from.kind as string)} in ${codes(r.from.namespaces as string[])} to ${code(r.to.kind as string)} in ${codes(
          r.to.namespaces as string[],
        )}` + (r.to.requireName ? ", only when the `to` entry names one object" : ""),
    ),
  };
}

function crossNamespaceRefs(): Body {
  return {
    paragraphs: [
      "A Route (HTTPRoute, GRPCRoute, TLSRoute, TCPRoute, UDPRoute) whose `backendRefs` — in rules, and in request-mirror filters — name another namespace, or a Gateway or ListenerSet whose TLS certificate references (listeners' `tls.certificateRefs`) name another namespace, is denied unless a ReferenceGrant in that namespace allows the reference (the Gateway API handshake, checked at admission).",
      "ReferenceGrants are read from Gatekeeper's synced data (`sync/config.yaml`); a grant created after the referring object is not re-checked until audit.",
    ],
    bullets: [],
    after: [],
  };
}

function personas(p: JsonObject): Body {
  const grants = p.grants as Pick<PersonaGrant, "groups" | "users" | "families" | "namespaces">[];
  return {
    paragraphs: [
      "A create or update of a GatewayClass, Gateway, ListenerSet or Route is denied unless one of the requesting user's groups (or the user name) holds a grant for that resource family in that namespace — defense in depth should RBAC drift." +
        ` Members of ${codes(p.exemptGroups as string[])} are never checked; a review without user information (audit of existing objects) is never denied.`,
      grants.length > 0 ? "Grants:" : "No grant: every checked write is denied.",
    ],
    after: [],
    bullets: grants.map((g) => {
      const who = [...g.groups.map((x) => `group ${code(x)}`), ...g.users.map((x) => `user ${code(x)}`)].join(", ");
      const where = g.namespaces.length > 0 ? `in namespaces ${codes(g.namespaces)}` : "cluster-wide";
      return `${who}: ${g.families.join(", ")} ${where}`;
    }),
  };
}

export function constraintProse(c: ConstraintSpec, file: string): ConstraintProse {
  const title = TEMPLATES.find((t) => t.id === c.templateId)!.title;
  const body = {
    "gatewayclass-namespaces": gatewayClasses,
    "route-binding": routeBinding,
    "referencegrant-rules": referenceGrantRules,
    "cross-namespace-refs": crossNamespaceRefs,
    "persona-writes": personas,
  }[c.templateId](c.parameters);
  return { title, kind: c.kind, name: c.name, file, ...body };
}

export interface RbacRow {
  kind: string;
  name: string;
  namespace: string;
  role: string;
  subjects: string;
}

export function rbacRows(objects: readonly RbacObject[]): { roles: { name: string; verbs: string; resources: string }[]; bindings: RbacRow[] } {
  const roles = [];
  const bindings: RbacRow[] = [];
  for (const o of objects) {
    if (o.kind === "ClusterRole") {
      const rule = o.rules[0]!;
      roles.push({ name: o.name, verbs: rule.verbs.join(", "), resources: rule.resources.join(", ") });
    } else {
      bindings.push({
        kind: o.kind,
        name: o.name,
        namespace: o.kind === "RoleBinding" ? code(o.namespace) : "(cluster-wide)",
        role: o.roleName,
        subjects: o.subjects.map((s) => `${s.kind} ${code(s.name)}`).join(", "),
      });
    }
  }
  return { roles, bindings };
}

export function syncProse(kinds: readonly SyncKind[]): string[] {
  return kinds.map((k) => `${code(k.kind)} (${code(k.group === "" ? k.version : `${k.group}/${k.version}`)})`);
}
