/**
 * End a command and everything it started: SIGHUP to its process group (what
 * a hung-up terminal would send), then SIGKILL to whatever is left after a
 * grace period. The command runs in its own session (setsid), so its pid is
 * its process group id.
 */
export const GRACE_MS = 2000;

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

export function endProcessGroup(pgid: number, exited: Promise<unknown>, graceMs = GRACE_MS): void {
  signalGroup(pgid, "SIGHUP");
  signalGroup(pgid, "SIGCONT"); // a stopped job would never see the SIGHUP
  const timer = setTimeout(() => signalGroup(pgid, "SIGKILL"), graceMs);
  void exited.finally(() => clearTimeout(timer));
}

/** For a wrapper that is about to exit abnormally: no grace period is left to give. */
export function killProcessGroupNow(pgid: number): void {
  signalGroup(pgid, "SIGHUP");
  signalGroup(pgid, "SIGCONT");
  signalGroup(pgid, "SIGKILL");
}
