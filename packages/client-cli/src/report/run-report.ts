/**
 * `rationale report`: the thin shell around the pure report code. Reads
 * each source line by line, hands every line to the shared record parser,
 * folds records into the report, then prints it (text, --json) or streams
 * sessions (--csv), and writes the --html page. Loaded only when the
 * report command runs.
 */
import { writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { Readable } from "node:stream";
import { parseRecordLine } from "@rationale/shared/records/parse-line";
import { CliError, EXIT } from "../cli/exit-codes.js";
import { openSource } from "./read/read-lines.js";
import { orderSources } from "./read/order-sources.js";
import { parseDuration, parseTimePoint } from "./read/window.js";
import { CSV_HEADER, csvRow } from "./render/csv-rows.js";
import { renderHtml } from "./render/render-html.js";
import { renderText } from "./render/render-text.js";
import type { Report } from "./report.js";
import { ReportBuilder } from "./summarize.js";

export interface ReportOptions {
  since?: string;
  until?: string;
  user?: string[];
  client?: string[];
  host?: string[];
  json?: boolean;
  csv?: boolean;
  html?: string;
  tag: string;
  automation: string;
  runGap: string;
  lostAfter: string;
  top: string;
}

export interface ReportContext {
  out: (s: string) => void;
  err: (s: string) => void;
  stdin: Readable & { isTTY?: boolean };
  now: number;
}

/** `--user a,b --user c` to [a, b, c]. */
const list = (values: string[] | undefined) => (values ?? []).flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);

function durationOption(name: string, value: string): number {
  const ms = parseDuration(value);
  if (ms === undefined) throw new CliError(`${name} "${value}" is not a duration: use a number and a unit, e.g. 90s, 15m, 24h, 7d`);
  return ms;
}

function timeOption(name: string, value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const t = parseTimePoint(value, now);
  if (t === undefined) throw new CliError(`${name} "${value}" is not a time: use a date (2026-11-01), a date and time (2026-11-01T08:00) or an age (7d, 12h)`);
  return t;
}

/** Chart.js's own minified build, inlined into the page (MIT licence, kept in its header comment). */
async function chartJsSource(): Promise<string> {
  const main = createRequire(import.meta.url).resolve("chart.js");
  return readFile(join(dirname(main), "chart.umd.min.js"), "utf8");
}

export async function runReport(sources: string[], o: ReportOptions, ctx: ReportContext): Promise<number> {
  if (o.json && o.csv) throw new CliError("--json and --csv both print to stdout: choose one (add --html FILE for the page)");
  const top = Number(o.top);
  if (!Number.isInteger(top) || top < 1) throw new CliError(`--top "${o.top}" must be a positive whole number`);
  if (!sources.length && ctx.stdin.isTTY) {
    throw new CliError("no input: name log files (rationale report /var/log/auth.log*) or pipe records in (journalctl -o json -t rationale | rationale report)");
  }
  let csvBuffer = "";
  const flushCsv = () => {
    if (csvBuffer) ctx.out(csvBuffer);
    csvBuffer = "";
  };
  if (o.csv) ctx.out(CSV_HEADER.join(",") + "\n");
  const builder = new ReportBuilder({
    since: timeOption("--since", o.since, ctx.now),
    until: timeOption("--until", o.until, ctx.now),
    users: list(o.user),
    clients: list(o.client),
    hosts: list(o.host),
    automation: list([o.automation]),
    runGapMs: durationOption("--run-gap", o.runGap),
    lostAfterMs: durationOption("--lost-after", o.lostAfter),
    top,
    onSession: o.csv
      ? (s, q) => {
          csvBuffer += csvRow(s, q) + "\n";
          if (csvBuffer.length > 65_536) flushCsv();
        }
      : undefined,
  });

  const names = sources.length ? orderSources(sources) : ["-"];
  for (const name of names) await readSource(name, o.tag, builder, ctx);
  const report = builder.finish(names.map((n) => (n === "-" ? "stdin" : n)));
  flushCsv();

  if (o.html) {
    const page = renderHtml(report, await chartJsSource());
    try {
      writeFileSync(o.html, page);
    } catch (e) {
      throw new CliError(`cannot write ${o.html}: ${(e as Error).message}; choose a writable path for --html`, EXIT.cannotCreate);
    }
  }
  if (o.json) ctx.out(JSON.stringify(report, null, 2) + "\n");
  else if (!o.csv) ctx.out(renderText(report) + (o.html ? `\nwrote ${o.html}\n` : ""));
  warnAboutInput(report, ctx);
  return EXIT.ok;
}

async function readSource(name: string, tag: string, builder: ReportBuilder, ctx: ReportContext): Promise<void> {
  let lineNo = 0;
  try {
    const source = await openSource(name, ctx.stdin);
    const opts = { tag, referenceTime: source.referenceTime };
    await source.eachLine((chunkLine) => {
      lineNo++;
      // readline's lines are slices of its 64 KiB chunks, and every field
      // parsed out of a line is a slice of it: one kept value (an open
      // session, a run's rationale) would keep the whole chunk alive. A copy
      // of the line bounds that to the line itself (V8 flattens the
      // concatenation into a new string before slicing it).
      const line = (" " + chunkLine).slice(1);
      const got = parseRecordLine(line, opts);
      if (got.kind === "record") builder.record(got);
      else if (got.kind === "other") builder.other();
      else builder.malformed(source.name, lineNo, got.reason);
    });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === "ENOENT" || err.code === "EACCES" || err.code === "EISDIR") {
      throw new CliError(`cannot read ${name}: ${err.message}${err.code === "EACCES" ? " (logs are often readable by root or the adm group only)" : ""}`, EXIT.noInput);
    }
    // A rotated file cut short (still being compressed, a full disk) is reported, and what was read counts.
    builder.malformed(name, lineNo + 1, `cannot read further: ${err.message}`);
  }
}

function warnAboutInput(r: Report, ctx: ReportContext): void {
  if (r.input.malformed.count) ctx.err(`rationale: warning: ${r.input.malformed.count} malformed line(s) of rationale were skipped (see the report's input section)\n`);
  if (!r.input.records) ctx.err("rationale: warning: no rationale records in the input; is this the log the servers write to (see README, Install on a server, step 6)?\n");
}
