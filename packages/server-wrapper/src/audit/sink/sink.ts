/**
 * Where records go. A sink formats a record its own way and delivers it;
 * contract: `send` returns within its bounded time and reports failure
 * instead of throwing, so a broken log pipeline can never stall or crash a
 * login.
 */
import type { AuditRecord } from "../record.js";

export interface Sink {
  /** e.g. "syslog /dev/log", for messages about delivery. */
  readonly description: string;
  /** undefined on success, else why the record was not delivered. */
  send(record: AuditRecord): string | undefined;
  close(): void;
}
