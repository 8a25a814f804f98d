#!/usr/bin/env node
import { runCli } from "../dist/cli/main.js";
import { processIO } from "../dist/cli/io.js";

process.exitCode = await runCli(process.argv.slice(2), processIO());
