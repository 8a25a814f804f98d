/**
 * `npm run conformance`: every case of OPA's conformance corpus
 * (../shared/conformance/opa) through compileQuery -> backend -> SDK.
 *
 *   vite-node scripts/conformance.ts [filter] [--json] [--verbose] [--corpus dir]
 *
 * `filter` keeps cases whose note or file path contains it. Known failures
 * are data (test/conformance/exceptions.yaml: note -> reason); the pass
 * count may not drop below test/conformance/floor.txt. Exit 1 on any wrong
 * result or a pass count under the floor.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import { frontendProblem } from "../src/engine/index.js";
import { loadCorpus } from "./conformance-cases.js";
import { classify } from "./conformance-classify.js";
import { caseResult, countsLine, exitCode, failedLine, failureList, summarize, topicTable, unsupportedReasons } from "./conformance-report.js";
import { runCase } from "./conformance-run.js";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function main(argv: string[]): number {
  const json = argv.includes("--json");
  const verbose = argv.includes("--verbose") || argv.includes("-v");
  const corpusAt = argv.indexOf("--corpus");
  const corpus = corpusAt >= 0 && argv[corpusAt + 1] ? path.resolve(argv[corpusAt + 1]!) : path.resolve(repo, "../shared/conformance/opa");
  const filter = argv.find((a, i) => !a.startsWith("-") && argv[i - 1] !== "--corpus");

  if (!fs.existsSync(corpus)) {
    const msg = `conformance: corpus missing (${corpus}); nothing to run`;
    if (json) console.log(JSON.stringify({ missing: corpus, summary: { passed: 0, failed: 0 } }));
    else console.log(`${msg}\nconformance: 0 passed, 0 failed`);
    return 0;
  }
  const exceptions = readExceptions(path.join(repo, "test/conformance/exceptions.yaml"));
  const floor = filter ? 0 : readFloor(path.join(repo, "test/conformance/floor.txt"));
  const { cases, problems } = loadCorpus(corpus);
  const selected = filter ? cases.filter((c) => c.note.includes(filter) || c.file.includes(filter)) : cases;
  const start = performance.now();
  const results = selected.map((c) => caseResult(c, classify(c, runCase(c)), exceptions));
  const summary = summarize(results, floor, exceptions);
  const seconds = ((performance.now() - start) / 1000).toFixed(1);

  if (json) {
    console.log(JSON.stringify({ corpus, frontend: frontendProblem() ?? "available", problems, results, summary }, null, 2));
    return exitCode(summary);
  }
  const out: string[] = [];
  const problem = frontendProblem();
  if (problem) out.push(`note: ${problem}: every case is unsupported\n`);
  for (const p of problems) out.push(`corpus problem: ${p}\n`);
  out.push(topicTable(results), "\n");
  out.push(failureList(results, { verbose }));
  if (verbose || !problem) out.push(unsupportedReasons(results, verbose ? 50 : 10));
  const excused = results.filter((r) => r.exception !== undefined).length;
  if (excused > 0) out.push(`${excused} known failures listed in test/conformance/exceptions.yaml\n`);
  if (summary.staleExceptions.length > 0) out.push(`exceptions no longer needed (their cases pass or are unsupported; remove them): ${summary.staleExceptions.join("; ")}\n`);
  if (summary.belowFloor) out.push(`FLOOR: ${summary.passed} passed is below the committed floor ${summary.floor} (test/conformance/floor.txt)\n`);
  out.push(`${selected.length} cases in ${seconds}s\n`);
  out.push(countsLine(summary), "\n", failedLine(summary), "\n");
  process.stdout.write(out.join(""));
  return exitCode(summary);
}

function readExceptions(file: string): Map<string, string> {
  if (!fs.existsSync(file)) return new Map();
  const v = parseYaml(fs.readFileSync(file, "utf8")) as unknown;
  if (v === null || v === undefined) return new Map();
  if (typeof v !== "object" || Array.isArray(v)) throw new Error(`${file}: must map case notes to reasons`);
  return new Map(Object.entries(v as Record<string, unknown>).map(([k, r]) => [k, String(r)]));
}

function readFloor(file: string): number {
  if (!fs.existsSync(file)) return 0;
  const n = Number.parseInt(fs.readFileSync(file, "utf8").trim(), 10);
  return Number.isFinite(n) ? n : 0;
}

process.exitCode = main(process.argv.slice(2));
