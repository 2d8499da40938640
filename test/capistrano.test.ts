/**
 * Debian's real capistrano 3.17 (net-ssh 7.0) with the capistrano-rationale
 * gem the build produces, enabled by examples/capistrano/Capfile as written,
 * deploying a small app from a local git repository into a directory on the
 * test host through the real sshd + wrapper.
 */
import { execFileSync, spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, readlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { E2E_USER, e2eUid, ROOT } from "./support/paths.js";
import { PtySession } from "./support/pty-session.js";
import { type LoggedRecord, parseLine, sessionRecords } from "./support/records.js";
import { cleanEnv, type ClientResult } from "./support/run-client.js";
import { startServer, type TestServer } from "./support/server.js";

const GEM = join(ROOT, "packages", "capistrano-shim", "dist", "capistrano-rationale-0.1.0.gem");

let server: TestServer;
let project: string;
let deployTo: string;
let revision: string;
let env: Record<string, string>;

beforeAll(async () => {
  if (!existsSync(GEM)) throw new Error(`${GEM} is missing: run 'pnpm build' first`);
  server = await startServer({ name: "capistrano" });
  const work = join(server.dir, "cap");
  const gems = join(work, "gems");
  const sh = (cmd: string, args: string[], cwd = work) => execFileSync(cmd, args, { cwd, stdio: "pipe", encoding: "utf8" });
  mkdirSync(work, { recursive: true });
  // The gem, installed as a user would; its dependencies are Debian's capistrano and net-ssh.
  sh("gem", ["install", "--local", "--ignore-dependencies", "--no-document", "--install-dir", gems, GEM]);
  env = { HOME: join(work, "home"), GEM_PATH: `${gems}:${sh("gem", ["env", "gempath"]).trim()}` };
  mkdirSync(env.HOME!, { recursive: true });

  // A small app in a git repository the deploy user can read.
  const app = join(work, "app");
  mkdirSync(app);
  writeFileSync(join(app, "index.html"), "<h1>demo</h1>\n");
  sh("git", ["init", "-q", "-b", "master"], app);
  sh("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", "add", "."], app);
  sh("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "demo"], app);
  revision = sh("git", ["rev-parse", "HEAD"], app).trim();
  sh("git", ["clone", "-q", "--bare", app, join(work, "app.git")]);
  deployTo = join(work, "deploy");
  mkdirSync(deployTo);
  sh("chown", ["-R", `${e2eUid()}`, join(work, "app.git"), deployTo]);

  // examples/capistrano, pointed at the test host: only paths, the server line and keys change.
  project = join(work, "project");
  cpSync(join(ROOT, "examples", "capistrano"), project, { recursive: true });
  const deployRb = join(project, "config", "deploy.rb");
  writeFileSync(
    deployRb,
    readFileSync(deployRb, "utf8")
      .replace('"https://git.example.com/demo.git"', JSON.stringify(join(work, "app.git")))
      .replace('"/srv/demo"', JSON.stringify(deployTo))
      .replace(
        "set :ssh_options, { send_env: [/\\ALANG\\z/] }",
        `set :ssh_options, { send_env: [/\\ALANG\\z/], keys: [${JSON.stringify(server.sshd.keyFile)}], keys_only: true, ` +
          `verify_host_key: :never, user_known_hosts_file: "/dev/null", auth_methods: %w[publickey] }`,
      ),
  );
  writeFileSync(join(project, "config", "deploy", "local.rb"), `server "127.0.0.1", user: "${E2E_USER}", port: ${server.sshd.port}, roles: %w[app web]\n`);
}, 120_000);
afterAll(() => server?.stop());

/** `cap ...` in the project, without a controlling terminal (as CI runs it). */
function cap(args: string[], extra: Record<string, string> = {}): Promise<ClientResult> {
  return new Promise((resolve, reject) => {
    const child = spawn("cap", args, { cwd: project, env: { ...cleanEnv(), ...env, ...extra }, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    let err = "";
    child.stdout.on("data", (d: Buffer) => out.push(d));
    child.stderr.on("data", (d: Buffer) => (err += d));
    child.once("error", reject);
    child.once("close", (code, signal) => resolve({ code, signal, stdout: Buffer.concat(out), stderr: err }));
  });
}

/** Records after line `mark`, once all are in (a later plain session is logged after them). */
async function recordsSince(mark: number): Promise<LoggedRecord[]> {
  const tag = `true cap-marker-${mark}`;
  expect((await server.ssh(tag.split(" "), { RATIONALE: "marker" })).code).toBe(0);
  await sessionRecords(server.syslog, tag);
  return server.syslog
    .lines()
    .slice(mark)
    .flatMap((l) => parseLine(l) ?? [])
    .filter((x) => x.fields.command !== tag);
}

function expectAllCapistrano(recs: LoggedRecord[], rationale: string | RegExp) {
  const starts = recs.filter((r) => r.fields.event === "start");
  expect(starts.length).toBeGreaterThan(0);
  expect(recs.filter((r) => r.fields.event === "end").length).toBe(starts.length);
  for (const r of recs) {
    expect(r.fields, r.line).toMatchObject({ client: "capistrano", declared_client: "capistrano", rationale_source: "client" });
    expect(r.fields.rationale, r.line).toMatch(rationale);
  }
  return starts;
}

describe("cap with capistrano-rationale", () => {
  test("a full `cap local deploy`: every session carries the rationale, with stage, task and then the revision", async () => {
    const mark = server.syslog.lines().length;
    const r = await cap(["local", "deploy", "RATIONALE=INC-200 ship the demo"]);
    expect(r.code, r.stdout.toString() + r.stderr).toBe(0);
    expect(r.stderr).toContain("rationale: deploy local: INC-200 ship the demo");
    const current = readlinkSync(join(deployTo, "current"));
    expect(readFileSync(join(current, "index.html"), "utf8")).toBe("<h1>demo</h1>\n");
    expect(readFileSync(join(current, "REVISION"), "utf8").trim()).toBe(revision);

    const starts = expectAllCapistrano(await recordsSince(mark), /^deploy local: INC-200 ship the demo( \(revision [0-9a-f]{12}\))?$/);
    expect(starts.length).toBeGreaterThan(10);
    // The sessions after deploy:set_current_revision name the revision deployed.
    const withRevision = starts.filter((s) => s.fields.rationale === `deploy local: INC-200 ship the demo (revision ${revision.slice(0, 12)})`);
    expect(withRevision.length).toBeGreaterThan(0);
    expect(withRevision.length).toBeLessThan(starts.length);
    // net-ssh opens one connection per host and a session per command.
    expect(new Set(starts.map((s) => s.fields.src_port)).size).toBe(1);
  });

  test("a custom task, with an exported RATIONALE: the host sees it too", async () => {
    const mark = server.syslog.lines().length;
    const r = await cap(["local", "whoami"], { RATIONALE: `OPS-3 "quoted" $HOME ünï` });
    expect(r.code, r.stdout.toString() + r.stderr).toBe(0);
    expect(r.stdout.toString() + r.stderr).toContain(`${E2E_USER} / whoami local: OPS-3 "quoted" $HOME ünï`);
    expectAllCapistrano(await recordsSince(mark), `whoami local: OPS-3 "quoted" $HOME ünï`);
  });

  test("no rationale and no terminal: stops before any host is contacted", async () => {
    const mark = server.syslog.lines().length;
    const r = await cap(["local", "deploy"]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/capistrano-rationale: this cap run has no rationale/);
    expect(r.stderr).toMatch(/RATIONALE=/);
    expect(await recordsSince(mark)).toEqual([]);
  });

  test("a rationale that breaks the project's rules is refused, naming the rule", async () => {
    const r = await cap(["local", "whoami", "RATIONALE=short"]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/not accepted: a rationale needs at least 8 characters \(got 5\)/);
  });

  test("at a terminal it asks, and the answer reaches the sessions", async () => {
    const mark = server.syslog.lines().length;
    const s = new PtySession(["cap", "local", "whoami"], env, { cols: 120, rows: 30 }, project);
    await s.expect('Rationale for "cap local whoami" (why?):', 30_000);
    s.write("INC-201 asked at the terminal\r");
    expect((await s.exit(60_000)).exitCode).toBe(0);
    expectAllCapistrano(await recordsSince(mark), "whoami local: INC-201 asked at the terminal");
  });
});

describe("the gem's Ruby unit tests", () => {
  test("pass (minitest)", () => {
    const out = execFileSync("ruby", ["-Ilib", "-e", 'Dir["test/**/*_test.rb"].sort.each { |f| require File.expand_path(f) }'], {
      cwd: join(ROOT, "packages", "capistrano-shim"),
      encoding: "utf8",
    });
    expect(out).toMatch(/\d+ runs, \d+ assertions, 0 failures, 0 errors/);
  });
});
