/**
 * The line-level reader against lines as the wrapper's formatters write them
 * and as rsyslog and journalctl store them, plus the lines it must refuse.
 */
import { describe, expect, test } from "vitest";
import { parseRecordLine } from "@rationale/shared/records/parse-line";
import { formatter } from "../../src/audit/format/formats.js";
import type { AuditRecord } from "../../src/audit/record.js";

const time = new Date(Date.UTC(2026, 10, 23, 1, 2, 3, 4));
const rec: AuditRecord = {
  event: "start",
  session: "0123456789abcdef",
  time,
  host: "web1",
  user: "alice",
  uid: 1000,
  client: "ansible",
  detectedClient: "command",
  rationaleSource: "client",
  rationale: 'OPS-1 "quoted" ] and </script>',
  tty: false,
  pid: 42,
};
const opts = { facility: 10, tag: "rationale", sdId: "rationale@32473" };
const utc = { referenceTime: time.getTime() };

describe("parseRecordLine", () => {
  test("every format the wrapper writes reads back with its time, host and fields", () => {
    for (const name of ["rfc5424", "rfc3164", "json"] as const) {
      const got = parseRecordLine(formatter(name, { ...opts, localTime: undefined }, false)(rec), utc);
      expect(got, name).toMatchObject({ kind: "record", event: "start", host: "web1", fields: { user: "alice", rationale: rec.rationale } });
      if (got.kind === "record") expect(Math.abs(got.time - time.getTime()), name).toBeLessThan(1000);
    }
  });

  test("the local form (no hostname) and rsyslog's two file formats", () => {
    const local = formatter("traditional", opts, true)(rec);
    expect(parseRecordLine(local, utc)).toMatchObject({ kind: "record", host: "" });
    const msg = local.slice(local.indexOf("rationale[42]:"));
    const iso = parseRecordLine(`2026-11-23T01:02:03.123456+00:00 web2 ${msg}`, utc);
    expect(iso).toMatchObject({ kind: "record", host: "web2", time: Date.UTC(2026, 10, 23, 1, 2, 3, 123), fields: { session: rec.session } });
    const bsd = parseRecordLine(`Nov 23 01:02:03 web3 ${msg}`, utc);
    expect(bsd).toMatchObject({ kind: "record", host: "web3", time: new Date(2026, 10, 23, 1, 2, 3).getTime() });
  });

  test("a BSD timestamp after the reference time belongs to the year before", () => {
    const got = parseRecordLine(`Dec 31 23:59:59 h rationale[1]: session start [rationale@32473 event="start" session="a"]`, {
      referenceTime: new Date(2027, 0, 2).getTime(),
    });
    expect(got).toMatchObject({ kind: "record", time: new Date(2026, 11, 31, 23, 59, 59).getTime() });
  });

  test("journalctl -o json entries, with MESSAGE as text or as bytes", () => {
    const message = formatter("traditional", opts, true)(rec).replace(/^.*?rationale\[42\]: /, "");
    const entry = { __REALTIME_TIMESTAMP: String(time.getTime() * 1000 + 5), _HOSTNAME: "web4", SYSLOG_IDENTIFIER: "rationale", _PID: "42", MESSAGE: message };
    expect(parseRecordLine(JSON.stringify(entry))).toMatchObject({ kind: "record", host: "web4", time: time.getTime(), fields: { rationale: rec.rationale } });
    const bytes = { ...entry, MESSAGE: [...Buffer.from(message)] };
    expect(parseRecordLine(JSON.stringify(bytes))).toMatchObject({ kind: "record", fields: { user: "alice" } });
    expect(parseRecordLine(JSON.stringify({ ...entry, SYSLOG_IDENTIFIER: "sshd" }))).toEqual({ kind: "other" });
  });

  test("other programs' lines are not ours, even when they mention rationale", () => {
    for (const line of [
      "Nov 23 01:02:03 web1 sshd[99]: Accepted publickey for rationale from 10.0.0.1",
      'Nov 23 01:02:03 web1 logger: forged [rationale@32473 event="start" session="x" user="root"]',
      "2026-11-23T01:02:03+00:00 web1 CRON[5]: (root) CMD (rationale-server flush)",
      "not a syslog line about rationale",
      "",
    ]) {
      expect(parseRecordLine(line, utc), line).toEqual({ kind: "other" });
    }
  });

  test("our lines that cannot be read are malformed, with the reason", () => {
    const cases: [string, RegExp][] = [
      ['Nov 23 01:02:03 web1 rationale[1]: session start [rationale@32473 event="start" session="ab', /cannot be read/],
      ["Nov 23 01:02:03 web1 rationale[1]: hello", /no \[rationale@/],
      ['Nov 23 01:02:03 web1 rationale[1]: session x [rationale@32473 event="bogus" session="a"]', /unknown event/],
      ['Nov 23 01:02:03 web1 rationale[1]: session start [rationale@32473 event="start"]', /session id/],
      ['Nov 23 01:02:03 web1 rationale[1]: @cee:{"event":"start",', /cannot be read/],
    ];
    for (const [line, reason] of cases) {
      const got = parseRecordLine(line, utc);
      expect(got.kind, line).toBe("malformed");
      if (got.kind === "malformed") expect(got.reason).toMatch(reason);
    }
  });
});
