/**
 * The missing-rationale policy and what a broken configuration does: it
 * must never lock anyone out, and it must be loud.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { sessionRecords, waitForRecords } from "./support/records.js";
import { startServer, type TestServer } from "./support/server.js";

describe("MissingRationale allow (the default)", () => {
  let server: TestServer;
  beforeAll(async () => (server = await startServer({ name: "allow" })));
  afterAll(() => server?.stop());

  test("runs a command without a rationale and records the absence", async () => {
    const r = await server.ssh(["echo", "ran"]);
    expect(r.stdout.toString()).toBe("ran\n");
    const { start, end } = await sessionRecords(server.syslog, "echo ran");
    expect(start.fields.rationale_source).toBe("none");
    expect(start.fields.rationale).toBeUndefined();
    expect(end.fields.exit).toBe("0");
  });
});

describe("MissingRationale deny", () => {
  let server: TestServer;
  beforeAll(async () => (server = await startServer({ name: "deny", wrapperConfig: "MissingRationale deny\nRationalePattern [A-Z]+-[0-9]+\n" })));
  afterAll(() => server?.stop());

  test("refuses a command without a rationale: clear message, exit 77, nothing run, recorded", async () => {
    const marker = join(server.dir, "should-not-exist");
    const r = await server.ssh([`touch ${marker}`]);
    expect(r.code).toBe(77);
    expect(r.stderr).toContain("requires a reason for every SSH session");
    expect(r.stderr).toContain("SendEnv=RATIONALE");
    expect(existsSync(marker)).toBe(false);
    const [refused] = await waitForRecords(server.syslog, (f) => f.event === "refused" && f.command === `touch ${marker}`);
    expect(refused!.fields).toMatchObject({ reason: "denied", rationale_source: "none" });
    expect(refused!.priority).toBe("authpriv.notice");
  });

  test("refuses a rationale that fails the configured pattern, and says which rule", async () => {
    const r = await server.ssh(["true", "badpattern"], { RATIONALE: "just looking" });
    expect(r.code).toBe(77);
    expect(r.stderr).toContain("must match [A-Z]+-[0-9]+");
    const [refused] = await waitForRecords(server.syslog, (f) => f.event === "refused" && f.command === "true badpattern");
    expect(refused!.fields.rationale).toBe("just looking");
  });

  test("runs a command whose rationale matches", async () => {
    const r = await server.ssh(["echo", "ok"], { RATIONALE: "OPS-17 rotate logs" });
    expect(r.stdout.toString()).toBe("ok\n");
    const { start } = await sessionRecords(server.syslog, "echo ok");
    expect(start.fields.rationale).toBe("OPS-17 rotate logs");
  });
});

describe("a broken configuration", () => {
  let server: TestServer;
  beforeAll(
    async () =>
      (server = await startServer({
        name: "broken",
        wrapperConfig: "MissingRationale maybe\nNoSuchKeyword 1\nRationalePattern ([\n",
      })),
  );
  afterAll(() => server?.stop());

  test("falls back to defaults for the bad lines, runs the session, and writes a loud record", async () => {
    const r = await server.ssh(["echo", "still works"]);
    expect(r.code).toBe(0);
    expect(r.stdout.toString()).toBe("still works\n");
    const [problem] = await waitForRecords(server.syslog, (f) => f.event === "config-error" && f.command === "echo still works");
    expect(problem!.priority).toBe("authpriv.err");
    expect(problem!.fields.detail).toContain('MissingRationale "maybe"');
    expect(problem!.fields.detail).toContain('unknown keyword "NoSuchKeyword"');
    expect(problem!.fields.detail).toContain("RationalePattern");
    const { start } = await sessionRecords(server.syslog, "echo still works");
    expect(start.fields.session).toBe(problem!.fields.session);
  });
});

describe("a bad ForceCommand line", () => {
  let server: TestServer;
  beforeAll(async () => (server = await startServer({ name: "badargs", wrapArgs: "--config {config} --bogus" })));
  afterAll(() => server?.stop());

  test("still lets the user in and records the problem", async () => {
    const r = await server.ssh(["echo", "in"]);
    expect(r.code).toBe(0);
    expect(r.stdout.toString()).toBe("in\n");
    const [problem] = await waitForRecords(server.syslog, (f) => f.event === "config-error" && f.command === "echo in");
    expect(problem!.fields.detail).toContain('unknown argument "--bogus"');
  });
});
