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

export interface LocalTime {
  month: number; // 0-11
  day: number;
  hours: number;
  minutes: number;
  seconds: number;
}

/** JS's own local time; the wrapper passes libc's instead (JSC's timezone set-up costs ~8 ms). */
export const jsLocalTime = (d: Date): LocalTime => ({
  month: d.getMonth(),
  day: d.getDate(),
  hours: d.getHours(),
  minutes: d.getMinutes(),
  seconds: d.getSeconds(),
});

/** RFC 3164 TIMESTAMP in local time; the day is space-padded. */
export function bsdTimestamp(d: Date, local: (d: Date) => LocalTime = jsLocalTime): string {
  const t = local(d);
  return `${MONTHS[t.month]} ${String(t.day).padStart(2, " ")} ${pad(t.hours)}:${pad(t.minutes)}:${pad(t.seconds)}`;
}

export function formatTraditional(r: AuditRecord, o: FormatOptions & { localTime?: (d: Date) => LocalTime }): string {
  const tag = o.tag.replace(/[^\x21-\x7e]|[[\]:]/g, "_").slice(0, 32) || "rationale";
  return `<${priority(o.facility, r.event)}>${bsdTimestamp(r.time, o.localTime)} ${tag}[${r.pid}]: session ${r.event} ${structuredData(r, o.sdId)}`;
}
