/** How a command ended, the same shape for both runners. */
import type { EndReason } from "../audit/record.js";

export interface Outcome {
  exitCode?: number;
  /** Signal name (e.g. "SIGTERM") when the command was killed by one. */
  signal?: string;
  reason: EndReason;
}

/** Linux signal numbers (x86-64 and arm64 agree), kept here so the hot path need not load node:os. */
const SIGNALS = [
  "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1",
  "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP",
  "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH",
  "SIGIO", "SIGPWR", "SIGSYS",
];

export function signalNumber(name: string): number | undefined {
  const i = SIGNALS.indexOf(name);
  return i === -1 ? undefined : i + 1;
}

export function signalName(n: number): string {
  return SIGNALS[n - 1] ?? `SIG${n}`;
}

/** The status a shell would report: the exit code, or 128 + the signal number. */
export function shellStatus(o: Outcome): number {
  if (o.signal) return 128 + (signalNumber(o.signal) ?? 0);
  return o.exitCode ?? 1;
}

/** The outcome of an exited process, given which stop signal (if any) the wrapper received. */
export function outcomeOf(
  proc: { exitCode: number | null; signalCode: string | number | null },
  stop: "SIGHUP" | "SIGTERM" | undefined,
): Outcome {
  const code = proc.signalCode;
  const signal = typeof code === "number" ? signalName(code) : (code ?? undefined);
  return {
    exitCode: signal ? undefined : (proc.exitCode ?? undefined),
    signal,
    reason: stop === "SIGHUP" ? "disconnect" : stop === "SIGTERM" ? "terminated" : signal ? "signal" : "exit",
  };
}
