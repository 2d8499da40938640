/**
 * What an audit record says. Records are plain data built here by pure
 * functions; formatters (audit/format/) turn them into log lines and sinks
 * (audit/sink/) carry the lines away.
 *
 * Every record of a session carries the same `session` id, so a start can be
 * joined with its end (or found to have none).
 */
import type { SessionContext } from "../env/session-context.js";
import type { ClientKind } from "../classify/classify-client.js";

import type { RecordEvent } from "@rationale/shared/records/syntax";

export type AuditEvent = RecordEvent;

/** Why a session ended (or never started). */
export type EndReason =
  | "exit" // the command exited on its own
  | "signal" // the command was killed by a signal
  | "disconnect" // the client went away (SIGHUP) and the wrapper ended the command
  | "terminated" // the wrapper was told to stop (SIGTERM)
  | "denied" // policy refused a session without a rationale
  | "prompt-eof" // Ctrl-D (end of input) at the rationale prompt
  | "prompt-timeout" // nobody answered the prompt in time
  | "spawn-failed"; // the command could not be started

export type RationaleSource = "client" | "prompt" | "none";

export interface AuditRecord {
  event: AuditEvent;
  session: string;
  time: Date;
  host: string;
  user: string;
  uid: number;
  srcIp?: string;
  srcPort?: string;
  dstIp?: string;
  dstPort?: string;
  /** Client type used for reporting: the declared one if any, else detected. */
  client: ClientKind | string;
  declaredClient?: string;
  detectedClient: ClientKind;
  rationale?: string;
  rationaleSource: RationaleSource;
  /** Set when a client-sent rationale failed the configured rules. */
  rationaleInvalid?: boolean;
  command?: string;
  tty: boolean;
  pid: number;
  durationMs?: number;
  exitCode?: number;
  signal?: string;
  reason?: EndReason;
  /** Free text for refused / config-error / crash / spool-loss records. */
  detail?: string;
  /** spool-loss: how many records the full spool could not keep. */
  lost?: number;
}

export interface SessionFacts {
  context: SessionContext;
  detectedClient: ClientKind;
  rationale?: string;
  rationaleSource: RationaleSource;
  rationaleInvalid?: boolean;
}

function common(facts: SessionFacts, event: AuditEvent, time: Date): AuditRecord {
  const c = facts.context;
  const declared = c.declaredClient;
  return {
    event,
    session: c.sessionId,
    time,
    host: c.host,
    user: c.user,
    uid: c.uid,
    srcIp: c.connection?.srcIp,
    srcPort: c.connection?.srcPort,
    dstIp: c.connection?.dstIp,
    dstPort: c.connection?.dstPort,
    client: declared || facts.detectedClient,
    declaredClient: declared,
    detectedClient: facts.detectedClient,
    rationale: facts.rationale,
    rationaleSource: facts.rationaleSource,
    rationaleInvalid: facts.rationaleInvalid,
    command: c.originalCommand,
    tty: c.tty,
    pid: c.pid,
  };
}

export function startRecord(facts: SessionFacts, time: Date): AuditRecord {
  return common(facts, "start", time);
}

export interface Ending {
  durationMs: number;
  exitCode?: number;
  signal?: string;
  reason: EndReason;
  detail?: string;
}

export function endRecord(facts: SessionFacts, ending: Ending, time: Date): AuditRecord {
  return { ...common(facts, "end", time), ...ending };
}

export function refusedRecord(facts: SessionFacts, reason: EndReason, detail: string, time: Date): AuditRecord {
  return { ...common(facts, "refused", time), reason, detail };
}

export function problemRecord(
  facts: SessionFacts,
  event: "config-error" | "crash",
  detail: string,
  time: Date,
): AuditRecord {
  return { ...common(facts, event, time), detail };
}

/** Who wrote a record that belongs to no session (a spool's loss count). */
export interface Writer {
  session: string;
  host: string;
  user: string;
  uid: number;
  pid: number;
}

/** Records dropped because a sink's spool was full, counted when the spool is delivered. */
export function spoolLossRecord(w: Writer, count: number, sink: string, time: Date): AuditRecord {
  return {
    event: "spool-loss",
    session: w.session,
    time,
    host: w.host,
    user: w.user,
    uid: w.uid,
    client: "rationale",
    detectedClient: "command",
    rationaleSource: "none",
    tty: false,
    pid: w.pid,
    lost: count,
    detail: `${count} record(s) of uid ${w.uid} for ${sink} were dropped because the spool was full (SpoolMaxRecords)`,
  };
}
