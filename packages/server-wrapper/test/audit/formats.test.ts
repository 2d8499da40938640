import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { formatJson } from "../../src/audit/format/json.js";
import { parseJsonBody } from "@rationale/shared/records/parse-json";
import { decodeBytes } from "../../src/env/decode-bytes.js";
import { formatRfc5424 } from "../../src/audit/format/rfc5424.js";
import { bsdTimestamp, formatRfc3164, formatTraditional } from "../../src/audit/format/traditional.js";
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
    expect(line.endsWith("] session end: bob from - (ansible) exit 0 after 12 ms")).toBe(true);
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

describe("RFC 3164 for relays", () => {
  test("carries the hostname, made printable", () => {
    expect(formatRfc3164(rec, opts)).toMatch(/^<86>Jan  5 \d\d:04:05 web_1 rationale\[7\]: session end \[rationale@32473 /);
  });
});

describe("JSON with the @cee cookie", () => {
  test("every value survives JSON.parse + unescape, whatever it contains", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 400 }), fc.uint8Array({ maxLength: 50 }), (text, bytes) => {
        const rationale = text + decodeBytes(bytes);
        const line = formatJson({ ...rec, rationale, command: rationale }, opts, true);
        expect(line).toMatch(/^<86>\w{3} [ \d]\d \d\d:\d\d:\d\d web_1 rationale\[7\]: @cee:\{/);
        expect(line).not.toMatch(/[\x00-\x1f\x7f\u0080-\u009f]/);
        const f = parseJsonBody(line)!;
        expect(f.rationale ?? "").toBe(rationale);
        expect(f.command ?? "").toBe(rationale);
        expect(f.user).toBe("bob");
      }),
      { numRuns: 400 },
    );
  });

  test("a huge value is bounded before encoding, so the JSON stays valid", () => {
    const line = formatJson({ ...rec, rationale: "\x1b".repeat(5000) }, opts, false);
    const f = parseJsonBody(line)!;
    expect(f.truncated).toBe("rationale");
    expect(line).toMatch(/^<86>\w{3} [ \d]\d \d\d:\d\d:\d\d rationale\[7\]: @cee:/);
  });
});
