/** How a command ended, the same shape for both runners. */
import { constants } from "node:os";
import type { EndReason } from "../audit/record.js";

export interface Outcome {
  exitCode?: number;
  /** Signal name (e.g. "SIGTERM") when the command was killed by one. */
  signal?: string;
  reason: EndReason;
}

export function signalNumber(name: string): number | undefined {
  return (constants.signals as Record<string, number>)[name];
}

export function signalName(n: number): string {
  const hit = Object.entries(constants.signals as Record<string, number>).find(([, v]) => v === n);
  return hit ? hit[0] : `SIG${n}`;
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
