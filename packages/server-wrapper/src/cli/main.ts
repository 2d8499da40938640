/**
 * Command-line entry. `wrap` is dispatched first and directly: it runs for
 * every SSH session, so it loads nothing the other commands need.
 */
import { FLUSH_HELP, INSTALL_HELP, UNINSTALL_HELP, USAGE, WRAP_HELP } from "./help.js";
import { parseWrapArgs } from "./wrap-args.js";

declare const RATIONALE_VERSION: string | undefined;
export const VERSION = typeof RATIONALE_VERSION === "string" ? RATIONALE_VERSION : "0.0.0-dev";

export const EX_USAGE = 64;

export type MainResult = { status: number } | { signal: string; status: number };

export async function main(argv: readonly string[]): Promise<MainResult> {
  const [command, ...rest] = argv;
  if (command === "wrap") {
    if (rest.includes("--help") || rest.includes("-h")) return print(WRAP_HELP, 0);
    const { runWrap } = await import("./run-wrap.js");
    return runWrap(parseWrapArgs(rest));
  }
  if (command === "flush") {
    if (rest.includes("--help") || rest.includes("-h")) return print(FLUSH_HELP, 0);
    const args = parseWrapArgs(rest);
    if (args.problems.length) {
      process.stderr.write(args.problems.map((p) => p.replace(/^ForceCommand: /, "rationale-server flush: ")).join("\n") + "\n");
      return { status: EX_USAGE };
    }
    const { runFlush } = await import("./run-flush.js");
    return runFlush(args.configPath);
  }
  if (command === "install") {
    const { runInstall } = await import("./run-install.js");
    return runInstall(rest, VERSION);
  }
  if (command === "uninstall") {
    const { runUninstall } = await import("./run-uninstall.js");
    return runUninstall(rest);
  }
  if (command === undefined || command === "--help" || command === "-h") return print(USAGE, command ? 0 : EX_USAGE);
  if (command === "--version" || command === "-V") return print(`rationale-server ${VERSION}\n`, 0);
  if (command === "help") return print(HELPS[rest[0] ?? ""] ?? USAGE, 0);
  process.stderr.write(`rationale-server: unknown command "${command}"\nRun 'rationale-server --help' for the list of commands.\n`);
  return { status: EX_USAGE };
}

const HELPS: Record<string, string> = { wrap: WRAP_HELP, flush: FLUSH_HELP, install: INSTALL_HELP, uninstall: UNINSTALL_HELP };

function print(text: string, status: number): MainResult {
  (status === 0 ? process.stdout : process.stderr).write(text);
  return { status };
}
