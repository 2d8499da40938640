import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { encodeBytesForTest } from "../helpers.js";
import { structuredData } from "../../src/audit/format/structured-data.js";
import { parseStructuredData } from "@rationale/shared/records/parse-structured-data";
import { decodeBytes } from "../../src/env/decode-bytes.js";
import type { AuditRecord } from "../../src/audit/record.js";

const base: AuditRecord = {
  event: "start",
  session: "0123456789abcdef",
  time: new Date(0),
  host: "h",
  user: "alice",
  uid: 1000,
  client: "command",
  detectedClient: "command",
  rationaleSource: "client",
  tty: false,
  pid: 42,
};

describe("structured data", () => {
  test("every client-sent value reads back exactly, whatever it contains", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), fc.uint8Array({ maxLength: 200 }), (text, bytes) => {
        const rationale = text + decodeBytes(bytes);
        const line = structuredData({ ...base, rationale, command: rationale, declaredClient: text.slice(0, 10) });
        expect(line).not.toMatch(/[\x00-\x1f\x7f]/);
        const fields = parseStructuredData(`<86>Jan  1 00:00:00 rationale[42]: session start ${line}`)!;
        // An empty value is left out rather than written as "".
        expect(fields.rationale ?? "").toBe(rationale);
        expect(fields.command ?? "").toBe(rationale);
        expect(fields.user).toBe("alice");
        expect(Object.keys(fields).filter((k) => k === "user")).toHaveLength(1);
      }),
      { numRuns: 500 },
    );
  });

  test("a value cannot close the element or add a field", () => {
    const line = structuredData({ ...base, rationale: 'x" user="root"] [rationale@32473 user="root"' });
    const fields = parseStructuredData(line)!;
    expect(fields.user).toBe("alice");
    expect(fields.rationale).toBe('x" user="root"] [rationale@32473 user="root"');
    expect(line.match(/\]/g)!.length).toBe(1 + 1); // the element's own ] plus the escaped \]
    expect(line).toContain('\\]')
  });

  test("long values are cut at their bound, never inside an escape, and listed in `truncated`", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", minLength: 1100, maxLength: 3000 }), (text) => {
        const line = structuredData({ ...base, rationale: text });
        const fields = parseStructuredData(line)!;
        expect(fields.truncated).toBe("rationale");
        expect(text.startsWith(fields.rationale!)).toBe(true);
        const raw = /rationale="((?:[^"\\]|\\.)*)"/.exec(line)![1]!;
        expect(Buffer.byteLength(raw)).toBeLessThanOrEqual(1024);
      }),
      { numRuns: 100 },
    );
  });

  test("bytes that are not UTF-8 are shown as \\xNN with their value", () => {
    const v = decodeBytes(encodeBytesForTest([0x61, 0xff, 0xc3, 0x62, 0xc3, 0xa9]));
    const line = structuredData({ ...base, rationale: v });
    expect(line).toContain('rationale="a\\xff\\xc3bé"');
  });

  test("terminal and bidi controls are made visible", () => {
    const line = structuredData({ ...base, rationale: "\x1b[2J\u202e\u0085\u2028\n" });
    expect(line).toContain('rationale="\\x1b[2J\\u{202e}\\u{85}\\u{2028}\\x0a"');
  });
});
