/**
 * `rationale-server wrap`: the ForceCommand. One function per phase, in the
 * order they happen:
 *   read the session -> load config -> classify -> decide (run / prompt /
 *   deny) -> start record -> run -> end record -> exit like the command did.
 * Effects (spawn, terminal, syslog) are in exec/, prompt/ and audit/sink/;
 * every decision is a pure function imported from elsewhere.
 */
import { AuditLog } from "./audit/audit-log.js";
import { endRecord, problemRecord, refusedRecord, type SessionFacts, spoolLossRecord, startRecord } from "./audit/record.js";
import { openSink } from "./audit/sink/open-sinks.js";
import { classifyCommand } from "./classify/classify-client.js";
import { type Config, effectiveSinks } from "./config/config.js";
import { loadConfig } from "./config/load-config.js";
import { readRawEnviron } from "./env/raw-environ.js";
import { buildSessionContext, ENV_NAMES, type SessionContext } from "./env/session-context.js";
import { OuterTerminal } from "./exec/outer-terminal.js";
import { type Outcome, shellStatus } from "./exec/outcome.js";
import { planCommand } from "./exec/plan-command.js";
import { runPassthrough } from "./exec/run-passthrough.js";
import { runUnderPty } from "./exec/run-pty.js";
import { SessionSignals } from "./exec/session-signals.js";
import { currentAccount, hostname, isatty, localTime, readFile, setParentDeathSignal, writeStderr } from "./platform/libc.js";
import { decideSession } from "./policy/decide-session.js";
import { askRationale } from "./prompt/ask-rationale.js";
import { EX_NOPERM, EX_SOFTWARE } from "./sysexits.js";
import { removeStateFile, writeStateFile } from "./sessions/state-file.js";

export interface WrapOptions {
  configPath?: string;
  /** Problems with the ForceCommand line itself, recorded like config problems. */
  argProblems: string[];
}

/** Exit statuses of the wrapper itself (a command's own status passes through unchanged). */
export const EXIT = {
  denied: EX_NOPERM, // no acceptable rationale for a non-interactive session
  noRationale: 1, // the prompt ended without an answer (Ctrl-D, timeout, hang-up)
  spawnFailed: 127,
  internal: EX_SOFTWARE, // the wrapper failed; no command was run
} as const;

/** How the process should end: an exit status, or a signal to re-raise. */
export type Exit = { status: number } | { signal: string; status: number };

/** Filled in as the session progresses, so a crash can still be recorded with what is known. */
export interface WrapState {
  facts?: SessionFacts;
  log?: AuditLog;
  /** The running command's process group, ended if the wrapper crashes. */
  childPgid?: number;
  /** This session's state file, removed when the session ends however it ends. */
  stateFile?: string;
}

function newSessionId(): string {
  const b = crypto.getRandomValues(new Uint8Array(8));
  return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
}

function readContext(): SessionContext {
  return buildSessionContext({
    env: readRawEnviron(ENV_NAMES, readFile),
    account: (({ uid, name, home, shell }) => ({ uid, user: name, home, shell }))(currentAccount()),
    host: hostname(),
    pid: process.pid,
    tty: isatty(0) && isatty(1),
    sessionId: newSessionId(),
  });
}

export function openLog(config: Config, ctx: Pick<SessionContext, "sessionId" | "host" | "user" | "uid" | "pid">): AuditLog {
  const formatOptions = { facility: config.syslogFacility, tag: config.syslogTag, sdId: config.sdId, localTime };
  return new AuditLog({
    sinks: effectiveSinks(config).map((spec) => openSink(spec, formatOptions)),
    spoolRoot: config.spoolDir,
    uid: ctx.uid,
    timeoutMs: config.sinkTimeoutMs,
    maxSpooled: config.spoolMaxRecords,
    lossRecord: (count, sink) =>
      spoolLossRecord({ session: ctx.sessionId, host: ctx.host, user: ctx.user, uid: ctx.uid, pid: ctx.pid }, count, sink.description, new Date()),
    // Spooled records are not lost and need no word; a record that could not
    // even be spooled is, and the user's stderr is the only channel left.
    onProblem: (message) => writeStderr(`rationale: warning: ${message}\n`),
  });
}

