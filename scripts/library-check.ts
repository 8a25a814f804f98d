/**
 * gatekeeper-library through the Wasm engine: compile every template under
 * ../shared/gatekeeper-library/library/general/<name>/template.yaml, then run
 * every suite there (src/suite's verify with the WasmEngine).
 *
 *   vite-node scripts/library-check.ts [--verbose]
 *
 * Ends with `library: P passed, F failed` (suite cases); exit 1 if any
 * failed (0 while the Rego front end is absent: it says so). Without
 * ../shared: says so and exits 0.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { formatDiagnostic, GwpcError } from "../src/diag/index.js";
import { frontendProblem, WasmEngine } from "../src/engine/index.js";
import { TemplateCache } from "../src/gatekeeper/index.js";
import { FixtureLoader, formatHuman, verify } from "../src/suite/index.js";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function main(argv: string[]): number {
  const verbose = argv.includes("--verbose") || argv.includes("-v");
  const general = path.resolve(repo, "../shared/gatekeeper-library/library/general");
  if (!fs.existsSync(general)) {
    console.log(`library: gatekeeper-library missing (${general}); nothing to run\nlibrary: 0 passed, 0 failed`);
    return 0;
  }
  const problem = frontendProblem();
  if (problem) console.log(`note: ${problem}`);

  const engine = new WasmEngine();
  const cache = new TemplateCache(engine);
  const loader = new FixtureLoader();
  const names = fs.readdirSync(general).filter((d) => fs.existsSync(path.join(general, d, "template.yaml"))).sort();
  let compiled = 0;
  const failures: string[] = [];
  const start = performance.now();
  for (const name of names) {
    const abs = path.join(general, name, "template.yaml");
    const shown = path.relative(process.cwd(), abs);
    try {
      cache.get(loader.template(abs, shown));
      compiled++;
    } catch (e) {
      const why = e instanceof GwpcError ? e.diagnostics.map(formatDiagnostic).join("\n    ") : e instanceof Error ? e.message : String(e);
      failures.push(`  ${name}: ${why}`);
    }
  }
  const compileMs = performance.now() - start;
  console.log(`templates: ${compiled} compiled, ${failures.length} failed (${names.length} in ${(compileMs / 1000).toFixed(2)}s)`);
  if (failures.length > 0) console.log((verbose ? failures : failures.slice(0, 15)).join("\n") + (!verbose && failures.length > 15 ? `\n  ... ${failures.length - 15} more (--verbose)` : ""));

  const report = verify([`${path.relative(process.cwd(), general) || "."}/...`], { engine: cache, loader });
  const text = formatHuman(report, { color: false, durations: false });
  const lines = text.trimEnd().split("\n");
  // The failing cases and the closing lines; every passing case only when verbose.
  console.log(lines.filter((l) => verbose || !l.startsWith("ok  ")).join("\n"));
  const c = report.counts;
  console.log(`library: ${c.passed} passed, ${c.failed + c.errors} failed`);
  // Without the front end nothing can pass; that is reported above, not a regression of this check.
  return c.failed + c.errors > 0 && !problem ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
