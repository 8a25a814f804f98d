/**
 * Runs every bench in bench/, each in its own process (so memory and JIT
 * state of one cannot colour the next), in order.
 *
 *   npx vite-node bench/run.ts [names...] [--json] [--quick] [--strict]
 *
 * Names pick benches (`backend`, `frontend`, `harness`); flags go to each bench. With --json the
 * output is one JSON document `{ "benches": [<each bench's report>] }`.
 * The exit code is the worst of the benches' (non-zero only with --strict
 * and a missed goal, or when a bench fails).
 */
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Bench entry points, in the order they run. */
export const BENCHES = ["backend", "frontend", "harness"];

const here = dirname(fileURLToPath(import.meta.url));
const viteNode = join(here, "..", "node_modules", "vite-node", "vite-node.mjs");

const argv = process.argv.slice(2);
const flags = argv.filter((a) => a.startsWith("--"));
const names = argv.filter((a) => !a.startsWith("--"));
const unknown = names.filter((n) => !BENCHES.includes(n));
if (unknown.length > 0) {
  process.stderr.write(`bench: unknown bench ${unknown.join(", ")}; known: ${BENCHES.join(", ")}\n`);
  process.exit(2);
}
const json = flags.includes("--json");
const reports: unknown[] = [];
let code = 0;
for (const name of names.length > 0 ? BENCHES.filter((b) => names.includes(b)) : BENCHES) {
  const r = spawnSync(process.execPath, [viteNode, join(here, `${name}.ts`), ...flags], {
    stdio: json ? ["ignore", "pipe", "inherit"] : "inherit",
    encoding: "utf8",
    maxBuffer: 64 << 20,
  });
  const status = r.status ?? 1;
  if (r.error || status !== 0) process.stderr.write(`bench ${name}: exit ${status}${r.error ? ` (${r.error.message})` : ""}\n`);
  code = Math.max(code, status);
  if (json && status === 0) reports.push(JSON.parse(r.stdout));
  else if (json) reports.push({ bench: name, error: `exit ${status}` });
}
if (json) process.stdout.write(JSON.stringify({ benches: reports }, null, 2) + "\n");
process.exitCode = code;
