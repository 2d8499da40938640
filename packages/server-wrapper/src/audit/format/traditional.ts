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

export interface BsdOptions extends FormatOptions {
  localTime?: (d: Date) => LocalTime;
}

/**
 * `<PRI>TIMESTAMP [HOSTNAME ]TAG[PID]: ` — with the hostname for relays
 * (RFC 3164 on the network), without it on /dev/log, where the local daemon
 * adds its own (as glibc syslog() does).
 */
export function bsdHeader(r: AuditRecord, o: BsdOptions, withHostname: boolean): string {
  const tag = o.tag.replace(/[^\x21-\x7e]|[[\]:]/g, "_").slice(0, 32) || "rationale";
  const host = withHostname ? (r.host.replace(/[^\x21-\x7e]/g, "_").slice(0, 255) || "-") + " " : "";
  return `<${priority(o.facility, r.event)}>${bsdTimestamp(r.time, o.localTime)} ${host}${tag}[${r.pid}]: `;
}

/** The local form: no hostname (the daemon adds it). */
export function formatTraditional(r: AuditRecord, o: BsdOptions): string {
  return `${bsdHeader(r, o, false)}session ${r.event} ${structuredData(r, o.sdId)}`;
}

/**
 * RFC 3164 for old relays: the same, with the hostname. RFC 3164 allows 1024
 * bytes; records stay under rsyslog's 8 KiB default but a strict old relay
 * may cut long ones (the cut is then visible: the element loses its `]`).
 */
export function formatRfc3164(r: AuditRecord, o: BsdOptions): string {
  return `${bsdHeader(r, o, true)}session ${r.event} ${structuredData(r, o.sdId)}`;
}
