/**
 * Non-interactive sessions through a real sshd with the wrapper as
 * ForceCommand: records, policies, exit statuses and signals, and what the
 * client can and cannot influence.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { records, sessionRecords, waitForRecords } from "./support/records.js";
import { runClient } from "./support/run-client.js";
import { startServer, type TestServer } from "./support/server.js";
import { startSshd } from "./support/sshd.js";

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ name: "noninteractive" });
});
afterAll(() => server?.stop());

describe("a command with a rationale", () => {
  test("runs, and writes a start and an end record with every field", async () => {
    const r = await server.ssh(["echo", "hello; exit 3"], { RATIONALE: "INC-42 check disk" });
    expect(r.stdout.toString()).toBe("hello\n");
    expect(r.code).toBe(3);
    const { start, end } = await sessionRecords(server.syslog, "echo hello; exit 3");
    expect(start.priority).toBe("authpriv.info");
    expect(start.appName).toBe("rationale");
    expect(start.fields).toMatchObject({
      event: "start",
      user: server.sshd.user,
      src: "127.0.0.1",
      dst: "127.0.0.1",
      dst_port: String(server.sshd.port),
      client: "command",
      detected_client: "command",
      rationale: "INC-42 check disk",
      rationale_source: "client",
      tty: "no",
    });
    expect(start.fields.src_port).toMatch(/^\d+$/);
    expect(start.fields.session).toMatch(/^[0-9a-f]{16}$/);
    expect(end.fields).toMatchObject({ event: "end", exit: "3", reason: "exit", rationale: "INC-42 check disk" });
    expect(Number(end.fields.duration_ms)).toBeGreaterThanOrEqual(0);
    expect(start.procId).toBe(end.procId);
  });

  test("a declared client is recorded as declared, next to the detected one", async () => {
    await server.ssh(["true", "declared"], { RATIONALE: "playbook run", RATIONALE_CLIENT: "ansible" });
    const { start } = await sessionRecords(server.syslog, "true declared");
    expect(start.fields).toMatchObject({ client: "ansible", declared_client: "ansible", detected_client: "command" });
  });

  test("the session sees RATIONALE_SESSION, the id of its records", async () => {
    const r = await server.ssh(["echo", "$RATIONALE_SESSION"], { RATIONALE: "id check" });
    const { start } = await sessionRecords(server.syslog, "echo $RATIONALE_SESSION");
    expect(r.stdout.toString().trim()).toBe(start.fields.session);
  });
});

describe("exit status and signals reach the client unchanged", () => {
  test.each([0, 1, 42, 255])("exit %i", async (n) => {
    const r = await server.ssh([`exit ${n}`], { RATIONALE: "status" });
    expect(r.code).toBe(n);
  });

  test("a command killed by a signal: the client sees what a bare sshd shows, and the record names it", async () => {
    const bare = await startSshd({ dir: server.dir, wrapped: false });
    try {
      const direct = await runClient(["ssh", ...bare.clientArgs(), "-v", "127.0.0.1", "kill -TERM $$"]);
      const r = await runClient(["ssh", ...server.sshd.clientArgs(), "-v", "127.0.0.1", "kill -TERM $$"], { env: { RATIONALE: "signal" } });
      // ssh -v prints the exit-signal request the server sent; both servers must send the same one.
      const exitSignal = (stderr: string) => /exit-signal|Exit status -?\d+/.exec(stderr)?.[0];
      expect(exitSignal(direct.stderr)).toBe("exit-signal");
      expect(exitSignal(r.stderr)).toBe(exitSignal(direct.stderr));
      expect(r.code).toBe(direct.code);
    } finally {
      await bare.stop();
    }
    const { end } = await sessionRecords(server.syslog, "kill -TERM $$");
    expect(end.fields).toMatchObject({ signal: "SIGTERM", reason: "signal" });
    expect(end.fields.exit).toBeUndefined();
  });
});

describe("no command and no terminal (ssh -T)", () => {
  test("runs the login shell on the client's stdin, classified as shell", async () => {
    const r = await runClient(["ssh", ...server.sshd.clientArgs(), "-T", "127.0.0.1"], {
      env: { RATIONALE: "scripted shell" },
      input: "echo from-stdin $0\nexit 5\n",
    });
    expect(r.stdout.toString()).toBe("from-stdin -bash\n");
    expect(r.code).toBe(5);
    const [start] = await waitForRecords(server.syslog, (f) => f.event === "start" && f.rationale === "scripted shell");
    expect(start!.fields).toMatchObject({ detected_client: "shell", tty: "no" });
    expect(start!.fields.command).toBeUndefined();
  });
});

describe("client-sent environment", () => {
  test("only RATIONALE and RATIONALE_CLIENT are trusted, even with AcceptEnv RATIONALE*", async () => {
    const r = await server.ssh(["echo", "$RATIONALE_SESSION", "trust"], {
      RATIONALE: "trust test",
      RATIONALE_SESSION: "forged0000000000",
      RATIONALE_CONFIG: "/tmp/evil.conf",
      RATIONALE_SYSLOG_SOCKET: "/tmp/evil.sock",
      RATIONALE_POLICY: "deny",
    });
    const { start, end } = await sessionRecords(server.syslog, "echo $RATIONALE_SESSION trust");
    expect(start.fields.session).not.toBe("forged0000000000");
    expect(r.stdout.toString().trim()).toBe(`${start.fields.session} trust`);
    expect(end.fields.exit).toBe("0");
  });

  test("a blank RATIONALE counts as missing", async () => {
    await server.ssh(["true", "blank"], { RATIONALE: "   " });
    const { start } = await sessionRecords(server.syslog, "true blank");
    expect(start.fields.rationale_source).toBe("none");
    expect(start.fields.rationale).toBeUndefined();
  });

  test("a hostile rationale becomes exactly one record per event, escaped, and reads back intact", async () => {
    const evil =
      'fix]" injected="1" \\ \n<86>Nov 22 00:00:00 rationale[1]: session start [rationale@32473 user="root"]\r\x1b[31mred\x1b[0m \u202e\u0085 end';
    await server.ssh(["true", "hostile"], { RATIONALE: evil, RATIONALE_CLIENT: 'x"]\n' });
    const { start, end } = await sessionRecords(server.syslog, "true hostile");
    expect(start.fields.rationale).toBe(evil);
    expect(start.fields.declared_client).toBe('x"]\n');
    expect(start.fields.user).toBe(server.sshd.user);
    expect(start.fields.injected).toBeUndefined();
    // Raw control characters never reach the log file.
    expect(start.line).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
    expect(start.line).toContain("\\x0a<86>");
    expect(start.line).toContain("\\x1b[31m");
    expect(start.line).toContain("\\u{202e}");
    // Exactly one start and one end line mention this session; nothing forged a third.
    const lines = server.syslog.lines().filter((l) => l.includes(start.fields.session!));
    expect(lines).toHaveLength(2);
    expect(end.fields.rationale).toBe(evil);
    expect(records(server.syslog).some((r) => r.fields.user === "root")).toBe(false);
  });

  test("invalid UTF-8 bytes are recorded as \\xNN, not replaced", async () => {
    // Node cannot put raw bytes in an env value, so bash's $'...' sets them.
    const args = [...server.sshd.clientArgs(), "127.0.0.1", "true", "bytes"].map((a) => `'${a}'`).join(" ");
    const r = await runClient(["bash", "-c", `export RATIONALE=$'bad \\xff\\xc3 byte caf\\xc3\\xa9'; exec ssh ${args}`]);
    expect(r.code).toBe(0);
    const { start } = await sessionRecords(server.syslog, "true bytes");
    expect(start.line).toContain('rationale="bad \\xff\\xc3 byte café"');
  });

  test("a huge rationale is bounded and marked as truncated", async () => {
    const huge = "why ".repeat(20_000);
    const r = await server.ssh(["true", "huge"], { RATIONALE: huge });
    expect(r.code).toBe(0);
    const { start } = await sessionRecords(server.syslog, "true huge");
    expect(start.fields.truncated).toBe("rationale");
    expect(Buffer.byteLength(start.fields.rationale!)).toBeLessThanOrEqual(1024);
    expect(huge.startsWith(start.fields.rationale!)).toBe(true);
  });
});
