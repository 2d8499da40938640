/**
 * Run a command on the client's own stdin/stdout/stderr: the file
 * descriptors sshd gave us are inherited as they are, so scp, sftp, rsync,
 * git and pipes see exactly the bytes the client sends, at full speed, with
 * the wrapper out of the data path.
 */
import type { ExecPlan } from "./plan-command.js";
import { type Outcome, outcomeOf } from "./outcome.js";
import { endProcessGroup } from "./end-process-group.js";
import type { SessionSignals } from "./session-signals.js";

export async function runPassthrough(
  plan: ExecPlan,
  env: Record<string, string>,
  signals: SessionSignals,
  onSpawn: (pgid: number) => void,
): Promise<Outcome> {
  const proc = Bun.spawn(plan.argv, {
    argv0: plan.argv0,
    env,
    stdio: ["inherit", "inherit", "inherit"],
    // Its own session and process group, so a disconnect can end the whole job.
    detached: true,
  });
  onSpawn(proc.pid);
  signals.onStop(() => endProcessGroup(proc.pid, proc.exited));
  await proc.exited;
  return outcomeOf(proc, signals.received);
}
