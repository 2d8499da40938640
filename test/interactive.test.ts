/**
 * Interactive logins driven through a real pseudo-terminal: the prompt, the
 * keys that must not get past it, the shell behind it, and the terminal
 * behaving like one (size, resize, job control, no doubled carriage returns).
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { e2eUid } from "./support/paths.js";
import { findProcesses, findSessionProcesses } from "./support/processes.js";
import { PtySession } from "./support/pty-session.js";
import { records, sessionRecords, waitForRecords } from "./support/records.js";
import { startServer, type TestServer } from "./support/server.js";
import { waitFor } from "./support/wait-for.js";

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ name: "interactive", wrapperConfig: "RationaleMinLength 5\n" });
});
afterAll(() => server?.stop());

const clients: PtySession[] = [];
const login = (env: Record<string, string> = {}) => {
  const s = new PtySession(["ssh", "-tt", ...server.sshd.clientArgs(), "127.0.0.1"], env);
  clients.push(s);
  return s;
};
// A failed test must not leave its client (and so its session) behind for the next one.
afterEach(() => {
  for (const c of clients.splice(0)) c.kill();
});

/** Run a command in the remote shell and wait for its marked output. */
async function shell(s: PtySession, command: string, marker: string): Promise<string> {
  s.write(`${command}; echo "${marker}-done"\r`);
  const out = await s.expect(new RegExp(`([^]*)${marker}-done\\r\\n`));
  return out;
}

describe("interactive login without a rationale", () => {
  test("prompts until an acceptable answer; Ctrl-C, Ctrl-Z and Ctrl-\\ do not get past; the shell gets $RATIONALE", async () => {
    const s = login();
    await s.expect("RATIONALE: ");
    s.write("\r");
    await s.expect("Not accepted: a rationale is required.\r\nRATIONALE: ");
    s.write("abc\r");
    await s.expect("Not accepted: a rationale needs at least 5 characters (got 3).\r\nRATIONALE: ");
    s.write("half typed\x03");
    await s.expect("^C\r\nRATIONALE: ");
    s.write("\x1a\x1c\x03");
    await s.expect("^C\r\nRATIONALE: ");
    // Nothing has run: no start record exists for an interactive session yet.
    expect(records(server.syslog).filter((r) => r.fields.event === "start" && r.fields.detected_client === "interactive")).toHaveLength(0);

    s.write("INC-7 \x1b[Dlook at \u00e9 disk\x7f\x7f\x7f\x7fdisk\r");
    const out = await shell(s, 'echo "R=[$RATIONALE]"', "m1");
    expect(out).toContain("R=[INC-7 look at \u00e9 disk]");
    const [start] = await waitForRecords(server.syslog, (f) => f.event === "start" && f.detected_client === "interactive");
    expect(start!.fields).toMatchObject({ rationale: "INC-7 look at \u00e9 disk", rationale_source: "prompt", tty: "yes", client: "interactive" });

    s.write("exit 7\r");
    expect((await s.exit()).exitCode).toBe(7);
    const [end] = await waitForRecords(server.syslog, (f) => f.event === "end" && f.session === start!.fields.session);
    expect(end!.fields).toMatchObject({ exit: "7", reason: "exit" });
  });

  test("Ctrl-D at the prompt closes the connection without a shell, and is recorded", async () => {
    const s = login();
    await s.expect("RATIONALE: ");
    s.write("\x04");
    await s.expect("No rationale given; closing the connection.");
    expect((await s.exit()).exitCode).toBe(1);
    const [refused] = await waitForRecords(server.syslog, (f) => f.event === "refused" && f.reason === "prompt-eof");
    expect(refused!.fields).toMatchObject({ tty: "yes", detected_client: "interactive", rationale_source: "none" });
    const sessions = records(server.syslog).filter((r) => r.fields.session === refused!.fields.session);
    expect(sessions.map((r) => r.fields.event)).toEqual(["refused"]);
  });
});

