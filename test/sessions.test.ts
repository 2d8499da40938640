/**
 * `rationale-server sessions` against real sessions: a real sshd with the
 * built wrapper, state files in the test server's StateDir, the process
 * table of this machine. Other test files run wrappers at the same time, so
 * rows are picked out by this test's own session ids, pids and commands.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { e2eUid, WRAPPER } from "./support/paths.js";
import { waitForRecords } from "./support/records.js";
import { startServer, type TestServer } from "./support/server.js";
import { waitFor } from "./support/wait-for.js";

interface Row {
  status: string;
  user: string;
  src: string;
  client: string;
  rationale: string;
  command: string;
  started: string;
  running_for_s: number;
  pid: number;
  session: string;
  file?: string;
}

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ name: "sessions" });
});
const openSessions: { end: () => void; done: Promise<unknown> }[] = [];
afterAll(async () => {
  // A failed test must not leave its session running for the next suite to trip over.
  for (const s of openSessions) s.end();
  await Promise.allSettled(openSessions.map((s) => s.done));
  await server?.stop();
});

function sessions(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(WRAPPER, ["sessions", "--state-dir", server.stateDir, ...args], { encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
const rows = (...args: string[]): Row[] => JSON.parse(sessions("--json", ...args).stdout).sessions;

/** A session that runs until the test creates its stop file; `marker` makes its command unique. */
function holdSession(marker: string, env: Record<string, string>) {
  const stop = join(server.dir, `stop-${marker}`);
  const command = `until [ -e ${stop} ]; do sleep 0.05; done # ${marker}`;
  const done = server.ssh([command], env);
  const end = () => writeFileSync(stop, "");
  openSessions.push({ end, done });
  return { command, done, end };
}

describe("sessions", () => {
  test("lists a running session with what the wrapper knew, and forgets it when it ends", async () => {
    const held = holdSession("live", { RATIONALE: "OPS-42 rotate certs \x1b[31m", RATIONALE_CLIENT: "ansible" });
    const row = await waitFor("the session's state file to be listed", () => rows().find((r) => r.command === held.command && r.status === "live"));
    expect(row).toMatchObject({ status: "live", user: "rationale-e2e", client: "ansible" });
    expect(row.src).toMatch(/^127\.0\.0\.1:\d+$/);
    // As escaped in the records: the escape character cannot reach a terminal.
    expect(row.rationale).toBe("OPS-42 rotate certs \\x1b[31m");
    expect(Date.now() - Date.parse(row.started)).toBeLessThan(60_000);
    // The pid is the wrapper's, running as the user.
    expect(execFileSync("ps", ["-o", "uid=,args=", "-p", String(row.pid)], { encoding: "utf8" }).trim()).toMatch(
      new RegExp(`^${e2eUid()} .*rationale-server wrap`),
    );
    // The start record names the same session.
    const [start] = await waitForRecords(server.syslog, (f) => f.event === "start" && f.session === row.session);
    expect(start!.fields.rationale).toBe("OPS-42 rotate certs \x1b[31m");

    const table = sessions("--wide");
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/^USER\s+SOURCE\s+CLIENT\s+STARTED\s+RUNNING\s+PID\s+STATUS\s+RATIONALE\s+COMMAND$/m);
    expect(table.stdout).toContain(`rationale-e2e`);
    expect(table.stdout).not.toContain("\x1b");

    held.end();
    expect((await held.done).code).toBe(0);
    await waitForRecords(server.syslog, (f) => f.event === "end" && f.session === row.session);
    expect(rows().find((r) => r.session === row.session)).toBeUndefined();
    expect(readdirSync(server.stateDir).filter((n) => n.includes(row.session))).toEqual([]);
  });

  test("a wrapper killed before it could clean up is shown as crashed; --prune removes its file", async () => {
    const held = holdSession("crash", { RATIONALE: "crash test" });
    const row = await waitFor("the session to be listed", () => rows().find((r) => r.command === held.command && r.status === "live"));
    process.kill(row.pid, "SIGKILL");
    const crashed = await waitFor("the session to show as crashed", () =>
      rows().find((r) => r.session === row.session && r.status === "crashed"),
    );
    expect(crashed.file).toBe(join(server.stateDir, `${crashed.file!.split("/").pop()}`));
    expect(existsSync(crashed.file!)).toBe(true);
    const pruned = sessions("--prune");
    expect(pruned.stderr).toContain(`removed ${crashed.file}`);
    expect(existsSync(crashed.file!)).toBe(false);
    held.end();
    await held.done;
  });

  test("a wrapper without a state file is still found, from the process table", async () => {
    const held = holdSession("untracked", { RATIONALE: "no file" });
    const row = await waitFor("the session to be listed", () => rows().find((r) => r.command === held.command && r.status === "live"));
    // What a user can do to their own file in the sticky directory: delete it.
    rmSync(row.file!);
    const untracked = await waitFor("the wrapper to show as untracked", () =>
      rows().find((r) => r.pid === row.pid && r.status === "untracked"),
    );
    // Root reads the wrapper's environment: source, command and client-sent rationale.
    expect(untracked).toMatchObject({ user: "rationale-e2e", command: held.command, rationale: "no file", src: row.src });
    held.end();
    await held.done;
  });

  test("--older-than and --sort select and order; bad values are usage errors", async () => {
    const held = holdSession("age", { RATIONALE: "age test" });
    await waitFor("the session to be listed", () => rows().find((r) => r.command === held.command && r.status === "live"));
    expect(rows("--older-than", "1h").find((r) => r.command === held.command)).toBeUndefined();
    const aged = await waitFor("the session to be a second old", () =>
      rows("--older-than", "1s", "--sort", "duration").find((r) => r.command === held.command),
    );
    expect(aged.running_for_s).toBeGreaterThanOrEqual(1);
    expect(sessions("--older-than", "yesterday")).toMatchObject({ status: 64 });
    expect(sessions("--older-than", "yesterday").stderr).toContain("--older-than takes a duration such as 90m, 24h or 7d");
    expect(sessions("--sort", "size").status).toBe(64);
    held.end();
    await held.done;
  });

  test("a missing StateDir is reported with the command that creates it", () => {
    const r = spawnSync(WRAPPER, ["sessions", "--state-dir", join(server.dir, "nope")], { encoding: "utf8" });
    expect(r.status).toBe(66);
    expect(r.stderr).toContain(`install -d -m 1733 -o root -g root ${join(server.dir, "nope")}`);
  });
});
