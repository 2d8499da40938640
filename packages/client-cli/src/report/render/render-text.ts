/** The terminal summary (pure: report in, text out). */
import type { Report, SessionRow } from "../report.js";
import { safeText } from "@rationale/shared/records/escape";
import { formatDuration, shortTime } from "./format-values.js";
import { textTable } from "./text-table.js";

const MAX_ROWS = 15;

function sessionRows(rows: SessionRow[], withQuality: boolean): string[][] {
  return rows.map((s) => [
    shortTime(s.start), safeText(s.host, 24), safeText(s.user, 16), safeText(s.client, 16), formatDuration(s.durationMs),
    s.status, ...(withQuality ? [s.quality] : []), safeText(s.rationale || "-", 50),
  ]);
}

export function renderText(r: Report): string {
  const out: string[] = [];
  const section = (title: string, body: string) => out.push(`\n${title}\n${body}`);
  const from = r.window.since ?? r.window.firstRecord;
  const to = r.window.until ?? r.window.lastRecord;
  out.push(
    `rationale report: ${r.sessions.total} sessions (${r.sessions.ended} ended, ${r.sessions.open} open, ${r.sessions.lost} lost)` +
      (from && to ? `, ${shortTime(from)} to ${shortTime(to)}` : "") + "\n" +
      `  read ${r.input.lines} lines from ${r.input.sources.length} source(s): ${r.input.records} records, ` +
      `${r.input.otherLines} lines of other programs skipped, ${r.input.malformed.count} malformed` +
      (r.input.duplicates ? `, ${r.input.duplicates} duplicate records dropped` : "") + "\n",
  );
  for (const m of r.input.malformed.examples.slice(0, 5)) out.push(`  malformed: ${safeText(m.source, 60)}:${m.line}: ${m.reason}\n`);
  if (!r.sessions.total) {
    out.push("\nNo sessions in the input" + (r.filters.users.length + r.filters.clients.length + r.filters.hosts.length ? " that match the filters" : "") + ".\n");
    return out.join("");
  }

  const clients = r.byClient.map((c) => c.client);
  section(
    "Sessions by user and client",
    textTable(
      ["user", "sessions", ...clients.map((c) => safeText(c, 16))],
      r.byUser.slice(0, MAX_ROWS).map((u) => [safeText(u.user, 24), String(u.sessions), ...clients.map((c) => String(u.clients[c] ?? 0))]),
      [1, ...clients.map((_, i) => i + 2)],
    ),
  );
  section(
    "Duration by client (ended sessions)",
    textTable(
      ["client", "sessions", "p50", "p95", "max"],
      r.byClient.map((c) => [safeText(c.client, 24), String(c.sessions), formatDuration(c.p50Ms), formatDuration(c.p95Ms), formatDuration(c.maxMs)]),
      [1, 2, 3, 4],
    ),
  );
  section("Longest sessions (open and lost ones by their age)", textTable(["start", "host", "user", "client", "duration", "status", "rationale"], sessionRows(r.longest, false), [4]));

  const weak = r.rationale.byUser;
  section(
    "No or weak rationale",
    weak.length
      ? textTable(["user", "none", "invalid", "weak", "refused"], weak.slice(0, MAX_ROWS).map((u) => [safeText(u.user, 24), String(u.none), String(u.invalid), String(u.weak), String(u.refused)]), [1, 2, 3, 4]) +
          "\n  most recent:\n" +
          textTable(["start", "host", "user", "client", "duration", "status", "quality", "rationale"], sessionRows(r.rationale.recent, true), [4])
      : "  every session gave a rationale\n",
  );

  if (r.runs.byClient.length) {
    section(
      `Runs of automation (${r.runs.clients.join(", ")}; sessions with one rationale, gaps under ${formatDuration(r.runs.gapMs)})`,
      textTable(
        ["client", "runs", "p50 wall", "p95 wall", "trend"],
        r.runs.byClient.map((c) => [
          safeText(c.client, 24), String(c.runs), formatDuration(c.p50WallMs), formatDuration(c.p95WallMs),
          `${c.trend.direction} (${c.trend.changePer30DaysPct > 0 ? "+" : ""}${c.trend.changePer30DaysPct} % per 30 days)`,
        ]),
        [1, 2, 3],
      ) +
        "\n  most recent:\n" +
        textTable(
          ["start", "client", "hosts", "sessions", "failed", "wall", "rationale"],
          r.runs.recent.map((x) => [shortTime(x.start), safeText(x.client, 16), String(x.hostCount), String(x.sessions), String(x.failed), formatDuration(x.wallMs), safeText(x.rationale || "-", 50)]),
          [2, 3, 4, 5],
        ),
    );
  }
  const e = r.events;
  if (e.refused + e.configError + e.crash + e.spoolLoss) {
    section("Other records", `  refused ${e.refused}, config-error ${e.configError}, crash ${e.crash}, spool-loss ${e.spoolLoss} (${e.recordsLostInSpool} records lost)\n`);
  }
  return out.join("");
}
