/**
 * RFC 5424 syslog message: `<PRI>1 TIMESTAMP HOST APP PROCID MSGID [SD] MSG`.
 * MSGID is the event name, so relays can route starts and ends without
 * parsing the structured data.
 */
import type { AuditRecord } from "../record.js";
import { escapeValue } from "@rationale/shared/records/escape";
import { priority } from "./priority.js";
import { structuredData } from "./structured-data.js";

export interface FormatOptions {
  facility: number;
  tag: string;
  sdId: string;
}

/** Header fields are PRINTUSASCII without spaces (RFC 5424 6.2); anything else becomes '_'. */
function headerToken(s: string, max: number): string {
  const t = s.replace(/[^\x21-\x7e]/g, "_").slice(0, max);
  return t || "-";
}

/** A short sentence for people reading MSG; every value in it is escaped too. */
export function humanMessage(r: AuditRecord): string {
  const v = (s: string | number | undefined, max = 64) => escapeValue(String(s ?? "-"), "", max).text;
  const who = `${v(r.user)} from ${v(r.srcIp)}`;
  const what = r.event === "end" ? ` ${r.signal ? `killed by ${v(r.signal)}` : `exit ${v(r.exitCode)}`} after ${v(r.durationMs)} ms` : "";
  return `session ${r.event}: ${who} (${v(r.client)})${what}`;
}

export function formatRfc5424(r: AuditRecord, o: FormatOptions): string {
  return (
    `<${priority(o.facility, r.event)}>1 ${r.time.toISOString()} ${headerToken(r.host, 255)} ` +
    `${headerToken(o.tag, 48)} ${r.pid} ${headerToken(r.event, 32)} ${structuredData(r, o.sdId)} ` +
    humanMessage(r)
  );
}
