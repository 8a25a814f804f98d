import type { Command } from "commander";
import type { CommandContext } from "./main.js";

/** validate, init, compile: the policy file -> bundle commands. */
export function registerFoundationCommands(_program: Command, _ctx: CommandContext): void {}
