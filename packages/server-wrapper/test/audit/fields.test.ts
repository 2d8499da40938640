import { FIELD_NAMES } from "@rationale/shared/records/syntax";
import { describe, expect, test } from "vitest";
import { recordFields } from "../../src/audit/fields.js";
import type { AuditRecord } from "../../src/audit/record.js";

/** Required<>: a field added to AuditRecord later has to be filled in here too. */
const full: Required<AuditRecord> = {
  event: "end",
  session: "0123456789abcdef",
  time: new Date(Date.UTC(2026, 0, 5, 3, 4, 5, 678)),
  host: "web1",
  user: "bob",
  uid: 1001,
  srcIp: "10.0.0.1",
  srcPort: "50022",
  dstIp: "10.0.0.2",
  dstPort: "22",
  client: "ansible",
  declaredClient: "ansible",
  detectedClient: "command",
  rationale: "OPS-1 deploy",
  rationaleSource: "client",
  rationaleInvalid: true,
  command: "uptime",
  tty: true,
  pid: 7,
  durationMs: 12,
  exitCode: 1,
  signal: "TERM",
  reason: "signal",
  detail: "detail",
  lost: 3,
};

describe("recordFields", () => {
  test("writes the fields in the order readers expect (FIELD_NAMES), so they stay on the fast path", () => {
    // The formatters append `truncated` after the record's own fields.
    expect([...recordFields(full).map((f) => f.name), "truncated"]).toEqual([...FIELD_NAMES]);
  });
});
