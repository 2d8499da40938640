/**
 * The `rationale` command line: parses argv once and runs one command.
 * Returns what the process should do on exit; nothing here calls
 * process.exit, so tests can call main().
 */
import { Argument, Command, CommanderError, Option } from "commander";
import { mkdirSync } from "node:fs";
import { homedir, userInfo } from "node:os";
import { basename, join } from "node:path";
import type { Readable } from "node:stream";
import { RATIONALE, RATIONALE_CLIENT } from "@rationale/shared/variables";
import { BASH, ZSH } from "../completion/scripts.js";
import { loadConfig } from "../config/load-config.js";
import { xdgPaths } from "../config/xdg.js";
import { DEFAULT_PROBE_RATIONALE, runDoctor } from "../doctor/run-doctor.js";
import { obtainRationale } from "../rationale/obtain-rationale.js";
import type { ReportOptions } from "../report/run-report.js"; // a type only: the code loads in the action
import { type Outcome, runTool } from "../run/run-tool.js";
import { runSetup } from "../setup/run-setup.js";
import { querySshConfig } from "../ssh/query-ssh-config.js";
import { needsOwnMaster, ownControlPath, sshArgv } from "../ssh/ssh-argv.js";
import { CliError, EXIT } from "./exit-codes.js";
import { COMPLETION_EXAMPLES, DOCTOR_EXAMPLES, EXEC_EXAMPLES, MAIN_EXAMPLES, REPORT_EXAMPLES, SETUP_EXAMPLES, SSH_EXAMPLES } from "./help-texts.js";

declare const RATIONALE_VERSION: string;
const VERSION = typeof RATIONALE_VERSION === "string" ? RATIONALE_VERSION : "0.0.0-dev";

export interface Context {
  argv: string[];
  env: Readonly<Record<string, string | undefined>>;
  out: (s: string) => void;
  err: (s: string) => void;
  /** What `report` reads when no file is named (process.stdin in the program). */
  stdin?: Readable & { isTTY?: boolean };
}

/**
 * ssh puts control sockets under the passwd home directory, whatever $HOME
 * says, and cannot create ~/.ssh itself.
 */
function ownMasterPath(): string {
  const home = userInfo().homedir;
  mkdirSync(join(home, ".ssh"), { recursive: true, mode: 0o700 });
  return ownControlPath(home);
}

interface GlobalOptions {
  rationale?: string;
  client?: string;
}

