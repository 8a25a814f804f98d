import type { Command } from "commander";
import * as fs from "node:fs";
import * as path from "node:path";
import {
  describePolicy, exitCodeFor, loadPolicyFile, packageFile, readPolicyFile,
  renderBundle, writeBundleAtomic, GwpcError, error, formatDiagnostic, type Diagnostic,
} from "../index.js";
import type { CommandContext } from "./main.js";

/** The commented example `gwpc init` writes, as shipped in the package. */
const INIT_EXAMPLE = "examples/policy.yaml";

/** Why `init` could not write its file, by errno code, phrased for that file. */
const INIT_WRITE_ERRORS: Record<string, string> = {
  EEXIST: "already exists; use --force to overwrite it",
  ENOENT: "its directory does not exist",
  EISDIR: "is a directory",
  EACCES: "permission denied",
  EPERM: "permission denied",
  ENOTDIR: "a parent of this path is not a directory",
  EROFS: "read-only file system",
};

/** validate, init, compile: the policy file -> bundle commands. */
export function registerFoundationCommands(program: Command, ctx: CommandContext): void {
  program
    .command("validate")
    .description("check a policy file against the schema and the semantic rules")
    .argument("<policy.yaml>", "the policy file")
    .action((file: string) => validate(file, ctx));

  program
    .command("init")
    .description("write a commented example policy file (to stdout when FILE is - or absent)")
    .argument("[file]", "where to write it")
    .option("-f, --force", "overwrite an existing file")
    .action((file: string | undefined, opts: { force?: boolean }) => init(file, opts.force === true, ctx));

  program
    .command("compile")
    .description("compile a policy file into a Gatekeeper bundle directory")
    .argument("<policy.yaml>", "the policy file")
    .requiredOption("-o, --output <dir>", "the bundle directory (replaced atomically)")
    .action((file: string, opts: { output: string }) => compile(file, opts.output, ctx));
}

function validate(file: string, ctx: CommandContext): void {
  const r = readPolicyFile(ctx.resolve(file), file);
  printWarnings(r.diagnostics, ctx);
  const errors = r.diagnostics.filter((d) => d.severity === "error");
  if (!r.policy || errors.length > 0) throw new GwpcError(errors, exitCodeFor(errors));
  ctx.io.stdout(`${file}: valid (${describePolicy(r.policy)})\n`);
}

function init(file: string | undefined, force: boolean, ctx: CommandContext): void {
  const example = readExample();
  if (file === undefined || file === "-") {
    ctx.io.stdout(example);
    return;
  }
  const target = ctx.resolve(file);
  try {
    // "wx" makes the existence check and the write one step: no race with another writer.
    fs.writeFileSync(target, example, { flag: force ? "w" : "wx" });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "";
    const why = INIT_WRITE_ERRORS[code] ?? `cannot write: ${e instanceof Error ? e.message : String(e)}`;
    throw new GwpcError([error("gwpc_io", why, { file, line: 0, col: 0 })]);
  }
  ctx.io.stdout(`wrote ${file}: edit it, then run \`gwpc validate ${file}\`\n`);
}

function compile(file: string, output: string, ctx: CommandContext): void {
  const policy = loadPolicyFile(ctx.resolve(file), { displayName: file, onWarning: (d) => printWarnings([d], ctx) });
  const files = renderBundle(policy, { sourceName: file });
  writeBundleAtomic(ctx.resolve(output), files);
  const dir = output.endsWith("/") ? output : `${output}/`;
  for (const name of files.keys()) ctx.io.stdout(`  ${dir}${name}\n`);
  ctx.io.stdout(`compiled ${file} -> ${dir} (${files.size} files; ${describePolicy(policy)})\n`);
}

function printWarnings(ds: readonly Diagnostic[], ctx: CommandContext): void {
  for (const d of ds) if (d.severity === "warning") ctx.io.stderr(`gwpc: warning: ${formatDiagnostic(d)}\n`);
}

function readExample(): string {
  const p = packageFile(INIT_EXAMPLE);
  try {
    return fs.readFileSync(p, "utf8");
  } catch (e) {
    // The example ships with the package; missing means a broken install, not a user error.
    throw new Error(`cannot read ${path.relative(process.cwd(), p) || p} from the gwpc package: ${e instanceof Error ? e.message : String(e)}`);
  }
}
