/**
 * `rationale report` over a generated corpus (bench/generate-records.ts):
 * records per second and peak memory for the built CLI, against the target
 * "1 M records in under 10 s", and a run under a 32 MB V8 heap limit that
 * only completes if memory does not grow with the input.
 *
 *   pnpm build && pnpm bench:report                 # 1 000 000 records
 *   pnpm bench:report -- --records 200000 --strict  # exit 1 when the target is missed
 *
 * The corpus is generated once into /tmp/rationale-report-corpus-N and reused.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { CLIENT_CLI } from "../test/support/paths.js";
import { generate } from "./generate-records.js";

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== "--"),
  options: { records: { type: "string", default: "1000000" }, strict: { type: "boolean", default: false } },
});
const records = Number(values.records);
const TARGET_S_PER_MILLION = 10;
if (!existsSync(CLIENT_CLI)) throw new Error(`${CLIENT_CLI} is missing: run 'pnpm build' first`);

const dir = `/tmp/rationale-report-corpus-${records}`;
const files = [join(dir, "auth.log.1.gz"), join(dir, "auth.log")];
if (!files.every(existsSync)) await generate(records, dir);

/** Runs the report under /usr/bin/time -v: wall seconds, peak RSS in MB, and the JSON report. */
function measure(nodeArgs: string[]): { seconds: number; cpuSeconds: number; rssMb: number; status: number | null; report?: { input: { records: number; lines: number } } } {
  const env = { ...process.env };
  delete env.NODE_EXTRA_CA_CERTS;
  const r = spawnSync("/usr/bin/time", ["-v", process.execPath, ...nodeArgs, CLIENT_CLI, "report", "--json", ...files], { env, maxBuffer: 64 << 20 });
  const stats = r.stderr.toString();
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(stats);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stats);
  if (!wall || !rss) throw new Error(`cannot read /usr/bin/time -v output:\n${stats.slice(-2000)}`);
  const seconds = Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]);
  const cpu = (name: string) => Number(new RegExp(`${name} time \\(seconds\\): ([\\d.]+)`).exec(stats)?.[1] ?? NaN);
  return { seconds, cpuSeconds: cpu("User") + cpu("System"), rssMb: Number(rss[1]) / 1024, status: r.status, report: r.status === 0 ? JSON.parse(r.stdout.toString()) : undefined };
}

// Other work on the machine stretches wall time: the load average says how busy it was.
const loadBefore = readFileSync("/proc/loadavg", "utf8").split(" ")[0];
const run = measure([]);
if (!run.report) throw new Error(`rationale report failed (status ${run.status})`);
const perSecond = run.report.input.records / run.seconds;
const perMillion = 1e6 / perSecond;
const bounded = measure(["--max-old-space-size=32"]);
const lines = run.report.input.lines;
console.log(`rationale report over ${run.report.input.records} records (${lines} lines, ${files.map((f) => f.replace(dir + "/", "")).join(" + ")}) on ${readFileSync("/proc/cpuinfo", "utf8").match(/^processor/gm)!.length} cores`);
console.log(`  wall time          ${run.seconds.toFixed(2)} s (CPU ${run.cpuSeconds.toFixed(2)} s; load average before the run ${loadBefore})`);
console.log(`  records/second     ${Math.round(perSecond)}`);
console.log(`  1 M records in     ${perMillion.toFixed(2)} s   target < ${TARGET_S_PER_MILLION} s   ${perMillion < TARGET_S_PER_MILLION ? "met" : "MISSED"}`);
console.log(`  peak RSS           ${run.rssMb.toFixed(0)} MB (V8 sizes its heap to the allocation rate)`);
console.log(`  with a 32 MB heap  ${bounded.status === 0 ? `completes, ${bounded.seconds.toFixed(2)} s, peak RSS ${bounded.rssMb.toFixed(0)} MB: memory does not grow with the input` : "FAILED: memory grows with the input"}`);
if (values.strict && (perMillion >= TARGET_S_PER_MILLION || bounded.status !== 0)) process.exitCode = 1;
