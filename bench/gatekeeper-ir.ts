/**
 * Generated IR shaped like a planned Gatekeeper template: one entrypoint
 * `<pkg>/violation` calling `g0.data.<pkg>.violation`, a partial set rule
 * with one block per rule body, planned the way `opa build -t plan` plans
 * `violation[{"msg": msg}] { ... }` (DotStmt chains from input for every
 * reference, EqualStmt / NotStmt checks, sprintf or concat over a fresh
 * array, a `{"msg": ...}` object added to the set; locals numbered
 * monotonically across the whole function, as OPA's planner does).
 *
 * Each rule is also described as data (`RuleSpec`) with a plain-JS
 * reference evaluation (`evalRulesJS`), so a bench can check that the
 * compiled module computes the right answer before timing it.
 */
import type { BuiltinFunc, Func, Location, Operand, Plan, Policy, Stmt } from "../src/rego/plan/ir.js";

// ------------------------------------------------------------------ rules

export type RuleSpec =
  /** `input.review.object.kind == K; not ...metadata.labels[label]; msg := sprintf("%v %v must have label %v", [kind, name, label])` */
  | { kind: "requiredLabel"; objectKind: string; label: string }
  /** `input.review.object.spec[field] == value; msg := concat("", ["<field> is forbidden on ", name])`, with details */
  | { kind: "forbiddenField"; field: string; value: string }
  /** `c := input.review.object.spec.containers[_]; c.securityContext[setting] == true; msg := sprintf("container %v must not set %v", [c.name, setting])` */
  | { kind: "containerSetting"; setting: string }
  /** `a := input.review.object.metadata.annotations[key]; a == input.parameters[param]; msg := concat(" ", ["annotation", key, "has forbidden value", a])` */
  | { kind: "annotationParam"; annotation: string; param: string };

const KINDS = ["Pod", "Deployment", "Service"];

/** `n` rules cycling through the four shapes, each with its own names. */
export function gatekeeperRules(n: number): RuleSpec[] {
  return Array.from({ length: n }, (_, i): RuleSpec => {
    switch (i % 4) {
      case 0:
        return { kind: "requiredLabel", objectKind: KINDS[(i / 4) % KINDS.length | 0]!, label: `label-${i}` };
      case 1:
        return { kind: "forbiddenField", field: `field${i}`, value: `forbidden-${i}` };
      case 2:
        return { kind: "containerSetting", setting: `setting${i}` };
      default:
        return { kind: "annotationParam", annotation: `note${i}`, param: `forbidden${i}` };
    }
  });
}

/** The small rule of the evaluate() bench: a Pod without an `owner` label is one violation. */
export const REQUIRED_OWNER: RuleSpec = { kind: "requiredLabel", objectKind: "Pod", label: "owner" };

// ------------------------------------------------------------ IR building

type NoLoc<T> = T extends Stmt ? Omit<T, "location"> : never;

const local = (value: number): Operand => ({ type: "local", value });
const INPUT = local(0);

const SPRINTF: BuiltinFunc = {
  name: "sprintf",
  decl: { args: [{ type: "string" }, { dynamic: { type: "any" }, type: "array" }], result: { type: "string" }, type: "function" },
};
const CONCAT: BuiltinFunc = {
  name: "concat",
  decl: {
    args: [{ type: "string" }, { of: [{ dynamic: { type: "string" }, type: "array" }, { of: { type: "string" }, type: "set" }], type: "any" }],
    result: { type: "string" },
    type: "function",
  },
};

/** Strings table, builtins, locals and locations for one policy. */
class IrBuilder {
  private readonly strings: string[] = ["result"];
  private readonly stringIndex = new Map<string, number>([["result", 0]]);
  private readonly builtins = new Map<string, BuiltinFunc>();
  private nextLocal = 0;
  private row = 1;
  private col = 1;

