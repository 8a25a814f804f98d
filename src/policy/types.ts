import type { EnforcementAction } from "../config/model.js";
import type { TemplateId } from "./catalog.js";

/** One entry of a Constraint's `spec.match.kinds`: Gatekeeper matches group + kind. */
export interface MatchKind {
  apiGroups: string[];
  kinds: string[];
}

/** One entry of Gatekeeper's Config `spec.sync.syncOnly`. */
export interface SyncKind {
  group: string;
  version: string;
  kind: string;
}

/** JSON-compatible values: what Constraint parameters are made of. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** A Constraint to generate: everything the bundle needs, nothing YAML-specific. */
export interface ConstraintSpec {
  /** The policies/<id>/ folder of its template. */
  templateId: TemplateId;
  /** ConstraintTemplate name (the kind, lowercase). */
  templateName: string;
  kind: string;
  /** `<metadata.name>-<section>`. */
  name: string;
  /** The policy section it came from, e.g. "gatewayClasses". */
  section: string;
  parameters: JsonObject;
  match: { kinds: MatchKind[]; excludedNamespaces: string[] };
  enforcementAction: EnforcementAction;
  /** Set when this Constraint reads synced data: the kinds Gatekeeper must sync. */
  referential?: SyncKind[];
}