describe("the terminal behind the prompt", () => {
  test("has the client's size, follows resizes, passes lines without \\r\\r\\n, and supports job control", async () => {
    const s = login({ RATIONALE: "terminal check" });
    // A rationale was sent: no prompt, straight to the shell.
    expect(await shell(s, "stty size", "m2")).toContain("30 100\r\n");
    s.resize(120, 40);
    expect(await shell(s, "stty size", "m3")).toContain("40 120\r\n");
    expect(s.output).not.toContain("RATIONALE: ");
    expect(s.output).not.toContain("\r\r\n");

    // Ctrl-C reaches the foreground job as SIGINT; the shell survives it.
    s.write("sleep 3011\r");
    await waitFor("sleep 3011 to run", () => findProcesses(e2eUid(), /^sleep 3011$/).length === 1);
    s.write("\x03");
    expect(await shell(s, "echo status=$?", "m4")).toContain("status=130");

    // Ctrl-Z stops a job; fg brings it back to the foreground, where Ctrl-C ends it.
    s.write("sleep 3012\r");
    await waitFor("sleep 3012 to run", () => findProcesses(e2eUid(), /^sleep 3012$/).length === 1);
    s.write("\x1a");
    await s.expect(/Stopped\s+sleep 3012/);
    expect(await shell(s, "jobs", "m5")).toMatch(/\[1\]\+\s+Stopped\s+sleep 3012/);
    s.write("fg\r");
    await s.expect("sleep 3012\r\n");
    s.write("\x03");
    expect(await shell(s, "echo status=$?", "m5b")).toContain("status=130");
    expect(findProcesses(e2eUid(), /^sleep 3012$/)).toEqual([]);

    s.write("exit\r");
    expect((await s.exit()).exitCode).toBe(0);
  });
});

describe("a session that ends abnormally still has its end record", () => {
  test("a client killed mid-command (no tty): end record, and the command is ended", async () => {
    const ssh = server.ssh(["sleep 3021; echo never"], { RATIONALE: "killed client" });
    const [start] = await waitForRecords(server.syslog, (f) => f.event === "start" && f.rationale === "killed client");
    await waitFor("sleep 3021 to run", () => findProcesses(e2eUid(), /^sleep 3021$/).length === 1);
    // Kill the client's ssh process: the TCP connection drops, sshd-session exits.
    const client = findProcesses(0, /^ssh .*sleep 3021/);
    expect(client).toHaveLength(1);
    process.kill(client[0]!, "SIGKILL");
    await ssh.catch(() => undefined);
    const [end] = await waitForRecords(server.syslog, (f) => f.event === "end" && f.session === start!.fields.session);
    expect(end!.fields.reason).toBe("disconnect");
    await waitFor("sleep 3021 to be ended", () => findProcesses(e2eUid(), /^sleep 3021$/).length === 0);
  });

  test("an interactive client killed mid-command: end record, and the shell and its job are ended", async () => {
    const s = login({ RATIONALE: "killed tty client" });
    s.write("sleep 3031\r");
    await waitFor("sleep 3031 to run", () => findProcesses(e2eUid(), /^sleep 3031$/).length === 1);
    const [start] = await waitForRecords(server.syslog, (f) => f.event === "start" && f.rationale === "killed tty client");
    process.kill(s.pid, "SIGKILL");
    const [end] = await waitForRecords(server.syslog, (f) => f.event === "end" && f.session === start!.fields.session);
    expect(end!.fields.reason).toBe("disconnect");
    await waitFor("sleep 3031 to be ended", () => findProcesses(e2eUid(), /^sleep 3031$/).length === 0);
  });

  test("killing the wrapper itself ends the session: no shell runs on without it", async () => {
    const s = login({ RATIONALE: "wrapper killed" });
    const [start] = await waitForRecords(server.syslog, (f) => f.event === "start" && f.rationale === "wrapper killed");
    await shell(s, "true", "m6");
    const session = start!.fields.session!;
    expect(findSessionProcesses(session).length).toBeGreaterThan(0);
    process.kill(Number(start!.fields.pid), "SIGKILL");
    await s.exit();
    await waitFor("the shell of the killed wrapper to end", () => findSessionProcesses(session).length === 0, {
      describe: () => findSessionProcesses(session).join(" "),
    });
  });
});

test("no process of the test account outlives the sessions above", async () => {
  await waitFor("the test account's processes to end", () => findProcesses(e2eUid(), /./).length === 0, {
    describe: () => findProcesses(e2eUid(), /./).join(" "),
  });
});

describe("an idle prompt", () => {
  let quick: TestServer;
  beforeAll(async () => (quick = await startServer({ name: "idle", wrapperConfig: "PromptTimeout 1\n" })));
  afterAll(() => quick?.stop());

  test("closes the connection after PromptTimeout seconds without a shell, and is recorded", async () => {
    const s = new PtySession(["ssh", "-tt", ...quick.sshd.clientArgs(), "127.0.0.1"]);
    await s.expect("RATIONALE: ");
    await s.expect("No rationale given in 1 s; closing the connection.");
    expect((await s.exit()).exitCode).toBe(1);
    const [refused] = await waitForRecords(quick.syslog, (f) => f.event === "refused");
    expect(refused!.fields.reason).toBe("prompt-timeout");
  });
});
