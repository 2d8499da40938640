/** A session as the report sees it, rebuilt from its start and end records. */
import type { ParsedFields } from "@rationale/shared/records/parse-structured-data";
import type { RecordEvent } from "@rationale/shared/records/syntax";

/** One record read from the input, with when and where it was logged. */
export interface LogRecord {
  event: RecordEvent;
  fields: ParsedFields;
  time: number;
  host: string;
}

/**
 * ended: start (or only the end) seen with its end record;
 * open: no end record yet, younger than --lost-after;
 * lost: no end record and older than that (a killed wrapper, a lost record).
 */
export type SessionStatus = "ended" | "open" | "lost";

export interface Session {
  host: string;
  session: string;
  user: string;
  client: string;
  rationale: string;
  rationaleSource: string;
  rationaleInvalid: boolean;
  src: string;
  command: string;
  start: number;
  /** Wall time: duration_ms of the end record, or the age at the end of the input when there is none. */
  durationMs: number;
  status: SessionStatus;
  exit?: string;
  signal?: string;
  reason?: string;
  /** False when only the end record was read (the start lies before the input). */
  startSeen: boolean;
}

/** The fields every record of a session repeats, taken from whichever record is at hand. */
export function sessionFrom(r: LogRecord, start: number, status: SessionStatus, durationMs: number, startSeen: boolean): Session {
  const f = r.fields;
  return {
    host: r.host,
    session: f.session ?? "",
    user: f.user ?? "",
    client: f.client || f.detected_client || "",
    rationale: f.rationale ?? "",
    rationaleSource: f.rationale_source ?? "",
    rationaleInvalid: f.rationale_invalid === "yes",
    src: f.src ?? "",
    command: f.command ?? "",
    start,
    durationMs,
    status,
    exit: f.exit,
    signal: f.signal,
    reason: f.reason,
    startSeen,
  };
}
