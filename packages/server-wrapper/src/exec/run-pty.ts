/**
 * Run an interactive session under a new pseudo-terminal, proxied to the
 * client's terminal. The proxy is what makes a crash or kill of the wrapper
 * end the session: the shell's terminal lives in this process, so if the
 * wrapper goes, the shell gets a hang-up instead of running on unrecorded.
 *
 * The inner terminal starts with the outer one's modes (as sshd set them
 * from the client's request) and size, and follows every resize (SIGWINCH).
 */
import type { ExecPlan } from "./plan-command.js";
import { type Outcome, outcomeOf } from "./outcome.js";
import type { OuterTerminal } from "./outer-terminal.js";
import { endProcessGroup } from "./end-process-group.js";
import type { SessionSignals } from "./session-signals.js";
import { termiosFlags } from "../platform/libc.js";

/**
 * After the shell exits, keep copying output until it has been quiet for
 * QUIET_MS (what the shell wrote last is already in the PTY and arrives at
 * once), but no longer than DRAIN_MS (a background job may keep writing).
 * Bun.Terminal's exit callback cannot tell us: it fires only on close(),
 * because Bun keeps its own handle on the inner terminal. A fixed wait here
 * cost every `ssh -tt host cmd` session (Ansible uses -tt) 250 ms.
 */
const QUIET_MS = 10;
const DRAIN_MS = 250;

export async function runUnderPty(
  plan: ExecPlan,
  env: Record<string, string>,
  outer: OuterTerminal,
  signals: SessionSignals,
  onSpawn: (pgid: number) => void,
): Promise<Outcome> {
  const { cols, rows } = outer.size();
  let lastOutput = performance.now();
  let ptyClosed!: () => void;
  const closed = new Promise<void>((r) => (ptyClosed = r));
  const terminal = new Bun.Terminal({
    cols,
    rows,
    name: env.TERM || "dumb",
    data: (_t, data) => {
      lastOutput = performance.now();
      outer.write(data);
    },
    exit: () => ptyClosed(),
  });
  const modes = termiosFlags(outer.saved);
  terminal.inputFlags = modes.iflag;
  terminal.outputFlags = modes.oflag;
  terminal.localFlags = modes.lflag;
  terminal.controlFlags = modes.cflag;

  // detached: a new session whose controlling terminal is the PTY, so the
  // shell gets job control and keys like Ctrl-C become signals inside it.
  const proc = Bun.spawn(plan.argv, { argv0: plan.argv0, env, terminal, detached: true });
  onSpawn(proc.pid);

  const resize = () => {
    const s = outer.size();
    if (!terminal.closed) terminal.resize(s.cols, s.rows);
  };
  process.on("SIGWINCH", resize);
  outer.onInput((data) => {
    if (!terminal.closed) terminal.write(data);
  });
  const hangUp = () => {
    terminal.close(); // the kernel hangs up the inner terminal: SIGHUP to the shell and its jobs
    endProcessGroup(proc.pid, proc.exited);
  };
  signals.onStop(hangUp);
  outer.onClosed(() => signals.received || hangUp());

  await proc.exited;
  let isClosed = false;
  void closed.then(() => (isClosed = true));
  const giveUp = performance.now() + DRAIN_MS;
  for (;;) {
    const now = performance.now();
    if (isClosed || now >= giveUp || now - lastOutput >= QUIET_MS) break;
    await Bun.sleep(Math.min(QUIET_MS - (now - lastOutput), giveUp - now));
  }
  process.off("SIGWINCH", resize);
  outer.onInput(undefined);
  if (!terminal.closed) terminal.close();

  return outcomeOf(proc, signals.received);
}