  str(s: string): Operand {
    let i = this.stringIndex.get(s);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(s);
      this.stringIndex.set(s, i);
    }
    return { type: "string_index", value: i };
  }

  use(b: BuiltinFunc): string {
    this.builtins.set(b.name, b);
    return b.name;
  }

  /** Locals restart per function; 0..first-1 are taken (input, data, return). */
  startFunc(first: number): void {
    this.nextLocal = first;
  }

  local(): number {
    return this.nextLocal++;
  }

  line(): void {
    this.row++;
    this.col = 1;
  }

  at(s: NoLoc<Stmt>): Stmt {
    const location: Location = { file: 0, row: this.row, col: this.col };
    this.col += 4;
    return { ...s, location } as Stmt;
  }

  /** `src.k1.k2...` as a DotStmt chain; returns the last target. */
  dots(out: Stmt[], src: Operand, keys: readonly string[]): number {
    let cur = src;
    let target = -1;
    for (const k of keys) {
      target = this.local();
      out.push(this.at({ type: "DotStmt", source: cur, key: this.str(k), target }));
      cur = local(target);
    }
    return target;
  }

  /** A fresh array of `items`, as the planner builds a call's array argument. */
  array(out: Stmt[], items: readonly Operand[]): number {
    const arr = this.local();
    out.push(this.at({ type: "MakeArrayStmt", capacity: items.length, target: arr }));
    for (const v of items) out.push(this.at({ type: "ArrayAppendStmt", value: v, array: arr }));
    return arr;
  }

  /** `msg := f(args...)`, then `{"msg": msg, ...extra}` added to set local `set`. */
  emitViolation(out: Stmt[], set: number, func: BuiltinFunc, args: readonly Operand[], extra: readonly [string, Operand][] = []): void {
    const call = this.local();
    out.push(this.at({ type: "CallStmt", func: this.use(func), args: [...args], result: call }));
    const msg = this.local();
    out.push(this.at({ type: "AssignVarStmt", source: local(call), target: msg }));
    const obj = this.local();
    out.push(this.at({ type: "MakeObjectStmt", target: obj }));
    for (const [k, v] of extra) out.push(this.at({ type: "ObjectInsertStmt", key: this.str(k), value: v, object: obj }));
    out.push(this.at({ type: "ObjectInsertStmt", key: this.str("msg"), value: local(msg), object: obj }));
    out.push(this.at({ type: "SetAddStmt", value: local(obj), set }));
  }

  policy(plans: Plan[], funcs: Func[]): Policy {
    return {
      static: { strings: this.strings.map((value) => ({ value })), builtinFuncs: [...this.builtins.values()], files: [{ value: "template.rego" }] },
      plans: { plans },
      funcs: { funcs },
    };
  }
}

const OBJ = ["review", "object"];

function ruleBlock(b: IrBuilder, spec: RuleSpec, set: number): Stmt[] {
  const out: Stmt[] = [];
  b.line();
  switch (spec.kind) {
    case "requiredLabel": {
      const kind = b.dots(out, INPUT, [...OBJ, "kind"]);
      out.push(b.at({ type: "EqualStmt", a: local(kind), b: b.str(spec.objectKind) }));
      const not: Stmt[] = [];
      const label = b.dots(not, INPUT, [...OBJ, "metadata", "labels", spec.label]);
      not.push(b.at({ type: "NotEqualStmt", a: local(label), b: { type: "bool", value: false } }));
      out.push(b.at({ type: "NotStmt", block: { stmts: not } }));
      const k2 = b.dots(out, INPUT, [...OBJ, "kind"]);
      const name = b.dots(out, INPUT, [...OBJ, "metadata", "name"]);
      const arr = b.array(out, [local(k2), local(name), b.str(spec.label)]);
      b.emitViolation(out, set, SPRINTF, [b.str("%v %v must have label %v"), local(arr)]);
      break;
    }
    case "forbiddenField": {
      const v = b.dots(out, INPUT, [...OBJ, "spec", spec.field]);
      out.push(b.at({ type: "EqualStmt", a: local(v), b: b.str(spec.value) }));
      const name = b.dots(out, INPUT, [...OBJ, "metadata", "name"]);
      const arr = b.array(out, [b.str(`${spec.field} is forbidden on `), local(name)]);
      const details = b.local();
      out.push(b.at({ type: "MakeObjectStmt", target: details }));
      out.push(b.at({ type: "ObjectInsertStmt", key: b.str("field"), value: b.str(spec.field), object: details }));
      b.emitViolation(out, set, CONCAT, [b.str(""), local(arr)], [["details", local(details)]]);
      break;
    }
    case "containerSetting": {
      const cs = b.dots(out, INPUT, [...OBJ, "spec", "containers"]);
      const key = b.local();
      const value = b.local();
      const body: Stmt[] = [];
      const c = b.local();
      body.push(b.at({ type: "AssignVarStmt", source: local(value), target: c }));
      const set1 = b.dots(body, local(c), ["securityContext", spec.setting]);
      body.push(b.at({ type: "EqualStmt", a: local(set1), b: { type: "bool", value: true } }));
      const name = b.dots(body, local(c), ["name"]);
      const arr = b.array(body, [local(name), b.str(spec.setting)]);
      b.emitViolation(body, set, SPRINTF, [b.str("container %v must not set %v"), local(arr)]);
      out.push(b.at({ type: "ScanStmt", source: cs, key, value, block: { stmts: body } }));
      break;
    }
    case "annotationParam": {
      const a = b.dots(out, INPUT, [...OBJ, "metadata", "annotations", spec.annotation]);
      const p = b.dots(out, INPUT, ["parameters", spec.param]);
      out.push(b.at({ type: "EqualStmt", a: local(a), b: local(p) }));
      const arr = b.array(out, [b.str("annotation"), b.str(spec.annotation), b.str("has forbidden value"), local(a)]);
      b.emitViolation(out, set, CONCAT, [b.str(" "), local(arr)]);
      break;
    }
  }
  return out;
}

