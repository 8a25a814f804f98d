/**
 * A generated Gateway API cluster dump for the audit bench: Namespaces,
 * Gateways, HTTPRoutes (and the few ReferenceGrants the reference handshake
 * needs) as multi-document YAML, the way `kubectl get -o yaml` writes
 * objects one by one, against gwpc's bundle for examples/policy.yaml.
 *
 * Every object is built from an archetype whose violations under that policy
 * are known from the rules in policies/README.md (not from running the
 * engine): `expected` maps each object to the constraint kinds it violates
 * and a substring each message must contain. The bench compares the audit's
 * results with it before timing anything.
 *
 * Deterministic: the same `n` gives the same text.
 */

/** examples/policy.yaml's constraint kinds. */
export const GCN = "GwpcGatewayClassNamespaces";
export const RB = "GwpcRouteBinding";
export const CNR = "GwpcCrossNamespaceRefs";
export const RGR = "GwpcReferenceGrantRules";

export interface ExpectedViolation {
  constraintKind: string;
  /** A substring the message must contain. */
  contains: string;
}

export interface ClusterDump {
  text: string;
  objects: number;
  /** Objects per kind. */
  kinds: Record<string, number>;
  /** `<kind> <namespace>/<name>` -> violations; objects without violations are absent. */
  expected: Map<string, ExpectedViolation[]>;
  /** Archetype -> objects generated from it. */
  archetypes: Record<string, number>;
  /** Each object's YAML, in order (`text` joins them with `---`). */
  documents: string[];
}

export const objectKey = (kind: string, namespace: string | undefined, name: string): string => `${kind} ${namespace ?? ""}/${name}`;

const GW = "gateway.networking.k8s.io/v1";
const GW_BETA = "gateway.networking.k8s.io/v1beta1";

/** A fake but stable uid and timestamps, so objects look like a real dump. */
function meta(ns: string | undefined, name: string, i: number, extraLabels: Record<string, string> = {}): string {
  const uid = `${(0x10000000 + i * 7919).toString(16).slice(-8)}-${(i % 65536).toString(16).padStart(4, "0")}-4${(i * 13 % 4096).toString(16).padStart(3, "0")}-8${(i * 31 % 4096).toString(16).padStart(3, "0")}-${(i * 104729).toString(16).padStart(12, "0").slice(-12)}`;
  const labels = { "app.kubernetes.io/part-of": "shop", ...extraLabels };
  return [
    "metadata:",
    `  name: ${name}`,
    ...(ns !== undefined ? [`  namespace: ${ns}`] : []),
    `  uid: ${uid}`,
    `  resourceVersion: "${100000 + i}"`,
    `  generation: ${1 + (i % 3)}`,
    `  creationTimestamp: "2026-01-${String(1 + (i % 28)).padStart(2, "0")}T10:${String(i % 60).padStart(2, "0")}:00Z"`,
    "  labels:",
    ...Object.entries(labels).map(([k, v]) => `    ${k}: ${JSON.stringify(v)}`),
    "  annotations:",
    `    example.com/owner: team-${i % 17}`,
  ].join("\n");
}

function namespace(name: string, i: number, labels: Record<string, string> = {}): string {
  return [`apiVersion: v1`, `kind: Namespace`, meta(undefined, name, i, { "kubernetes.io/metadata.name": name, ...labels }), "spec:", "  finalizers:", "  - kubernetes", "status:", "  phase: Active"].join("\n");
}

interface Listener {
  name: string;
  port: number;
  protocol: string;
  from?: string;
  /** matchLabels for from: Selector. */
  selector?: Record<string, string>;
  /** tls.certificateRefs: [namespace, name]. */
  cert?: [string | undefined, string];
}

