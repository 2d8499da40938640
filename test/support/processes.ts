/** Look for processes of the test account by their command line (via /proc, no pgrep quirks). */
import { readdirSync, readFileSync, statSync } from "node:fs";

export function findProcesses(uid: number, pattern: RegExp): number[] {
  const pids: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (statSync(`/proc/${name}`).uid !== uid) continue;
      const cmdline = readFileSync(`/proc/${name}/cmdline`, "utf8").replaceAll("\0", " ").trim();
      if (pattern.test(cmdline)) pids.push(Number(name));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}

/** Processes (any user) whose environment carries RATIONALE_SESSION=<session>: a session's shell and its jobs. */
export function findSessionProcesses(session: string): number[] {
  const needle = `\0RATIONALE_SESSION=${session}\0`;
  const pids: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (("\0" + readFileSync(`/proc/${name}/environ`, "latin1")).includes(needle)) pids.push(Number(name));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}
