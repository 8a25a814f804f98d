import { Command, CommanderError } from "commander";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { registerCompilerCommands } from "../../src/cli/compiler.js";
import { runCli } from "../../src/cli/main.js";
import { formatDiagnostic, GwpcError } from "../../src/diag/index.js";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

const mainSource = fs.readFileSync(fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url)), "utf8");
/** Whether src/cli/main.ts registers the compiler commands yet (the lead wires it). */
export const wiredInMain = mainSource.includes("registerCompilerCommands(");

/**
 * The compiler commands with captured output: through runCli once main.ts
 * registers them, else on a fresh program with runCli's error handling
 * (GwpcError -> its diagnostics and exit code; usage errors exit 2).
 */
export async function gwpc(argv: string[], cwd: string): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const io = { stdout: (t: string) => void (stdout += t), stderr: (t: string) => void (stderr += t), cwd, isTTY: false };
  if (wiredInMain) {
    const code = await runCli(argv, io);
    return { code, stdout, stderr };
  }
  let exitCode = 0;
  const program = new Command("gwpc").exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  registerCompilerCommands(program, { io, setExit: (c) => void (exitCode = Math.max(exitCode, c)), resolve: (p) => path.resolve(cwd, p) });
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) return { code: e.exitCode === 0 ? 0 : 2, stdout, stderr };
    if (e instanceof GwpcError) {
      io.stderr(e.diagnostics.map((d) => `gwpc: ${formatDiagnostic(d)}`).join("\n") + "\n");
      return { code: e.exitCode, stdout, stderr };
    }
    throw e;
  }
  return { code: exitCode, stdout, stderr };
}

/** Write files (relative path -> text) under dir. */
export function writeTree(dir: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    const p = path.join(dir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
  }
}
