/**
 * Debian's real ansible-core (2.14) with the rationale.audit collection,
 * installed from the tarball the build produces and enabled by
 * examples/ansible/ansible.cfg as written, against the real sshd + wrapper:
 * every SSH session Ansible opens is recorded with client=ansible and the
 * run's rationale, and a run without one stops before any host is contacted.
 */
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { E2E_USER, ROOT } from "./support/paths.js";
import { PtySession } from "./support/pty-session.js";
import { type LoggedRecord, parseLine, sessionRecords } from "./support/records.js";
import { cleanEnv, type ClientResult } from "./support/run-client.js";
import { startServer, type TestServer } from "./support/server.js";

const COLLECTION = join(ROOT, "packages", "ansible-plugin", "dist", "rationale-audit-0.1.0.tar.gz");

let server: TestServer;
let work: string;
let env: Record<string, string>;

beforeAll(async () => {
  if (!existsSync(COLLECTION)) throw new Error(`${COLLECTION} is missing: run 'pnpm build' first`);
  server = await startServer({ name: "ansible" });
  work = join(server.dir, "ansible");
  const home = join(work, "home");
  mkdirSync(home, { recursive: true });
  env = { HOME: home, ANSIBLE_COLLECTIONS_PATH: join(work, "collections"), ANSIBLE_NOCOLOR: "1" };
  const install = await run(["ansible-galaxy", "collection", "install", COLLECTION, "-p", join(work, "collections")]);
  expect(install.code, install.stderr).toBe(0);
  for (const f of ["ansible.cfg", "site.yml"]) copyFileSync(join(ROOT, "examples", "ansible", f), join(work, f));
  // The inventory of examples/ansible, pointed at the test server; the host's
  // own ssh_common_args must survive (without them this host is unreachable).
  writeFileSync(
    join(work, "inventory.ini"),
    `[web]\ntarget ansible_host=127.0.0.1 ansible_port=${server.sshd.port} ansible_user=${E2E_USER} ` +
      `ansible_ssh_private_key_file=${server.sshd.keyFile} ansible_python_interpreter=/usr/bin/python3 ` +
      `ansible_ssh_common_args='-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null'\n`,
  );
}, 120_000);
afterAll(async () => {
  // Close the masters ControlPersist left behind, so no session of the test
  // account outlives this file.
  const cp = env?.HOME ? join(env.HOME, ".ansible", "cp") : "";
  for (const sock of cp && existsSync(cp) ? readdirSync(cp) : []) {
    await run(["ssh", "-o", `ControlPath=${join(cp, sock)}`, "-O", "exit", "target"]);
  }
  await server?.stop();
});

