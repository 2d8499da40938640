/**
 * 5. 100 concurrent idle sessions (`sleep`, and interactive shells under the
 * wrapper's PTY): proportional set size of the wrapper per session, from
 * /proc/PID/smaps_rollup (PSS splits shared pages between the processes
 * that share them, so it is what each extra session really costs).
 * Target: <= 8 MiB per idle session.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { e2eUid } from "../../test/support/paths.js";
import { findProcesses } from "../../test/support/processes.js";
import { waitFor } from "../../test/support/wait-for.js";
import { type Bench, type Row } from "../support.js";

function pssKiB(pid: number): number {
  try {
    const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

async function idleSessions(b: Bench, count: number, tty: boolean): Promise<number> {
  const uid = e2eUid();
  const clients: ChildProcess[] = [];
  const wrappers = () => findProcesses(uid, /rationale-server wrap/);
  try {
    for (let i = 0; i < count; i++) {
      const argv = tty ? ["-tt", ...b.sshArgs("wrapper"), "127.0.0.1"] : [...b.sshArgs("wrapper"), "127.0.0.1", "sleep", "3600"];
      clients.push(spawn("ssh", argv, { env: b.env, stdio: ["pipe", "ignore", "ignore"] }));
    }
    // Idle means started and waiting: every session has its wrapper and its shell or sleep.
    const idle = tty ? /^-?(ba|da)?sh$|^-(ba|da)?sh/ : /^sleep 3600$/;
    await waitFor(`${count} idle sessions`, () => wrappers().length === count && findProcesses(uid, idle).length >= count, { timeoutMs: 60_000 });
    const pids = wrappers();
    return pids.reduce((sum, p) => sum + pssKiB(p), 0) / pids.length / 1024;
  } finally {
    // Closing the shared connection ends every session on it (a multiplexed
    // client that is killed leaves a non-terminal session running, with or
    // without the wrapper: that is sshd's behaviour).
    spawnSync("ssh", [...b.sshArgs("wrapper"), "-O", "exit", "127.0.0.1"], { env: b.env, stdio: "ignore" });
    for (const c of clients) c.kill("SIGTERM");
    await waitFor("the sessions to end", () => wrappers().length === 0, { timeoutMs: 60_000 });
    b.openMaster("wrapper");
  }
}

export async function memory(b: Bench, count: number): Promise<Row[]> {
  b.openMaster("wrapper");
  const plain = await idleSessions(b, count, false);
  const pty = await idleSessions(b, count, true);
  return [
    { metric: `memory: wrapper PSS per idle session, ${count} non-interactive (sleep)`, value: plain, unit: "MiB", target: { op: "<=", value: 8 } },
    { metric: `memory: wrapper PSS per idle session, ${count} interactive (PTY)`, value: pty, unit: "MiB", target: { op: "<=", value: 8 } },
  ];
}
