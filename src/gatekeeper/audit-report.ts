import { formatDiagnostic } from "../diag/index.js";
import type { AuditReport } from "./audit.js";

/**
 * The human form of an audit: one line per violation, grouped by object
 * (`apiVersion Kind ns/name`), then `N objects, N violations (N deny)`.
 */
export function formatAuditHuman(report: AuditReport, opts: { color: boolean }): string {
  const red = (s: string) => (opts.color ? `\u001b[31m${s}\u001b[0m` : s);
  const out: string[] = [];
  for (const d of report.diagnostics) out.push(red(`error: ${formatDiagnostic(d)}`));
  let deny = 0;
  for (const r of report.results) {
    const o = r.object;
    out.push(`${o.apiVersion} ${o.kind} ${o.namespace ? `${o.namespace}/` : ""}${o.name}`);
    for (const v of r.violations) {
      if (v.enforcementActions.includes("deny")) deny++;
      const action = v.enforcementAction === "deny" ? red("deny") : v.enforcementAction;
      out.push(`  [${action}] ${v.constraint.kind}/${v.constraint.name}: ${v.message}`);
    }
  }
  out.push(`${report.objects} objects, ${report.violations} violations (${deny} deny)`);
  return out.join("\n") + "\n";
}
