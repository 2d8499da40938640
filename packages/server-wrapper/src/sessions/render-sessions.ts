/**
 * `sessions` output. Every value came from a user (rationale, command) or a
 * file a user could write, so each cell is escaped again for the terminal
 * (control characters, bidi overrides) and bounded to keep one row per line.
 */
import { safeText } from "@rationale/shared/records/escape";
import { formatAge, type SessionRow } from "./list-sessions.js";

export function renderTable(rows: readonly SessionRow[], wide: boolean): string {
  if (rows.length === 0) return "No sessions.\n";
  const head = ["USER", "SOURCE", "CLIENT", "STARTED", "RUNNING", "PID", "STATUS", "RATIONALE", "COMMAND"];
  const w = wide ? 1000 : 40;
  const body = rows.map((r) => [
    safeText(r.user, 32),
    safeText(r.src, 46),
    safeText(r.client, 16),
    r.started.replace(/\.\d+Z$/, "Z"),
    formatAge(r.runningForMs),
    String(r.pid),
    r.status,
    safeText(r.rationale || "-", w),
    safeText(r.command || "(shell)", w),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => [...b[i]!].length)));
  const line = (cols: string[]) =>
    cols.map((c, i) => (i === cols.length - 1 ? c : c + " ".repeat(widths[i]! - [...c].length))).join("  ").trimEnd();
  return [line(head), ...body.map(line)].join("\n") + "\n";
}

/** One JSON document for fleet tooling: values as the wrapper escaped them, plus the status. */
export function renderJson(rows: readonly SessionRow[], now: Date): string {
  return (
    JSON.stringify(
      {
        time: now.toISOString(),
        sessions: rows.map((r) => ({
          status: r.status,
          user: r.user,
          uid: r.uid,
          src: r.src,
          client: r.client,
          rationale: r.rationale,
          command: r.command,
          started: r.started,
          running_for_s: Math.floor(r.runningForMs / 1000),
          pid: r.pid,
          session: r.session,
          ...(r.file ? { file: r.file } : {}),
        })),
      },
      null,
      2,
    ) + "\n"
  );
}