/** The planned template: entrypoint `<pkg>/violation` over a partial set rule of `specs`. */
export function violationPolicy(specs: readonly RuleSpec[], pkg = "k8sgenerated"): Policy {
  const b = new IrBuilder();
  const fname = `g0.data.${pkg}.violation`;
  // The rule function: (input, data) -> the set in local 2.
  b.startFunc(3);
  const blocks = [{ stmts: [b.at({ type: "MakeSetStmt", target: 2 })] }];
  for (const s of specs) blocks.push({ stmts: ruleBlock(b, s, 2) });
  b.line();
  blocks.push({ stmts: [b.at({ type: "ReturnLocalStmt", source: 2 })] });
  const func: Func = { name: fname, params: [0, 1], return: 2, blocks, path: ["g0", pkg, "violation"] };
  // The plan: result set of {"result": data.<pkg>.violation}.
  b.startFunc(2);
  b.line();
  const r = b.local();
  const v = b.local();
  const o = b.local();
  const plan: Plan = {
    name: `${pkg}/violation`,
    blocks: [
      {
        stmts: [
          b.at({ type: "CallStmt", func: fname, args: [local(0), local(1)], result: r }),
          b.at({ type: "AssignVarStmt", source: local(r), target: v }),
          b.at({ type: "MakeObjectStmt", target: o }),
          b.at({ type: "ObjectInsertStmt", key: b.str("result"), value: local(v), object: o }),
          b.at({ type: "ResultSetAddStmt", value: o }),
        ],
      },
    ],
  };
  return b.policy([plan], [func]);
}

/**
 * The SDK floor: a plan with no blocks, so evaluation is only the SDK
 * writing the input, opa_eval parsing it, and the empty result set `[]`
 * dumped and JSON.parse'd.
 */
export function emptyResultPolicy(pkg = "floor"): Policy {
  return new IrBuilder().policy([{ name: `${pkg}/violation`, blocks: [] }], []);
}

// ---------------------------------------------------- JS reference semantics

export interface Violation {
  msg: string;
  details?: Record<string, unknown>;
}

type J = unknown;

function dot(x: J, k: string): J {
  return x !== null && typeof x === "object" && !Array.isArray(x) && Object.hasOwn(x, k) ? (x as Record<string, J>)[k] : undefined;
}

const path = (x: J, keys: readonly string[]): J => keys.reduce<J>((v, k) => (v === undefined ? undefined : dot(v, k)), x);

/** `%v` / concat only for strings here; anything else makes the reference bail (undefined). */
const str = (x: J): string | undefined => (typeof x === "string" ? x : undefined);

function elements(x: J): J[] {
  if (Array.isArray(x)) return x;
  if (x !== null && typeof x === "object") return Object.keys(x).sort().map((k) => (x as Record<string, J>)[k]);
  return [];
}

/**
 * What the planned rules mean, in plain JS: the violation set (deduplicated,
 * sorted by JSON text). Only string-valued fields are modelled; the bench
 * inputs keep to that.
 */
