/**
 * Run the tool (ssh, scp, a deploy script) on this terminal and hand back
 * how it ended. While it runs, the terminal's Ctrl-C and Ctrl-\ reach it
 * directly (same process group), so we ignore them here rather than die
 * first; SIGTERM and SIGHUP sent to us are passed on. The caller then exits
 * with the tool's status or dies of the tool's signal.
 */
import { constants } from "node:os";
import { CliError, EXIT } from "../cli/exit-codes.js";

export interface Outcome {
  code?: number;
  signal?: NodeJS.Signals;
}

export async function runTool(file: string, args: readonly string[], env: Record<string, string>): Promise<Outcome> {
  const { execa } = await import("execa");
  const child = execa(file, args, { stdio: "inherit", env, extendEnv: true, reject: false, stripFinalNewline: false });
  const ignore = () => {};
  const forward = (sig: NodeJS.Signals) => child.kill(sig);
  const handlers: [NodeJS.Signals, (s: NodeJS.Signals) => void][] = [
    ["SIGINT", ignore],
    ["SIGQUIT", ignore],
    ["SIGTERM", forward],
    ["SIGHUP", forward],
  ];
  for (const [s, h] of handlers) process.on(s, h);
  try {
    const r = await child;
    if (r.signal) return { signal: r.signal };
    if (r.exitCode !== undefined) return { code: r.exitCode };
    const code = r.code ?? (r.cause as NodeJS.ErrnoException | undefined)?.code;
    if (code === "ENOENT") throw new CliError(`${file}: command not found (is it installed and on PATH?)`, EXIT.notFound);
    throw new CliError(`${file}: could not be started: ${r.shortMessage ?? r.message}`, EXIT.cannotExecute);
  } finally {
    for (const [s, h] of handlers) process.off(s, h);
  }
}

/** Exit as the tool did: same status, or the same signal (so shells and CI see the truth). */
export function exitLike(o: Outcome): void {
  if (o.signal) {
    process.kill(process.pid, o.signal);
    // Still here: a signal whose default action is not to end the process.
    process.exitCode = 128 + (constants.signals[o.signal] ?? 0);
    return;
  }
  process.exitCode = o.code ?? 0;
}
