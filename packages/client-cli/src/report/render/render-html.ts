/**
 * --html: one self-contained page (no network, opens from a file offline)
 * with Chart.js and the report's data inlined.
 *
 * Every record value is attacker-controlled (a rationale can be
 * `</script><img src=x onerror=...>`): in HTML text it is entity-escaped; in
 * the embedded JSON `<`, `>`, `&` and U+2028/9 become \u escapes, so nothing
 * in it can close the <script> element. Defence in depth: the page's
 * Content-Security-Policy allows only the two inline scripts by their hash
 * and no network at all, so even a missed escape could not run or fetch.
 */
import { createHash } from "node:crypto";
import type { Report, SessionRow } from "../report.js";
import { formatDuration, shortTime } from "./format-values.js";
import { PAGE_SCRIPT } from "./page-script.js";

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON that is inert inside a <script> element. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));
}

const sha256 = (s: string) => "'sha256-" + createHash("sha256").update(s).digest("base64") + "'";

// A cell may break inside a word only when it holds a very long one (a
// hostile rationale, a host list without spaces); "anywhere" on every cell
// let the browser split short words like "capistrano" to narrow a column.
const LONG_WORD = /\S{25}/;

function table(header: string[], rows: string[][], numeric: number[] = []): string {
  const cell = (tag: string, v: string, i: number) => {
    const cls = [numeric.includes(i) ? "n" : "", LONG_WORD.test(v) ? "w" : ""].filter(Boolean).join(" ");
    return `<${tag}${cls ? ` class="${cls}"` : ""}>${escapeHtml(v)}</${tag}>`;
  };
  return (
    `<table><thead><tr>${header.map((h, i) => cell("th", h, i)).join("")}</tr></thead><tbody>` +
    rows.map((r) => `<tr>${r.map((v, i) => cell("td", v, i)).join("")}</tr>`).join("") +
    "</tbody></table>"
  );
}

const sessionTable = (rows: SessionRow[]) =>
  table(
    ["start", "host", "user", "client", "duration", "status", "quality", "rationale"],
    rows.map((s) => [shortTime(s.start), s.host, s.user, s.client, formatDuration(s.durationMs), s.status, s.quality, s.rationale || "-"]),
    [4],
  );

const STYLE = `
body{font:14px/1.4 system-ui,sans-serif;margin:1.5em auto;max-width:1100px;padding:0 1em;color:#222}
h1{font-size:1.4em}h2{font-size:1.1em;margin-top:2em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;margin:.5em 0}td,th{padding:.2em .6em;text-align:left;border-bottom:1px solid #eee;vertical-align:top}
td.n,th.n{text-align:right;white-space:nowrap}th{white-space:nowrap}td{max-width:40em;overflow-wrap:break-word}td.w{overflow-wrap:anywhere}.chart{position:relative;height:320px}
.note{color:#666;font-size:.9em}`;

export function renderHtml(r: Report, chartJs: string): string {
  const clients = r.byClient.map((c) => c.client);
  const e = r.events;
  const body = [
    `<h1>rationale report</h1>`,
    `<p>${r.sessions.total} sessions (${r.sessions.ended} ended, ${r.sessions.open} open, ${r.sessions.lost} lost) from ` +
      `${escapeHtml(r.window.since ?? r.window.firstRecord ?? "-")} to ${escapeHtml(r.window.until ?? r.window.lastRecord ?? "-")}; ` +
      `${r.input.records} records, ${r.input.malformed.count} malformed lines, ${r.input.otherLines} lines of other programs.</p>`,
    `<h2>Deploy and configuration-run duration over time</h2>`,
    r.charts.runPoints.length ? `<div class="chart"><canvas id="chart-runs"></canvas></div>` : `<p>No runs of ${escapeHtml(r.runs.clients.join(", "))}.</p>`,
    r.runs.byClient.length
      ? table(
          ["client", "runs", "p50 wall", "p95 wall", "trend (per 30 days)"],
          r.runs.byClient.map((c) => [c.client, String(c.runs), formatDuration(c.p50WallMs), formatDuration(c.p95WallMs), `${c.trend.direction} (${c.trend.changePer30DaysPct} %)`]),
          [1, 2, 3],
        ) +
        table(
          ["start", "client", "hosts", "sessions", "failed", "wall", "rationale", "hosts (sample)"],
          r.runs.recent.map((x) => [shortTime(x.start), x.client, String(x.hostCount), String(x.sessions), String(x.failed), formatDuration(x.wallMs), x.rationale || "-", x.hosts.join(" ")]),
          [2, 3, 4, 5],
        )
      : "",
    `<h2>Sessions per day by client</h2><div class="chart"><canvas id="chart-days"></canvas></div>`,
    table(
      ["user", "sessions", ...clients],
      r.byUser.map((u) => [u.user, String(u.sessions), ...clients.map((c) => String(u.clients[c] ?? 0))]),
      [1, ...clients.map((_, i) => i + 2)],
    ),
    `<h2>Duration distribution</h2><div class="chart"><canvas id="chart-durations"></canvas></div>`,
    table(
      ["client", "sessions", "p50", "p95", "max"],
      r.byClient.map((c) => [c.client, String(c.sessions), formatDuration(c.p50Ms), formatDuration(c.p95Ms), formatDuration(c.maxMs)]),
      [1, 2, 3, 4],
    ),
    `<h2>Longest sessions</h2>`,
    sessionTable(r.longest),
    `<h2>No or weak rationale</h2>`,
    table(["user", "none", "invalid", "weak", "refused"], r.rationale.byUser.map((u) => [u.user, String(u.none), String(u.invalid), String(u.weak), String(u.refused)]), [1, 2, 3, 4]),
    sessionTable(r.rationale.recent),
    `<h2>Other records</h2><p>refused ${e.refused}, config-error ${e.configError}, crash ${e.crash}, spool-loss ${e.spoolLoss} (${e.recordsLostInSpool} records lost)</p>`,
    `<ul class="note">${r.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join("")}</ul>`,
  ].join("\n");
  const chartScript = chartJs.replace(/<\/script/gi, "<\\/script");
  const csp = `default-src 'none'; style-src 'unsafe-inline'; script-src ${sha256(chartScript)} ${sha256(PAGE_SCRIPT)}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>rationale report</title><style>${STYLE}</style></head>
<body>
${body}
<script type="application/json" id="report-data">${scriptSafeJson(r)}</script>
<script>${chartScript}</script>
<script>${PAGE_SCRIPT}</script>
</body></html>
`;
}