function gateway(ns: string, name: string, cls: string, listeners: Listener[], i: number): string {
  const ls = listeners.flatMap((l) => [
    `  - name: ${l.name}`,
    `    port: ${l.port}`,
    `    protocol: ${l.protocol}`,
    `    hostname: "${l.name}.${ns}.example.com"`,
    ...(l.cert
      ? ["    tls:", "      mode: Terminate", "      certificateRefs:", `      - kind: Secret`, `        name: ${l.cert[1]}`, ...(l.cert[0] !== undefined ? [`        namespace: ${l.cert[0]}`] : [])]
      : []),
    ...(l.from
      ? [
          "    allowedRoutes:",
          "      namespaces:",
          `        from: ${l.from}`,
          ...(l.selector ? ["        selector:", "          matchLabels:", ...Object.entries(l.selector).map(([k, v]) => `            ${k}: ${JSON.stringify(v)}`)] : []),
        ]
      : []),
  ]);
  return [
    `apiVersion: ${GW}`,
    "kind: Gateway",
    meta(ns, name, i),
    "spec:",
    `  gatewayClassName: ${cls}`,
    "  listeners:",
    ...ls,
    "status:",
    "  conditions:",
    "  - type: Accepted",
    '    status: "True"',
    "    reason: Accepted",
    `    observedGeneration: ${1 + (i % 3)}`,
    '    lastTransitionTime: "2026-01-02T00:00:00Z"',
  ].join("\n");
}

interface Backend {
  name: string;
  namespace?: string;
  port?: number;
}

function httpRoute(ns: string, name: string, parentNs: string, backends: Backend[], i: number, mirror?: Backend): string {
  const ref = (b: Backend, indent: string) => [`${indent}name: ${b.name}`, ...(b.namespace !== undefined ? [`${indent}namespace: ${b.namespace}`] : []), `${indent}port: ${b.port ?? 8080}`];
  return [
    `apiVersion: ${GW}`,
    "kind: HTTPRoute",
    meta(ns, name, i),
    "spec:",
    "  parentRefs:",
    `  - name: gw-${parentNs}`,
    `    namespace: ${parentNs}`,
    "  hostnames:",
    `  - "${name}.${ns}.example.com"`,
    "  rules:",
    "  - matches:",
    "    - path:",
    "        type: PathPrefix",
    `        value: /${name}`,
    ...(mirror ? ["    filters:", "    - type: RequestMirror", "      requestMirror:", "        backendRef:", ...ref(mirror, "          ")] : []),
    "    backendRefs:",
    ...backends.flatMap((b) => {
      const lines = ref(b, "      ");
      lines[0] = `    - ${lines[0]!.trimStart()}`;
      return lines;
    }),
    "status:",
    "  parents:",
    "  - controllerName: example.com/gateway-controller",
    "    parentRef:",
    `      name: gw-${parentNs}`,
    "    conditions:",
    "    - type: Accepted",
    '      status: "True"',
    "      reason: Accepted",
    '      lastTransitionTime: "2026-01-02T00:00:00Z"',
  ].join("\n");
}

function referenceGrant(ns: string, name: string, from: { kind: string; namespace: string }, to: { group: string; kind: string; name?: string }, i: number): string {
  return [
    `apiVersion: ${GW_BETA}`,
    "kind: ReferenceGrant",
    meta(ns, name, i),
    "spec:",
    "  from:",
    `  - group: gateway.networking.k8s.io`,
    `    kind: ${from.kind}`,
    `    namespace: ${from.namespace}`,
    "  to:",
    `  - group: "${to.group}"`,
    `    kind: ${to.kind}`,
    ...(to.name !== undefined ? [`    name: ${to.name}`] : []),
  ].join("\n");
}

/**
 * About `n` objects (exactly `n` when n >= 1,000): ~4% Namespaces, ~1%
 * ReferenceGrants, the rest Gateways (30%) and HTTPRoutes (70%) cycling
 * through their archetypes.
 */