/** Run an Ansible command in the project dir, without a controlling terminal (as CI does). */
function run(argv: string[], extra: Record<string, string> = {}): Promise<ClientResult> {
  return new Promise((resolve, reject) => {
    const [cmd, ...args] = argv as [string, ...string[]];
    const child = spawn(cmd, args, { cwd: work, env: { ...cleanEnv(), ...env, ...extra }, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    let err = "";
    child.stdout.on("data", (d: Buffer) => out.push(d));
    child.stderr.on("data", (d: Buffer) => (err += d));
    child.once("error", reject);
    child.once("close", (code, signal) => resolve({ code, signal, stdout: Buffer.concat(out), stderr: err }));
  });
}

/**
 * The records written after line `mark` of the log, once they are all in:
 * a plain session run afterwards is logged after them (one datagram socket,
 * read in order), so waiting for its end record waits for theirs.
 */
async function recordsSince(mark: number): Promise<LoggedRecord[]> {
  const tag = `true marker-${mark}`;
  const r = await server.ssh(tag.split(" "), { RATIONALE: "marker" });
  expect(r.code).toBe(0);
  await sessionRecords(server.syslog, tag);
  return server.syslog
    .lines()
    .slice(mark)
    .flatMap((l) => parseLine(l) ?? [])
    .filter((x) => x.fields.command !== tag);
}

/** Every session has a start and an end, all with client=ansible and this rationale. */
function expectAllAnsible(recs: LoggedRecord[], rationale: string) {
  const starts = recs.filter((r) => r.fields.event === "start");
  expect(starts.length).toBeGreaterThan(0);
  expect(recs.filter((r) => r.fields.event === "end").length).toBe(starts.length);
  for (const r of recs) {
    expect(r.fields, r.line).toMatchObject({ client: "ansible", declared_client: "ansible", rationale, rationale_source: "client" });
  }
  return starts;
}

describe("ansible-playbook and ansible with rationale.audit", () => {
  test("ad-hoc ping: every session carries RATIONALE from the environment", async () => {
    const mark = server.syslog.lines().length;
    const r = await run(["ansible", "all", "-m", "ping"], { RATIONALE: "INC-100 ad-hoc ping" });
    expect(r.code, r.stdout.toString() + r.stderr).toBe(0);
    expect(r.stdout.toString()).toMatch(/"ping": "pong"/);
    expectAllAnsible(await recordsSince(mark), "INC-100 ad-hoc ping");
  });

  test("a playbook with pipelining and ControlPersist: one master, every session recorded, the host sees $RATIONALE", async () => {
    const mark = server.syslog.lines().length;
    const rationale = `OPS-7 "quoted" $HOME ünï`;
    const r = await run(["ansible-playbook", "site.yml", "-e", `rationale=${JSON.stringify(rationale)}`, "-v"]);
    expect(r.code, r.stdout.toString() + r.stderr).toBe(0);
    expect(r.stdout.toString()).toContain(`"stdout": ${JSON.stringify(rationale)}`); // printenv RATIONALE on the host
    const starts = expectAllAnsible(await recordsSince(mark), rationale);
    expect(starts.length).toBeGreaterThanOrEqual(4); // one per task at least
    // ControlPersist: all sessions through one TCP connection (one client port) ...
    expect(new Set(starts.map((s) => s.fields.src_port)).size).toBe(1);
    // ... whose socket has a name of its own, so no master without SendEnv is reused.
    const sockets = readdirSync(join(env.HOME!, ".ansible", "cp"));
    expect(sockets.length).toBeGreaterThan(0);
    expect(sockets.every((s) => s.startsWith("rationale-"))).toBe(true);
  });

  test("pipelining off: the file transfers (sftp) carry the rationale too", async () => {
    const mark = server.syslog.lines().length;
    const r = await run(["ansible-playbook", "site.yml"], { RATIONALE: "OPS-8 no pipelining", ANSIBLE_PIPELINING: "False" });
    expect(r.code, r.stdout.toString() + r.stderr).toBe(0);
    const starts = expectAllAnsible(await recordsSince(mark), "OPS-8 no pipelining");
    expect(starts.some((s) => s.fields.detected_client === "sftp")).toBe(true);
    expect(starts.length).toBeGreaterThan(8); // mkdir, put, chmod, run, rm per task
  });

  test("no rationale and no terminal: refused before any host is contacted", async () => {
    const mark = server.syslog.lines().length;
    const r = await run(["ansible-playbook", "site.yml"]);
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/this run has no rationale/);
    expect(r.stderr).toMatch(/-e rationale=/);
    expect(r.stdout.toString()).not.toMatch(/TASK \[/);
    expect(await recordsSince(mark)).toEqual([]);
    const adhoc = await run(["ansible", "all", "-m", "ping"]);
    expect(adhoc.code).toBe(5);
  });

  test("a rationale that breaks the configured rules is refused, naming the rule", async () => {
    const r = await run(["ansible", "all", "-m", "ping"], { RATIONALE: "short" });
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/not accepted: a rationale needs at least 8 characters/);
  });

  test("the paramiko connection is refused with the fix, before any host is contacted", async () => {
    const mark = server.syslog.lines().length;
    const r = await run(["ansible", "all", "-m", "ping", "-c", "paramiko"], { RATIONALE: "INC-101 paramiko" });
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/paramiko connection .* sends no environment variables/);
    expect(r.stderr).toMatch(/-c rationale\.audit\.ssh/);
    expect(await recordsSince(mark)).toEqual([]);
  });

  test("at a terminal it asks once per run, and the answer reaches every session", async () => {
    const mark = server.syslog.lines().length;
    const s = new PtySession(["ansible", "all", "-m", "ping"], { ...env, PWD: work }, { cols: 120, rows: 30 }, work);
    await s.expect("Rationale for this Ansible run (why?):", 30_000);
    s.write("short\r");
    await s.expect("Not accepted: a rationale needs at least 8 characters");
    s.write("INC-102 asked at the terminal\r");
    expect((await s.exit(60_000)).exitCode).toBe(0);
    expectAllAnsible(await recordsSince(mark), "INC-102 asked at the terminal");
  });
});

describe("the collection's Python unit tests", () => {
  test("pass under the system Python that runs ansible-core", async () => {
    const r = await new Promise<ClientResult>((resolve) => {
      const child = spawn("/usr/bin/python3", ["-m", "unittest", "discover", "-s", "tests", "-t", "."], {
        cwd: join(ROOT, "packages", "ansible-plugin"),
        env: { ...cleanEnv(), PYTHONDONTWRITEBYTECODE: "1" },
      });
      let err = "";
      child.stderr.on("data", (d: Buffer) => (err += d));
      child.once("close", (code, signal) => resolve({ code, signal, stdout: Buffer.alloc(0), stderr: err }));
    });
    expect(r.stderr).toMatch(/^OK$/m);
    expect(r.code, r.stderr).toBe(0);
  });
});
