/**
 * Binary protocols through the wrapper must stay byte-exact: 20 MB of random
 * bytes through cat, scp, sftp and rsync arrive with the same sha256, and
 * each session is classified by the shape of its command.
 */
import { createHash, randomBytes } from "node:crypto";
import { chmodSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { waitForRecords } from "./support/records.js";
import { runClient } from "./support/run-client.js";
import { startServer, type TestServer } from "./support/server.js";

let server: TestServer;
let data: Buffer;
let source: string;
let remoteDir: string;
const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

beforeAll(async () => {
  server = await startServer({ name: "transfer" });
  data = randomBytes(20 * 1024 * 1024);
  source = join(server.dir, "source.bin");
  writeFileSync(source, data);
  remoteDir = join(server.dir, "remote");
  // The remote side writes as the test account.
  await runClient(["install", "-d", "-m", "0777", remoteDir]);
  chmodSync(source, 0o644);
});
afterAll(() => server?.stop());

/** ssh -o options for scp/sftp/rsync's own ssh invocation. */
const sshOpts = () => server.sshd.clientArgs().filter((a) => a !== "-l" && a !== server.sshd.user);
const target = () => `${server.sshd.user}@127.0.0.1`;

async function lastStart(detected: string, rationale: string) {
  const [start] = await waitForRecords(server.syslog, (f) => f.event === "start" && f.rationale === rationale);
  const [end] = await waitForRecords(server.syslog, (f) => f.event === "end" && f.session === start!.fields.session);
  expect(start!.fields.detected_client).toBe(detected);
  expect(end!.fields.exit).toBe("0");
  return start!;
}

describe("20 MB of random bytes", () => {
  test("through cat, both ways", async () => {
    const r = await server.ssh(["cat"], { RATIONALE: "cat roundtrip" }, data);
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBe(data.length);
    expect(sha(r.stdout)).toBe(sha(data));
    await lastStart("command", "cat roundtrip");
  });

  test("through scp (SFTP protocol, the default since OpenSSH 9.0)", async () => {
    const dest = join(remoteDir, "scp.bin");
    const port = sshOpts();
    const args = ["scp", "-q", ...port.map((a) => (a === "-p" ? "-P" : a)), source, `${target()}:${dest}`];
    const r = await runClient(args, { env: { RATIONALE: "scp upload" } });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(sha(readFileSync(dest))).toBe(sha(data));
    await lastStart("sftp", "scp upload");
  });

  test("through scp -O (the legacy scp protocol)", async () => {
    const dest = join(remoteDir, "scp-legacy.bin");
    const port = sshOpts();
    const args = ["scp", "-O", "-q", ...port.map((a) => (a === "-p" ? "-P" : a)), source, `${target()}:${dest}`];
    const r = await runClient(args, { env: { RATIONALE: "scp legacy upload" } });
    expect(r.code).toBe(0);
    expect(sha(readFileSync(dest))).toBe(sha(data));
    const start = await lastStart("scp", "scp legacy upload");
    expect(start.fields.command).toBe(`scp -t ${dest}`);
  });

  test("through sftp, down", async () => {
    const dest = join(server.dir, "sftp-down.bin");
    const port = sshOpts();
    const args = ["sftp", "-q", ...port.map((a) => (a === "-p" ? "-P" : a)), "-b", "-", target()];
    const r = await runClient(args, { env: { RATIONALE: "sftp download" }, input: `get ${source} ${dest}\n` });
    expect(r.code).toBe(0);
    expect(sha(readFileSync(dest))).toBe(sha(data));
    rmSync(dest);
    const start = await lastStart("sftp", "sftp download");
    expect(start.fields.command).toBe("/usr/lib/openssh/sftp-server");
  });

  test("through rsync, up", async () => {
    const dest = join(remoteDir, "rsync.bin");
    const ssh = ["ssh", ...sshOpts()].join(" ");
    const r = await runClient(["rsync", "-a", "-e", ssh, source, `${target()}:${dest}`], { env: { RATIONALE: "rsync upload" } });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(sha(readFileSync(dest))).toBe(sha(data));
    await lastStart("rsync", "rsync upload");
  });
});

describe("git over ssh", () => {
  test("a clone is classified as git and gets the repository intact", async () => {
    const repo = join(remoteDir, "repo.git");
    const work = join(server.dir, "work");
    await runClient(["git", "init", "-q", "--bare", repo]);
    await runClient(["git", "init", "-q", work]);
    writeFileSync(join(work, "README"), "hello\n");
    const git = (...a: string[]) => runClient(["git", "-C", work, "-c", "user.name=t", "-c", "user.email=t@t", ...a]);
    await git("add", "README");
    await git("commit", "-q", "-m", "first");
    await git("push", "-q", repo, "HEAD:refs/heads/main");
    // git refuses a repository owned by someone else ("dubious ownership").
    await runClient(["chown", "-R", server.sshd.user, repo]);
    const clone = join(server.dir, "clone");
    const sshCommand = ["ssh", ...sshOpts()].join(" ");
    const r = await runClient(["git", "clone", "-q", "-b", "main", `ssh://${target()}${repo}`, clone], {
      env: { GIT_SSH_COMMAND: sshCommand, RATIONALE: "git clone" },
    });
    expect(r.stderr).toBe("");
    expect(readFileSync(join(clone, "README"), "utf8")).toBe("hello\n");
    const start = await lastStart("git", "git clone");
    expect(start.fields.command).toBe(`git-upload-pack '${repo}'`);
  });
});
