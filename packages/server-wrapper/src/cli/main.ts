/**
 * Command-line entry. `wrap` is dispatched first and directly: it runs for
 * every SSH session, so it loads nothing the other commands need; every
 * other command is loaded only when it is the one asked for.
 */
import { DOCTOR_HELP, FLUSH_HELP, INSTALL_HELP, SANDBOX_HELP, SESSIONS_HELP, UNINSTALL_HELP, USAGE, WRAP_HELP } from "./help.js";
import { parseWrapArgs } from "./wrap-args.js";
import { EX_USAGE } from "../sysexits.js";

declare const RATIONALE_VERSION: string | undefined;
export const VERSION = typeof RATIONALE_VERSION === "string" ? RATIONALE_VERSION : "0.0.0-dev";


export type MainResult = { status: number } | { signal: string; status: number };

type Run = (argv: string[]) => Promise<MainResult>;

/** The operator commands: help text and a lazy loader each. */
const COMMANDS: Record<string, { help: string; load: () => Promise<Run> }> = {
  flush: { help: FLUSH_HELP, load: async () => runFlushArgs },
  sessions: { help: SESSIONS_HELP, load: async () => (await import("./run-sessions.js")).runSessions },
  sandbox: { help: SANDBOX_HELP, load: async () => (await import("./run-sandbox.js")).runSandbox },
  doctor: { help: DOCTOR_HELP, load: async () => (await import("./run-doctor.js")).runDoctor },
  install: { help: INSTALL_HELP, load: async () => { const { runInstall } = await import("./run-install.js"); return (argv) => runInstall(argv, VERSION); } },
  uninstall: { help: UNINSTALL_HELP, load: async () => (await import("./run-uninstall.js")).runUninstall },
};

export async function main(argv: readonly string[]): Promise<MainResult> {
  const [command, ...rest] = argv;
  if (command === "wrap") {
    if (rest.includes("--help") || rest.includes("-h")) return print(WRAP_HELP, 0);
    const { runWrap } = await import("./run-wrap.js");
    return runWrap(parseWrapArgs(rest));
  }
  const sub = command === undefined ? undefined : COMMANDS[command];
  if (sub) {
    if (rest.includes("--help") || rest.includes("-h")) return print(sub.help, 0);
    return (await sub.load())(rest);
  }
  if (command === undefined || command === "--help" || command === "-h") return print(USAGE, command ? 0 : EX_USAGE);
  if (command === "--version" || command === "-V") return print(`rationale-server ${VERSION}\n`, 0);
  if (command === "help") return print(rest[0] === "wrap" ? WRAP_HELP : (COMMANDS[rest[0] ?? ""]?.help ?? USAGE), 0);
  process.stderr.write(`rationale-server: unknown command "${command}"\nRun 'rationale-server --help' for the list of commands.\n`);
  return { status: EX_USAGE };
}

async function runFlushArgs(rest: string[]): Promise<MainResult> {
  const args = parseWrapArgs(rest);
  if (args.problems.length) {
    process.stderr.write(args.problems.map((p) => p.replace(/^ForceCommand: /, "rationale-server flush: ")).join("\n") + "\n");
    return { status: EX_USAGE };
  }
  const { runFlush } = await import("./run-flush.js");
  return runFlush(args.configPath);
}

function print(text: string, status: number): MainResult {
  (status === 0 ? process.stdout : process.stderr).write(text);
  return { status };
}
