/** The report's shell on real files: gzip told by its bytes, a cut .gz, stdin, and the errors an operator sees. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, test } from "vitest";
import { CliError } from "../../src/cli/exit-codes.js";
import { type ReportOptions, runReport } from "../../src/report/run-report.js";
import type { Report } from "../../src/report/report.js";

const dir = mkdtempSync(join(tmpdir(), "rationale-report-unit-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const line = (event: "start" | "end", id: string, sec: number, extra = "") =>
  `2026-11-23T09:00:${String(sec).padStart(2, "0")}.000+00:00 web1 rationale[1]: session ${event} [rationale@32473 event="${event}" session="${id}" user="alice" client="command" rationale_source="client" rationale="INC-1 disk"${extra}]`;
const LOG = [line("start", "a", 0), "2026-11-23T09:00:00+00:00 web1 sshd[2]: Accepted publickey for alice", line("end", "a", 5, ' duration_ms="5000" exit="0"'), line("start", "b", 6)].join("\n") + "\n";

const options: ReportOptions = { json: true, tag: "rationale", automation: "ansible", runGap: "10m", lostAfter: "7d", top: "5" };

async function run(files: string[], o: Partial<ReportOptions> = {}, stdin: Readable = Readable.from([])) {
  let out = "";
  let err = "";
  const code = await runReport(files, { ...options, ...o }, { out: (s) => (out += s), err: (s) => (err += s), stdin, now: Date.UTC(2026, 10, 23, 10) });
  return { code, out, err, report: (o.json ?? true) && !o.csv ? (JSON.parse(out) as Report) : undefined };
}

describe("runReport", () => {
  test("a .gz is read by its bytes, whatever its name; a plain file likewise", async () => {
    writeFileSync(join(dir, "plain.log"), LOG);
    writeFileSync(join(dir, "zipped.log"), gzipSync(LOG));
    const plain = await run([join(dir, "plain.log")]);
    const zipped = await run([join(dir, "zipped.log")]);
    expect(plain.report!.sessions).toEqual({ total: 2, ended: 1, open: 1, lost: 0, endOnly: 0 });
    expect(zipped.report!.sessions).toEqual(plain.report!.sessions);
    expect(plain.report!.input).toMatchObject({ lines: 4, records: 3, otherLines: 1 });
  });

  test("a .gz cut short: what was read counts, the cut is reported as malformed, not fatal", async () => {
    const gz = gzipSync(LOG.repeat(50));
    writeFileSync(join(dir, "cut.log.1.gz"), gz.subarray(0, Math.floor(gz.length * 0.8)));
    const r = await run([join(dir, "cut.log.1.gz")]);
    expect(r.code).toBe(0);
    expect(r.report!.input.records).toBeGreaterThan(0);
    expect(r.report!.input.malformed.examples.at(-1)!.reason).toMatch(/cannot read further: .*(end of file|unexpected)/i);
    expect(r.err).toContain("malformed");
  });

  test("stdin, plain or gzip, when no file is named", async () => {
    expect((await run([], {}, Readable.from([Buffer.from(LOG)]))).report!.sessions.total).toBe(2);
    expect((await run([], {}, Readable.from([gzipSync(LOG)]))).report!.sessions.total).toBe(2);
  });

  test("--csv streams a header and one row per session", async () => {
    const r = await run([join(dir, "plain.log")], { json: false, csv: true });
    const rows = r.out.trimEnd().split("\n");
    expect(rows).toHaveLength(3);
    expect(rows[1]).toMatch(/^2026-11-23T09:00:00.000Z,web1,alice,command,a,ended,5000,0,/);
  });

  test("errors say what is wrong and how to fix it, with their exit status", async () => {
    await expect(run([join(dir, "missing.log")])).rejects.toMatchObject({ exitCode: 66, message: expect.stringContaining("cannot read") });
    await expect(run([join(dir, "plain.log")], { since: "last tuesday" })).rejects.toThrow(/--since "last tuesday" is not a time: use a date/);
    await expect(run([join(dir, "plain.log")], { runGap: "10" })).rejects.toThrow(/--run-gap "10" is not a duration/);
    await expect(run([], {}, Object.assign(Readable.from([]), { isTTY: true }))).rejects.toBeInstanceOf(CliError);
    await expect(run([join(dir, "plain.log")], { html: join(dir, "no", "such", "dir", "r.html") })).rejects.toMatchObject({ exitCode: 73 });
  });
});
