import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runCli } from "../../src/cli/main.js";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** runCli with captured output, as bin/gwpc.js would run it in `cwd`. */
export async function run(argv: string[], cwd: string): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    cwd,
    isTTY: false,
  });
  return { code, stdout, stderr };
}

/** A fresh temporary directory; removed by cleanupTempDirs. */
const made: string[] = [];
export function tempDir(prefix = "gwpc-cli-"): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(d);
  return d;
}

export function cleanupTempDirs(): void {
  for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

/** Every file under dir (relative POSIX path -> content, directories as "<dir>"), to compare before and after. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, rel: string) => {
    if (!fs.existsSync(d)) return;
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        out[r] = "<dir>";
        walk(path.join(d, e.name), r);
      } else {
        out[r] = fs.readFileSync(path.join(d, e.name), "latin1");
      }
    }
  };
  walk(dir, "");
  return out;
}

/** A stack frame line, as Node prints them: never in user-facing output. */
export const STACK_LINE = /^\s+at\s/m;

/** The package's examples folder. */
export const EXAMPLES = path.resolve(import.meta.dirname, "../../examples");
