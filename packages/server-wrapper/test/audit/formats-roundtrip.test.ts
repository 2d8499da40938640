/**
 * Every format, fuzzed: whatever a client sends (any Unicode, control bytes,
 * bytes that are not UTF-8, values far over their bound), the formatted
 * record is one line with no control characters, and reading it back with
 * the product's parsers gives exactly one record with the same values, or a
 * prefix of them listed in `truncated`.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { FORMAT_NAMES, formatter } from "../../src/audit/format/formats.js";
import { parseJsonBody } from "@rationale/shared/records/parse-json";
import { parseRecordLine } from "@rationale/shared/records/parse-line";
import { parseStructuredData, type ParsedFields } from "@rationale/shared/records/parse-structured-data";
import type { AuditRecord } from "../../src/audit/record.js";
import { decodeBytes } from "../../src/env/decode-bytes.js";

const base: AuditRecord = {
  event: "end",
  session: "0123456789abcdef",
  time: new Date(Date.UTC(2026, 10, 23, 1, 2, 3, 4)),
  host: "web1",
  user: "alice",
  uid: 1000,
  srcIp: "10.0.0.5",
  srcPort: "51234",
  client: "command",
  detectedClient: "command",
  rationaleSource: "client",
  tty: false,
  pid: 42,
  durationMs: 5,
  exitCode: 3,
  reason: "exit",
};
const opts = { facility: 10, tag: "rationale", sdId: "rationale@32473" };

/** Text as a client may send it: short or huge, any code unit, plus raw bytes. */
const clientText = fc
  .tuple(
    fc.oneof(
      { weight: 4, arbitrary: fc.string({ unit: "binary", maxLength: 200 }) },
      { weight: 1, arbitrary: fc.string({ unit: "binary", minLength: 1000, maxLength: 6000 }) },
      { weight: 1, arbitrary: fc.constantFrom('"] [rationale@32473 user="root"]', "\n<86>1 - forged", "\\\"\\]", "@cee:{\"user\":\"root\"}") },
    ),
    fc.uint8Array({ maxLength: 40 }),
  )
  .map(([s, bytes]) => s + decodeBytes(bytes));

function parse(format: string, line: string): ParsedFields | undefined {
  return format === "json" ? parseJsonBody(line) : parseStructuredData(line);
}

/** A value read back equals what was sent, or is a prefix of it when marked cut. */
function expectSame(fields: ParsedFields, name: string, sent: string) {
  const cut = (fields.truncated ?? "").split(",").includes(name);
  const got = fields[name] ?? "";
  if (cut) {
    expect(sent.startsWith(got), `${name} is a prefix of what was sent`).toBe(true);
    expect(got.length).toBeLessThan(sent.length);
  } else {
    expect(got, name).toBe(sent);
  }
}

describe.each(FORMAT_NAMES.map((f) => [f]))("%s", (format) => {
  for (const local of [true, false]) {
    test(`${local ? "local" : "remote"}: any client-sent values come back as exactly one record with the same fields`, () => {
      const fmt = formatter(format, opts, local);
      fc.assert(
        fc.property(clientText, clientText, clientText, (rationale, command, declared) => {
          const line = fmt({ ...base, rationale, command, declaredClient: declared, client: declared || "command" });
          // One record per line, and nothing a terminal or a log viewer would act on.
          expect(line).not.toMatch(/[\x00-\x1f\x7f\u0080-\u009f\u2028\u2029]/);
          const fields = parse(format, line)!;
          expect(fields).toBeDefined();
          expectSame(fields, "rationale", rationale);
          expectSame(fields, "command", command);
          expectSame(fields, "declared_client", declared);
          // The fields the server decides are untouched by anything the client sent.
          expect(fields).toMatchObject({ event: "end", session: base.session, user: "alice", uid: "1000", exit: "3", src: "10.0.0.5" });
          // The line-level reader of `rationale report` gets the same fields from the whole line.
          const read = parseRecordLine(line, { referenceTime: base.time.getTime() });
          expect(read).toMatchObject({ kind: "record", event: "end", fields });
          // Bounded: every record fits rsyslog's default 8 KiB message size.
          expect(Buffer.byteLength(line)).toBeLessThanOrEqual(8192);
        }),
        { numRuns: 150 },
      );
    });
  }
});
