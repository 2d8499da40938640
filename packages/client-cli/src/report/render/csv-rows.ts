/**
 * --csv: one row per session (RFC 4180 quoting), written as each session
 * is known, so any number of sessions streams through. Cells that a
 * spreadsheet would run as a formula (=, +, -, @, tab, CR at the start) get
 * a leading apostrophe: a rationale is attacker-controlled (OWASP CSV injection).
 */
import type { RationaleQuality } from "../sessions/rationale-quality.js";
import type { Session } from "../sessions/session.js";

export const CSV_HEADER = [
  "start", "host", "user", "client", "session", "status", "duration_ms", "exit", "signal", "reason",
  "rationale_source", "rationale_quality", "rationale", "src", "command",
];

export function csvCell(value: string): string {
  const v = /^[=+\-@\t\r]/.test(value) ? "'" + value : value;
  return /[",\r\n]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
}

export function csvRow(s: Session, quality: RationaleQuality): string {
  return [
    new Date(s.start).toISOString(), s.host, s.user, s.client, s.session, s.status, String(Math.round(s.durationMs)),
    s.exit ?? "", s.signal ?? "", s.reason ?? "", s.rationaleSource, quality, s.rationale, s.src, s.command,
  ]
    .map(csvCell)
    .join(",");
}