export function evalRulesJS(specs: readonly RuleSpec[], input: J): Violation[] {
  const out = new Map<string, Violation>();
  const add = (v: Violation): void => void out.set(JSON.stringify(v), v);
  const obj = path(input, OBJ);
  for (const s of specs) {
    switch (s.kind) {
      case "requiredLabel": {
        const kind = dot(obj, "kind");
        if (kind !== s.objectKind) break;
        const l = path(obj, ["metadata", "labels", s.label]);
        if (l !== undefined && l !== false) break;
        const name = str(path(obj, ["metadata", "name"]));
        if (name !== undefined) add({ msg: `${kind} ${name} must have label ${s.label}` });
        break;
      }
      case "forbiddenField": {
        if (path(obj, ["spec", s.field]) !== s.value) break;
        const name = str(path(obj, ["metadata", "name"]));
        if (name !== undefined) add({ details: { field: s.field }, msg: `${s.field} is forbidden on ${name}` });
        break;
      }
      case "containerSetting":
        for (const c of elements(path(obj, ["spec", "containers"]))) {
          if (path(c, ["securityContext", s.setting]) !== true) continue;
          const name = str(dot(c, "name"));
          if (name !== undefined) add({ msg: `container ${name} must not set ${s.setting}` });
        }
        break;
      case "annotationParam": {
        const a = path(obj, ["metadata", "annotations", s.annotation]);
        const p = path(input, ["parameters", s.param]);
        if (a === undefined || typeof a !== "string" || a !== p) break;
        add({ msg: `annotation ${s.annotation} has forbidden value ${a}` });
        break;
      }
    }
  }
  return [...out.keys()].sort().map((k) => out.get(k)!);
}

/**
 * The hand-written predicate for REQUIRED_OWNER, written the way someone
 * would write it in JS (no generic machinery): the baseline for "how much
 * does going through Wasm cost compared with plain JS".
 */
export function requiredOwnerJS(input: J): Violation[] {
  const o = (input as { review?: { object?: { kind?: unknown; metadata?: { name?: unknown; labels?: Record<string, unknown> } } } } | null)?.review?.object;
  if (o?.kind !== "Pod") return [];
  const owner = o.metadata?.labels?.["owner"];
  if (owner !== undefined && owner !== false) return [];
  const name = o.metadata?.name;
  return typeof name === "string" ? [{ msg: `Pod ${name} must have label owner` }] : [];
}

// ------------------------------------------------------------------ inputs

/** A Gatekeeper review of a typical Pod (about 1 KB of JSON). */
export function podReview(labels: Record<string, string> = { app: "web", team: "payments" }): Record<string, unknown> {
  const object = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: "web-7d4b9c-x2x9q",
      namespace: "prod",
      labels,
      annotations: { "prometheus.io/scrape": "true", "prometheus.io/port": "9090" },
    },
    spec: {
      serviceAccountName: "web",
      hostNetwork: false,
      containers: [
        {
          name: "app",
          image: "registry.example.com/web:1.8.2",
          ports: [{ containerPort: 8080, protocol: "TCP" }],
          resources: { limits: { cpu: "500m", memory: "256Mi" }, requests: { cpu: "100m", memory: "128Mi" } },
          securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true },
        },
        {
          name: "istio-proxy",
          image: "docker.io/istio/proxyv2:1.22.0",
          resources: { limits: { cpu: "200m", memory: "128Mi" } },
          securityContext: { runAsUser: 1337, allowPrivilegeEscalation: false },
        },
      ],
    },
  };
  return {
    review: {
      uid: "0f2c6f4e-6b0a-4c1e-9d3c-0f9a1b2c3d4e",
      kind: { group: "", version: "v1", kind: "Pod" },
      resource: { group: "", version: "v1", resource: "pods" },
      operation: "CREATE",
      namespace: "prod",
      name: "web-7d4b9c-x2x9q",
      userInfo: { username: "system:serviceaccount:kube-system:replicaset-controller", groups: ["system:serviceaccounts", "system:authenticated"] },
      object,
      oldObject: null,
      dryRun: false,
    },
    parameters: {},
  };
}

/** Only what REQUIRED_OWNER reads (about 90 B of JSON): the SDK floor at its smallest. */
export function minimalReview(): Record<string, unknown> {
  return { review: { object: { kind: "Pod", metadata: { name: "web", labels: { app: "web" } } } } };
}

/**
 * A review that makes about half of `specs` fire: labels missing, forbidden
 * field values set, container settings on, annotations equal to parameters.
 */
export function triggeringReview(specs: readonly RuleSpec[]): Record<string, unknown> {
  const r = podReview({ app: "web" }) as { review: { object: Record<string, any> }; parameters: Record<string, unknown> };
  const o = r.review.object;
  specs.forEach((s, i) => {
    const fire = i % 8 < 4;
    switch (s.kind) {
      case "requiredLabel":
        if (!fire) o["metadata"].labels[s.label] = "present";
        break;
      case "forbiddenField":
        o["spec"][s.field] = fire ? s.value : "allowed";
        break;
      case "containerSetting":
        o["spec"].containers[0].securityContext[s.setting] = fire;
        break;
      case "annotationParam":
        o["metadata"].annotations[s.annotation] = `v${i}`;
        r.parameters[s.param] = fire ? `v${i}` : `other${i}`;
        break;
    }
  });
  return r;
}
