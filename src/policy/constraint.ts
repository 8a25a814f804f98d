import type { GatewayPolicy } from "../config/model.js";
import { templateEntry, templateName, type TemplateId } from "./catalog.js";
import { constraintName, type SectionKey } from "./names.js";
import type { ConstraintSpec, JsonObject, SyncKind } from "./types.js";

/** The parts every section's Constraint shares: kind, name, match, enforcement action. */
export function baseConstraint(
  policy: GatewayPolicy,
  templateId: TemplateId,
  section: SectionKey,
  parameters: JsonObject,
  referential?: SyncKind[],
): ConstraintSpec {
  const entry = templateEntry(templateId);
  const spec: ConstraintSpec = {
    templateId,
    templateName: templateName(entry),
    kind: entry.kind,
    name: constraintName(policy.metadata.name, section),
    section,
    parameters,
    match: {
      kinds: entry.match.map((m) => ({ apiGroups: [...m.apiGroups], kinds: [...m.kinds] })),
      excludedNamespaces: [...policy.spec.exemptNamespaces],
    },
    enforcementAction: policy.spec.enforcementAction,
  };
  if (referential && referential.length > 0) spec.referential = referential;
  return spec;
}
