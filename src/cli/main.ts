import { Command, CommanderError } from "commander";
import * as path from "node:path";
import { GwpcError, formatDiagnostic } from "../index.js";
import type { CliIO } from "./io.js";
import { registerFoundationCommands } from "./foundation.js";
import { registerCompilerCommands } from "./compiler.js";

/**
 * The CLI: argv -> public API -> output and exit code. Exit 0 success,
 * 1 policy violations or failed tests, 2 usage or input errors. User errors
 * print their diagnostics, never a stack trace unless --debug.
 */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const program = new Command("gwpc")
    .description("Gateway Policy Compiler: Gateway API policy -> OPA Gatekeeper bundle, tested through WebAssembly")
    .option("--debug", "print stack traces for internal errors")
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  let exitCode = 0;
  const setExit = (code: number) => {
    exitCode = Math.max(exitCode, code);
  };
  const resolve = (p: string) => path.resolve(io.cwd, p);
  registerFoundationCommands(program, { io, setExit, resolve });
  registerCompilerCommands(program, { io, setExit, resolve });

  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version exit 0; anything else is a usage error.
      return e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof GwpcError) {
      io.stderr(e.diagnostics.map((d) => `gwpc: ${formatDiagnostic(d)}`).join("\n") + "\n");
      return e.exitCode;
    }
    const debug = argv.includes("--debug");
    const msg = e instanceof Error ? e.message : String(e);
    io.stderr(`gwpc: internal error: ${msg}${debug && e instanceof Error ? `\n${e.stack}` : " (run with --debug for details)"}\n`);
    return 70;
  }
  return exitCode;
}

export interface CommandContext {
  io: CliIO;
  setExit: (code: number) => void;
  resolve: (p: string) => string;
}