export function generateClusterDump(n: number): ClusterDump {
  const docs: string[] = [];
  const kinds: Record<string, number> = {};
  const archetypes: Record<string, number> = {};
  const expected = new Map<string, ExpectedViolation[]>();
  let seq = 0;
  const add = (kind: string, ns: string | undefined, name: string, archetype: string, text: string, violations: ExpectedViolation[] = []) => {
    docs.push(text);
    kinds[kind] = (kinds[kind] ?? 0) + 1;
    archetypes[archetype] = (archetypes[archetype] ?? 0) + 1;
    if (violations.length > 0) expected.set(objectKey(kind, ns, name), violations);
    seq++;
  };

  const scale = n / 10_000;
  const A = Math.max(4, Math.round(200 * scale)); // app-<i>: even ones labelled gateway.acme.io/public=true
  const B = Math.max(2, Math.round(100 * scale)); // backend-<i>
  const T = Math.max(2, Math.round(50 * scale)); // team-<i>-ingress
  const M = Math.max(1, Math.round(20 * scale)); // misc-<i>
  const app = (i: number) => `app-${i % A}`;
  const backend = (i: number) => `backend-${i % B}`;

  // Namespaces (never matched by a constraint).
  for (const ns of ["edge", "certs", "prod", "kube-system"]) add("Namespace", undefined, ns, "namespace", namespace(ns, seq));
  for (let i = 0; i < A; i++) add("Namespace", undefined, app(i), "namespace", namespace(app(i), seq, i % 2 === 0 ? { "gateway.acme.io/public": "true" } : { team: `t${i}` }));
  for (let i = 0; i < B; i++) add("Namespace", undefined, backend(i), "namespace", namespace(backend(i), seq));
  for (let i = 0; i < T; i++) add("Namespace", undefined, `team-${i}-ingress`, "namespace", namespace(`team-${i}-ingress`, seq));
  for (let i = 0; i < M; i++) add("Namespace", undefined, `misc-${i}`, "namespace", namespace(`misc-${i}`, seq));

  // ReferenceGrants. Allowed by the referenceGrants rules: HTTPRoutes in prod -> Services in backend-*;
  // Gateways in edge -> Secret edge-cert in certs (requireName).
  for (let i = 0; i < B; i++) add("ReferenceGrant", backend(i), "from-prod", "grant-ok", referenceGrant(backend(i), "from-prod", { kind: "HTTPRoute", namespace: "prod" }, { group: "", kind: "Service" }, seq));
  add("ReferenceGrant", "certs", "edge-cert", "grant-ok", referenceGrant("certs", "edge-cert", { kind: "Gateway", namespace: "edge" }, { group: "", kind: "Secret", name: "edge-cert" }, seq));
  // No rule lists Gateway -> ConfigMap, and unlisted is deny.
  for (let i = 0; i < M; i++) {
    const ns = `misc-${i}`;
    add("ReferenceGrant", ns, "gw-configmaps", "grant-unlisted", referenceGrant(ns, "gw-configmaps", { kind: "Gateway", namespace: app(i) }, { group: "", kind: "ConfigMap" }, seq), [
      { constraintKind: RGR, contains: `ReferenceGrant "${ns}/gw-configmaps" from[0] (Gateway in namespace "${app(i)}") to[0] (ConfigMap in namespace "${ns}"): no rule lists Gateway -> ConfigMap (unlisted: deny)` },
    ]);
  }

  const http: Listener = { name: "http", port: 80, protocol: "HTTP", from: "Same" };
  const gatewayArchetypes: ((i: number) => void)[] = [
    (i) => {
      const ns = app(i), name = `gw-${i}`;
      add("Gateway", ns, name, "gateway-ok", gateway(ns, name, "internal", [http], seq));
    },
    (i) => {
      // public in an app namespace: allowed only when the Namespace carries gateway.acme.io/public=true (even app-<k>).
      const k = i % A, ns = `app-${k}`, name = `gw-public-${i}`;
      const v: ExpectedViolation[] = k % 2 === 0 ? [] : [{ constraintKind: GCN, contains: `Gateway "${name}" in namespace "${ns}" may not use GatewayClass "public": allowed namespaces: edge, team-*-ingress; or namespaces labelled gateway.acme.io/public=true` }];
      add("Gateway", ns, name, k % 2 === 0 ? "gateway-public-labelled" : "gateway-public-unlabelled", gateway(ns, name, "public", [http], seq), v);
    },
    (i) => {
      const ns = `team-${i % T}-ingress`, name = `gw-${i}`;
      add("Gateway", ns, name, "gateway-public-team-ingress", gateway(ns, name, "public", [{ ...http, cert: [undefined, "own-cert"] }], seq));
    },
    (i) => {
      const ns = app(i), name = `gw-exp-${i}`;
      add("Gateway", ns, name, "gateway-unlisted-class", gateway(ns, name, "experimental", [http], seq), [
        { constraintKind: GCN, contains: `Gateway "${name}" in namespace "${ns}" may not use GatewayClass "experimental": no rule lists this GatewayClass (unlisted: deny)` },
      ]);
    },
    (i) => {
      const ns = app(i), name = `gw-open-${i}`;
      add(
        "Gateway",
        ns,
        name,
        "gateway-route-binding",
        gateway(ns, name, "internal", [{ name: "web", port: 80, protocol: "HTTP", from: "All" }, { name: "api", port: 8080, protocol: "HTTP", from: "Selector", selector: { team: "a" } }], seq),
        [
          { constraintKind: RB, contains: `Gateway "${ns}/${name}" listener "web": from: All is only allowed in namespaces [edge]` },
          { constraintKind: RB, contains: `Gateway "${ns}/${name}" listener "api": selector label key "team" in matchLabels is banned` },
        ],
      );
    },
    (i) => {
      const name = `gw-edge-${i}`;
      add("Gateway", "edge", name, "gateway-edge", gateway("edge", name, "public", [{ name: "https", port: 443, protocol: "HTTPS", from: "All", cert: ["certs", "edge-cert"] }], seq));
    },
    (i) => {
      const ns = app(i), name = `gw-tls-${i}`;
      add("Gateway", ns, name, "gateway-cert-ungranted", gateway(ns, name, "internal", [{ name: "https", port: 443, protocol: "HTTPS", from: "Same", cert: ["certs", "wild"] }], seq), [
        { constraintKind: CNR, contains: `Gateway "${ns}/${name}" spec.listeners[0].tls.certificateRefs[0] references Secret "certs/wild" in another namespace; no ReferenceGrant in namespace "certs" allows Gateway from namespace "${ns}"` },
      ]);
    },
    (i) => {
      // kube-system is excluded by every constraint.
      const name = `gw-sys-${i}`;
      add("Gateway", "kube-system", name, "gateway-excluded", gateway("kube-system", name, "experimental", [{ name: "web", port: 80, protocol: "HTTP", from: "All" }], seq));
    },
  ];
  const routeArchetypes: ((i: number) => void)[] = [
    (i) => {
      const ns = app(i), name = `route-${i}`;
      add("HTTPRoute", ns, name, "route-ok", httpRoute(ns, name, ns, [{ name: "web" }, { name: "web-canary", namespace: ns }], seq));
    },
    (i) => {
      const name = `route-${i}`;
      add("HTTPRoute", "prod", name, "route-granted", httpRoute("prod", name, "edge", [{ name: "api", namespace: backend(i) }], seq));
    },
    (i) => {
      const ns = app(i), name = `route-x-${i}`, b = backend(i);
      add("HTTPRoute", ns, name, "route-ungranted", httpRoute(ns, name, "edge", [{ name: "api", namespace: b }], seq), [
        { constraintKind: CNR, contains: `HTTPRoute "${ns}/${name}" spec.rules[0].backendRefs[0] references Service "${b}/api" in another namespace; no ReferenceGrant in namespace "${b}" allows HTTPRoute from namespace "${ns}"` },
      ]);
    },
    (i) => {
      const ns = app(i), name = `route-y-${i}`, b = backend(i + 1);
      add("HTTPRoute", ns, name, "route-ungranted-3", httpRoute(ns, name, ns, [{ name: "a", namespace: b }, { name: "b", namespace: b }, { name: "local" }], seq, { name: "shadow", namespace: b }), [
        { constraintKind: CNR, contains: `spec.rules[0].backendRefs[0] references Service "${b}/a"` },
        { constraintKind: CNR, contains: `spec.rules[0].backendRefs[1] references Service "${b}/b"` },
        { constraintKind: CNR, contains: `references Service "${b}/shadow"` },
      ]);
    },
    (i) => {
      const ns = app(i), name = `route-z-${i}`;
      add("HTTPRoute", ns, name, "route-ok", httpRoute(ns, name, "edge", [{ name: "svc" }], seq));
    },
  ];

  const rest = Math.max(0, n - seq);
  const gateways = Math.round(rest * 0.3);
  for (let i = 0; i < gateways; i++) gatewayArchetypes[i % gatewayArchetypes.length]!(i);
  for (let i = 0; seq < n; i++) routeArchetypes[i % routeArchetypes.length]!(i);

  return { text: docs.join("\n---\n") + "\n", objects: seq, kinds, expected, archetypes, documents: docs };
}
