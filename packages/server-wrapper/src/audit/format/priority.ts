/** Syslog facility and severity numbers (RFC 5424 section 6.2.1). */
import type { AuditEvent } from "../record.js";

export const FACILITIES: Record<string, number> = {
  kern: 0, user: 1, mail: 2, daemon: 3, auth: 4, syslog: 5, lpr: 6, news: 7,
  uucp: 8, cron: 9, authpriv: 10, ftp: 11,
  local0: 16, local1: 17, local2: 18, local3: 19, local4: 20, local5: 21, local6: 22, local7: 23,
};

const SEVERITY: Record<AuditEvent, number> = {
  start: 6, // info
  end: 6, // info
  refused: 5, // notice: a policy decision someone may want to see
  "config-error": 3, // err: sessions run on defaults until an operator fixes it
  crash: 2, // crit: a session was ended by a wrapper failure
  "spool-loss": 3, // err: records are missing from the log
};

export function priority(facility: number, event: AuditEvent): number {
  return facility * 8 + SEVERITY[event];
}