export async function main(ctx: Context): Promise<Outcome> {
  let result: Outcome = { code: EXIT.ok };
  const paths = xdgPaths(ctx.env, ctx.env.HOME || homedir());

  /** The rationale and client for a run, after the user's and team's rules. */
  const settle = async (opts: GlobalOptions, defaultClient: string) => {
    const { config, ignored } = loadConfig(paths);
    for (const k of ignored) ctx.err(`rationale: warning: "${k}" in ${paths.userConfig} is pinned by a team config; the team's value applies\n`);
    const got = await obtainRationale({ option: opts.rationale, env: ctx.env[RATIONALE], config, historyFile: paths.history });
    if (got.warning) ctx.err(`rationale: warning: ${got.warning}\n`);
    const client = opts.client || ctx.env[RATIONALE_CLIENT] || defaultClient;
    return { [RATIONALE]: got.text, [RATIONALE_CLIENT]: client };
  };

  const program = new Command("rationale")
    .description("State why you connect: runs ssh (or any tool) with RATIONALE and RATIONALE_CLIENT sent to the server.")
    .version(VERSION, "-V, --version", "show the version")
    .helpOption("-h, --help", "show help")
    .option("-m, --rationale <text>", "why you connect (else $RATIONALE, else asked on the terminal)")
    .option("--client <name>", "client name sent as RATIONALE_CLIENT (else $RATIONALE_CLIENT, else per command)")
    .enablePositionalOptions()
    .showHelpAfterError("(rationale --help shows usage)")
    .exitOverride()
    .configureOutput({ writeOut: ctx.out, writeErr: ctx.err })
    .addHelpText("after", MAIN_EXAMPLES);
  program.addHelpCommand("help [command]", "show help for a command");

  program
    .command("ssh")
    .description("run ssh with the rationale sent (SendEnv RATIONALE RATIONALE_CLIENT)")
    .argument("[ssh-args...]", "anything ssh accepts: options, destination, command")
    .allowUnknownOption()
    .allowExcessArguments()
    .passThroughOptions()
    .helpOption("--help", "show help")
    .addHelpText("after", SSH_EXAMPLES)
    .action(async (args: string[]) => {
      if (!args.length) throw new CliError("rationale ssh needs a destination, as ssh does: rationale ssh [ssh options] HOST [command]");
      const env = await settle(program.opts<GlobalOptions>(), "ssh");
      const config = querySshConfig(args);
      result = await runTool("ssh", sshArgv(args, config && needsOwnMaster(config, args) ? ownMasterPath() : undefined), env);
    });

  program
    .command("exec")
    .description("run any command with RATIONALE and RATIONALE_CLIENT exported")
    .argument("<command...>", "the command and its arguments (put -- before it)")
    .option("-m, --rationale <text>", "why you connect")
    .option("--client <name>", "RATIONALE_CLIENT to export (default: the command's name)")
    .passThroughOptions()
    .addHelpText("after", EXEC_EXAMPLES)
    .action(async (command: string[], opts: GlobalOptions) => {
      const global = program.opts<GlobalOptions>();
      const env = await settle({ rationale: opts.rationale ?? global.rationale, client: opts.client ?? global.client }, basename(command[0]!));
      result = await runTool(command[0]!, command.slice(1), env);
    });

  program
    .command("setup")
    .description("make plain ssh send the rationale: a marked SendEnv block in ~/.ssh/config")
    .argument("[host-patterns...]", "ssh Host patterns the block applies to", ["*"])
    .option("--remove", "delete the block")
    .option("--dry-run", "show the change as a diff, write nothing")
    .addOption(new Option("--file <path>", "the ssh client config to edit").default(join(ctx.env.HOME || homedir(), ".ssh", "config"), "~/.ssh/config"))
    .addHelpText("after", SETUP_EXAMPLES)
    .action(async (patterns: string[], opts: { remove?: boolean; dryRun?: boolean; file: string }) => {
      result = { code: await runSetup({ file: opts.file, patterns, remove: !!opts.remove, dryRun: !!opts.dryRun, out: ctx.out }) };
    });

  program
    .command("doctor")
    .description("check that a server receives the rationale, and say what to fix")
    .argument("<ssh-args...>", "[ssh options] HOST")
    .option("--json", "findings as JSON")
    .allowUnknownOption()
    .passThroughOptions()
    .addHelpText("after", DOCTOR_EXAMPLES)
    .action(async (args: string[], opts: { json?: boolean }) => {
      const global = program.opts<GlobalOptions>();
      const rationale = global.rationale ?? (ctx.env[RATIONALE]?.trim() ? ctx.env[RATIONALE]! : DEFAULT_PROBE_RATIONALE);
      result = { code: await runDoctor({ args, rationale, out: ctx.out, json: !!opts.json }) };
    });

  const collect = (v: string, all: string[] = []) => [...all, v];
  program
    .command("report")
    .description("summarise the servers' records: sessions, durations, weak rationales, automation runs; text, JSON, CSV or HTML")
    .argument("[files...]", "syslog files, plain or .gz; - or nothing for stdin")
    .option("--since <time>", "only sessions that started at or after this time (2026-11-01, 7d)")
    .option("--until <time>", "only sessions that started at or before this time")
    .option("--user <names>", "only these users (comma-separated; repeatable)", collect)
    .option("--client <names>", "only these clients, e.g. ansible,interactive (repeatable)", collect)
    .option("--host <names>", "only these hosts, as syslog names them (repeatable)", collect)
    .option("--json", "print the whole report as JSON")
    .option("--csv", "print one CSV row per session instead of the summary")
    .option("--html <file>", "also write a self-contained HTML page with charts")
    .option("--automation <clients>", "clients whose sessions form runs", "ansible,capistrano")
    .option("--run-gap <duration>", "longest pause inside one run", "10m")
    .option("--lost-after <duration>", "a session with no end record older than this is lost, not open", "7d")
    .option("--top <n>", "rows in the longest-sessions and recent lists", "10")
    .option("--tag <tag>", "the servers' SyslogTag", "rationale")
    .addHelpText("after", REPORT_EXAMPLES)
    .action(async (files: string[], opts: ReportOptions) => {
      // Loaded here only: ssh, exec and the others do not pay for the report code.
      const { runReport } = await import("../report/run-report.js");
      result = { code: await runReport(files, opts, { out: ctx.out, err: ctx.err, stdin: ctx.stdin ?? process.stdin, now: Date.now() }) };
    });

  program
    .command("completion")
    .description("print a completion script for bash or zsh")
    .addArgument(new Argument("<shell>", "bash or zsh").choices(["bash", "zsh"]))
    .addHelpText("after", COMPLETION_EXAMPLES)
    .action((shell: "bash" | "zsh") => {
      ctx.out(shell === "bash" ? BASH : ZSH);
    });

  try {
    await program.parseAsync(ctx.argv, { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end here with status 0; usage errors were printed by commander.
      return { code: e.exitCode === 0 ? EXIT.ok : EXIT.usage };
    }
    if (e instanceof CliError) {
      ctx.err(`rationale: ${e.message}\n`);
      return { code: e.exitCode };
    }
    throw e;
  }
  return result;
}
