/**
 * Property: for any valid policy model, the bundle renders deterministically,
 * every object passes the shape checks, and Constraint parameters read back
 * as exactly the model's values.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderBundle } from "../../src/bundle/index.js";
import { comparableFiles } from "./comparable-files.js";
import type { GatewayPolicy, NamespacedSubjects } from "../../src/config/model.js";
import { planConstraints } from "../../src/policy/index.js";
import { bundleObjects } from "./bundle-objects.js";
import { personas, policy } from "./models.js";
import { stubPackageFiles } from "./stub-files.js";
import { shapeProblems } from "./validate-bundle.js";

const label = fc.stringMatching(/^[a-z]([-a-z0-9]{0,10}[a-z0-9])?$/);
const glob = fc.oneof(label, label.map((l) => `${l}-*`), fc.constant("*"), label.map((l) => `*-${l}`));
const exempt = fc.oneof(label, label.map((l) => `${l}-*`), label.map((l) => `*-${l}`));
const labelKey = fc.oneof(label, fc.tuple(label, label).map(([a, b]) => `${a}.io/${b}`));
const uniq = <T>(a: fc.Arbitrary<T>, max = 3) => fc.uniqueArray(a, { maxLength: max });
const subjects = fc.record({ groups: uniq(fc.oneof(label, label.map((l) => `system:${l}`))), users: uniq(fc.oneof(label, label.map((l) => `${l}@example.com`))) });
const namespaced = (min: number): fc.Arbitrary<NamespacedSubjects> =>
  fc.record({ groups: uniq(label), users: uniq(label), namespaces: fc.uniqueArray(label, { minLength: min, maxLength: 3 }) });

const model: fc.Arbitrary<GatewayPolicy> = fc
  .record({
    name: label,
    enforcementAction: fc.constantFrom("deny", "dryrun", "warn"),
    exemptNamespaces: uniq(exempt),
    gatewayClasses: fc.option(
      fc.record({
        unlisted: fc.constantFrom("deny", "allow"),
        rules: fc.array(
          fc.record(
            { className: glob, namespaces: uniq(glob), namespaceSelector: fc.record({ matchLabels: fc.dictionary(labelKey, fc.oneof(label, fc.constant("true"), fc.constant(""))) }) },
            { requiredKeys: ["className", "namespaces"] },
          ),
          { maxLength: 3 },
        ),
      }),
      { nil: undefined },
    ),
    routeBinding: fc.option(
      fc.record({
        allowedSelectorLabels: uniq(labelKey),
        bannedSelectorLabels: uniq(labelKey),
        allowedOperators: fc.uniqueArray(fc.constantFrom("In", "NotIn", "Exists", "DoesNotExist")),
        fromAll: fc.record({ namespaces: uniq(glob) }),
      }),
      { nil: undefined },
    ),
    referenceGrants: fc.option(
      fc.record({
        unlisted: fc.constantFrom("deny", "allow"),
        rules: fc.array(
          fc.record({
            from: fc.record({ kind: fc.constantFrom("HTTPRoute", "Gateway", "GRPCRoute"), namespaces: uniq(glob) }),
            to: fc.record({ kind: fc.constantFrom("Service", "Secret"), namespaces: uniq(glob), requireName: fc.boolean() }),
          }),
          { maxLength: 3 },
        ),
        requireGrantForCrossNamespaceRefs: fc.boolean(),
      }),
      { nil: undefined },
    ),
    fourTier: fc.boolean(),
    personas: fc.option(
      fc.record({
        infrastructureProviders: subjects,
        clusterOperators: fc.record({ groups: uniq(label), users: uniq(label), gatewayClassWrite: fc.boolean() }),
        admins: fc.array(namespaced(1), { maxLength: 2 }),
        devs: fc.array(namespaced(0), { maxLength: 3 }),
        enforceWithAdmission: fc.boolean(),
      }),
      { nil: undefined },
    ),
  })
  .map((r) => {
    const p = policy(r.name, { enforcementAction: r.enforcementAction, exemptNamespaces: r.exemptNamespaces });
    if (r.gatewayClasses) p.spec.gatewayClasses = r.gatewayClasses;
    if (r.routeBinding) p.spec.routeBinding = r.routeBinding;
    if (r.referenceGrants) p.spec.referenceGrants = r.referenceGrants;
    if (r.personas) {
      p.spec.personas = personas({
        model: r.fourTier ? "four-tier" : "three-tier",
        infrastructureProviders: r.personas.infrastructureProviders,
        clusterOperators: r.personas.clusterOperators,
        applicationAdmins: r.fourTier ? r.personas.admins : [],
        applicationDevelopers: r.fourTier ? r.personas.devs.map((d) => (d.namespaces.length > 0 ? d : { ...d, namespaces: ["default"] })) : r.personas.devs,
        enforceWithAdmission: r.personas.enforceWithAdmission,
      });
    }
    return p;
  });

describe("renderBundle on arbitrary valid models", () => {
  it("is deterministic, passes the shape checks, and carries parameters unchanged", () => {
    const files = stubPackageFiles();
    fc.assert(
      fc.property(model, (m) => {
        const a = renderBundle(m, { packageFiles: files });
        const b = renderBundle(structuredClone(m), { packageFiles: files });
        expect(comparableFiles(b)).toEqual(comparableFiles(a));
        expect(shapeProblems(a)).toEqual([]);
        const objects = bundleObjects(a);
        for (const c of planConstraints(m)) {
          const o = objects.find((x) => x.object.kind === c.kind && x.object.metadata.name === c.name);
          expect(o, c.name).toBeDefined();
          expect((o!.object.spec as any).parameters ?? {}).toEqual(c.parameters);
          expect((o!.object.spec as any).match.excludedNamespaces ?? []).toEqual(m.spec.exemptNamespaces);
        }
      }),
      { numRuns: 40 },
    );
  });
});
