import { describe, expect, test } from "vitest";
import { formatRfc5424 } from "../../src/audit/format/rfc5424.js";
import { bsdTimestamp, formatTraditional } from "../../src/audit/format/traditional.js";
import type { AuditRecord } from "../../src/audit/record.js";

const rec: AuditRecord = {
  event: "end",
  session: "s1",
  time: new Date(Date.UTC(2026, 0, 5, 3, 4, 5, 678)),
  host: "web 1",
  user: "bob",
  uid: 1001,
  client: "ansible",
  declaredClient: "ansible",
  detectedClient: "command",
  rationaleSource: "client",
  rationale: "deploy",
  tty: false,
  pid: 7,
  exitCode: 0,
  durationMs: 12,
  reason: "exit",
};
const opts = { facility: 10, tag: "rationale", sdId: "rationale@32473" };

describe("RFC 5424", () => {
  test("header: PRI from facility and event, version 1, ISO time, host made printable, event as MSGID", () => {
    const line = formatRfc5424(rec, opts);
    expect(line.startsWith("<86>1 2026-01-05T03:04:05.678Z web_1 rationale 7 end [rationale@32473 event=\"end\"")).toBe(true);
    expect(line.endsWith('] session end')).toBe(true);
    expect(line).toContain('exit="0"');
    expect(line).toContain('duration_ms="12"');
  });

  test("severity follows the event", () => {
    expect(formatRfc5424({ ...rec, event: "refused" }, opts)).toMatch(/^<85>1 /);
    expect(formatRfc5424({ ...rec, event: "config-error" }, opts)).toMatch(/^<83>1 /);
    expect(formatRfc5424({ ...rec, event: "crash" }, { ...opts, facility: 4 })).toMatch(/^<34>1 /);
  });
});

describe("traditional (RFC 3164) form for /dev/log", () => {
  test("space-padded day, tag[pid], and the structured data in MSG", () => {
    const line = formatTraditional(rec, opts);
    const ts = bsdTimestamp(rec.time);
    expect(ts).toMatch(/^Jan  5 \d\d:04:05$/);
    expect(line).toBe(`<86>${ts} rationale[7]: session end ${line.slice(line.indexOf("[rationale@"))}`);
  });
});
