/**
 * The form every local syslog daemon parses on /dev/log:
 *   `<PRI>Mmm dd hh:mm:ss TAG[PID]: session start [rationale@32473 ...]`
 * (what glibc syslog() and `logger` send). RFC 5424 headers sent to
 * /dev/log are mis-parsed by Debian's default rsyslog (imuxsock's special
 * parser) and by journald, so locally the fields travel inside MSG, written
 * as the same RFC 5424 structured-data element the network formats use.
 */
import type { AuditRecord } from "../record.js";
import type { FormatOptions } from "./rfc5424.js";
import { priority } from "./priority.js";
import { structuredData } from "./structured-data.js";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad = (n: number) => String(n).padStart(2, "0");

/** RFC 3164 TIMESTAMP in local time; the day is space-padded. */
export function bsdTimestamp(d: Date): string {
  return `${MONTHS[d.getMonth()]} ${String(d.getDate()).padStart(2, " ")} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

export function formatTraditional(r: AuditRecord, o: FormatOptions): string {
  const tag = o.tag.replace(/[^\x21-\x7e]|[[\]:]/g, "_").slice(0, 32) || "rationale";
  return `<${priority(o.facility, r.event)}>${bsdTimestamp(r.time)} ${tag}[${r.pid}]: session ${r.event} ${structuredData(r, o.sdId)}`;
}
