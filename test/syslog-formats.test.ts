/**
 * What a real rsyslogd understands of each local format. The traditional
 * form is the default because it is what an unmodified imuxsock parses; the
 * RFC 5424 form needs imuxsock's special parser turned off.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { sessionRecords } from "./support/records.js";
import { startServer, type TestServer } from "./support/server.js";

describe("SyslogFormat traditional (default) on a default imuxsock", () => {
  let server: TestServer;
  beforeAll(async () => (server = await startServer({ name: "fmt-trad" })));
  afterAll(() => server?.stop());

  test("rsyslog parses tag, pid and priority; the fields travel in MSG", async () => {
    await server.ssh(["true", "trad"], { RATIONALE: "format check" });
    const { start, end } = await sessionRecords(server.syslog, "true trad");
    expect(start.appName).toBe("rationale");
    expect(start.procId).toBe(start.fields.pid);
    expect(start.priority).toBe("authpriv.info");
    expect(start.msg).toMatch(/^- +session start \[rationale@32473 event="start" /);
    expect(end.msg).toMatch(/^- +session end \[rationale@32473 event="end" /);
  });
});

describe("SyslogFormat rfc5424 on an imuxsock with useSpecialParser off", () => {
  let server: TestServer;
  beforeAll(async () => (server = await startServer({ name: "fmt-5424", rfc5424: true, wrapperConfig: "SyslogFormat rfc5424\nSyslogFacility local3\n" })));
  afterAll(() => server?.stop());

  test("rsyslog parses app-name, procid, msgid and the structured data", async () => {
    await server.ssh(["true", "5424"], { RATIONALE: 'with "quotes" and ]' });
    const { start } = await sessionRecords(server.syslog, "true 5424");
    expect(start.appName).toBe("rationale");
    expect(start.msgId).toBe("start");
    expect(start.priority).toBe("local3.info");
    expect(start.msg.startsWith('[rationale@32473 event="start" ')).toBe(true);
    expect(start.msg).toMatch(/\] session start: rationale-e2e from 127\.0\.0\.1 \(command\)$/);
    expect(start.fields.rationale).toBe('with "quotes" and ]');
  });
});