function childEnv(ctx: SessionContext, rationale: string | undefined): Record<string, string> {
  const env: Record<string, string> = { ...(process.env as Record<string, string>) };
  env.RATIONALE_SESSION = ctx.sessionId;
  if (rationale !== undefined) env.RATIONALE = rationale;
  return env;
}

export async function wrap(options: WrapOptions, state: WrapState = {}): Promise<Exit> {
  const t0 = performance.now();
  const signals = new SessionSignals().install();
  // A dropped connection kills sshd-session; the kernel then tells us with SIGHUP.
  setParentDeathSignal(1 /* SIGHUP */);

  const ctx = readContext();
  const { config, problems } = loadConfig(options.configPath, readFile);
  const log = (state.log = openLog(config, ctx));
  const facts: SessionFacts = (state.facts = {
    context: ctx,
    detectedClient: classifyCommand({ command: ctx.originalCommand, tty: ctx.tty, sftpServer: config.sftpServer }),
    rationale: ctx.rationale,
    rationaleSource: ctx.rationale ? "client" : "none",
  });
  const allProblems = [...options.argProblems, ...problems];
  if (allProblems.length) await log.write(problemRecord(facts, "config-error", allProblems.join("; "), new Date()));

  const decision = decideSession({ rationale: ctx.rationale, tty: ctx.tty }, config);
  let outer: OuterTerminal | undefined;
  if (decision.action === "deny") {
    await log.write(refusedRecord(facts, "denied", "no acceptable rationale for a non-interactive session", new Date()));
    writeStderr(decision.message);
    return { status: EXIT.denied };
  }
  if (decision.action === "run") {
    facts.rationaleSource = decision.rationaleSource;
    facts.rationaleInvalid = decision.rationaleInvalid;
  }
  if (ctx.tty) outer = OuterTerminal.enterRaw();
  if (decision.action === "prompt") {
    if (!outer) throw new Error("a terminal was detected but cannot be put in raw mode");
    const answer = await askRationale(outer, config, signals, decision.hint);
    if (answer.kind !== "answered") {
      const reason = answer.kind === "eof" ? "prompt-eof" : answer.kind === "timeout" ? "prompt-timeout" : "disconnect";
      await log.write(refusedRecord(facts, reason, "the rationale prompt ended without an answer", new Date()));
      outer.restore();
      return { status: EXIT.noRationale };
    }
    facts.rationale = answer.rationale;
    facts.rationaleSource = "prompt";
    facts.rationaleInvalid = undefined;
  }

  const plan = planCommand({ shell: ctx.shell, command: ctx.originalCommand, tty: ctx.tty, sftpServer: config.sftpServer });
  const env = childEnv(ctx, facts.rationaleSource === "prompt" ? facts.rationale : undefined);

  // The start record is written before the command runs, so a session that
  // never ends cleanly still has its beginning on record.
  const start = startRecord(facts, new Date());
  state.stateFile = writeStateFile(config.stateDir, start);
  await log.write(start);
  let outcome: Outcome;
  try {
    const onSpawn = (pid: number) => (state.childPgid = pid);
    outcome =
      plan.pty && outer ? await runUnderPty(plan, env, outer, signals, onSpawn) : await runPassthrough(plan, env, signals, onSpawn);
    state.childPgid = undefined;
  } catch (e) {
    outcome = { exitCode: EXIT.spawnFailed, reason: "spawn-failed" };
    writeStderr(`rationale: cannot run ${plan.argv[0]}: ${(e as Error).message}\n`);
  }
  outer?.restore();
  await log.write(
    endRecord(facts, { durationMs: Math.round(performance.now() - t0), ...outcome }, new Date()),
  );
  log.close();
  removeStateFile(state.stateFile);
  state.stateFile = undefined;
  signals.uninstall();
  return outcome.signal ? { signal: outcome.signal, status: shellStatus(outcome) } : { status: shellStatus(outcome) };
}
