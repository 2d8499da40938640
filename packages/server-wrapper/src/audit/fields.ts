/**
 * The record's fields as named, ordered, bounded parameters: the single list
 * every format writes, so field names (documented in README "Record fields")
 * are the same on every transport.
 */
import type { FieldName } from "@rationale/shared/records/syntax";
import { RATIONALE_MAX_BYTES } from "@rationale/shared/variables";
import type { AuditRecord } from "./record.js";

export interface Field {
  name: string;
  value: string;
  /** Bound on the escaped value, in UTF-8 bytes. */
  maxBytes: number;
}

/** Client-sent free text gets the largest bounds; the sum stays well under rsyslog's 8 KiB default. */
export const BOUNDS = {
  rationale: RATIONALE_MAX_BYTES,
  command: 2048,
  client: 64,
  detail: 512,
  other: 256,
} as const;

export function recordFields(r: AuditRecord): Field[] {
  const f: Field[] = [];
  const add = (name: FieldName, value: string | number | boolean | undefined, maxBytes: number = BOUNDS.other) => {
    if (value === undefined || value === "") return;
    f.push({ name, value: typeof value === "boolean" ? (value ? "yes" : "no") : String(value), maxBytes });
  };
  add("event", r.event);
  add("session", r.session);
  add("user", r.user);
  add("uid", r.uid);
  add("src", r.srcIp);
  add("src_port", r.srcPort);
  add("dst", r.dstIp);
  add("dst_port", r.dstPort);
  add("client", r.client, BOUNDS.client);
  add("declared_client", r.declaredClient, BOUNDS.client);
  add("detected_client", r.detectedClient);
  add("rationale_source", r.rationaleSource);
  add("rationale", r.rationale, BOUNDS.rationale);
  if (r.rationaleInvalid) add("rationale_invalid", true);
  add("tty", r.tty);
  add("command", r.command, BOUNDS.command);
  add("pid", r.pid);
  add("duration_ms", r.durationMs);
  add("exit", r.exitCode);
  add("signal", r.signal);
  add("reason", r.reason);
  add("lost", r.lost);
  add("detail", r.detail, BOUNDS.detail);
  return f;
}
