/**
 * Where records go. A sink formats a record its own way and delivers lines
 * in order; contract: `deliver` either delivers every line or throws, and it
 * gives up by `deadline` (a performance.now() value), so a broken log
 * pipeline never holds a login for long. What a failed delivery means (spool
 * it, say so) is decided by the audit log, not here.
 */
import type { AuditRecord } from "../record.js";

export interface Sink {
  /** Stable and file-name safe: names the sink's spool directory. */
  readonly id: string;
  /** e.g. "tcp://relay:514", for messages. */
  readonly description: string;
  format(record: AuditRecord): string;
  deliver(lines: readonly string[], deadline: number): Promise<void>;
  close(): void;
}

export class DeliveryError extends Error {}

/** Reject with a DeliveryError when `deadline` passes first. */
export function withDeadline<T>(work: Promise<T>, deadline: number, what: string, onTimeout?: () => void): Promise<T> {
  const ms = Math.max(0, deadline - performance.now());
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout?.();
      reject(new DeliveryError(`${what}: no answer within the sink timeout`));
    }, ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
