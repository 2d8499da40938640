/**
 * The files in examples/ work as shown: the sshd drop-in and the wrapper's
 * config run a real session (only the install paths are pointed at this
 * checkout), and the rsyslog snippet is valid and routes the records.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { ROOT, RSYSLOGD, WRAPPER } from "./support/paths.js";
import { sessionRecords } from "./support/records.js";
import { runClient } from "./support/run-client.js";
import { type Rsyslog, startRsyslog } from "./support/rsyslog.js";
import { scratchDir } from "./support/scratch-dir.js";
import { checkPrerequisites } from "./support/server.js";
import { type Sshd, startSshd } from "./support/sshd.js";
import { waitFor } from "./support/wait-for.js";

const example = (p: string) => readFileSync(join(ROOT, "examples", p), "utf8");
let dir: { path: string; remove: () => void };
let syslog: Rsyslog;
let sshd: Sshd;

beforeAll(async () => {
  checkPrerequisites();
  dir = scratchDir("examples");
  // examples/rsyslog/30-rationale.conf, with its log file in the scratch dir.
  const routed = join(dir.path, "rationale.log");
  const snippet = join(dir.path, "30-rationale.conf");
  writeFileSync(snippet, example("rsyslog/30-rationale.conf").replace("/var/log/rationale.log", routed));
  syslog = await startRsyslog(dir.path, { include: snippet });
  const conf = join(dir.path, "server.conf");
  writeFileSync(conf, example("rationale/server.conf").replace("SyslogSocket /dev/log", `SyslogSocket ${syslog.socket}`));
  const dropIn = join(dir.path, "20-rationale.conf");
  writeFileSync(
    dropIn,
    example("sshd_config.d/20-rationale.conf").replace("/usr/local/sbin/rationale-server", WRAPPER).replace("/etc/rationale/server.conf", conf),
  );
  sshd = await startSshd({ dir: dir.path, wrapped: false, include: dropIn });
});
afterAll(async () => {
  await sshd?.stop();
  await syslog?.stop();
  dir?.remove();
});

test("the sshd drop-in and server.conf record a session, and only RATIONALE/RATIONALE_CLIENT cross", async () => {
  const r = await runClient(["ssh", ...sshd.clientArgs(), "-o", "SendEnv=RATIONALE_OTHER", "127.0.0.1", "echo $RATIONALE_OTHER; uptime >/dev/null"], {
    env: { RATIONALE: "INC-1 example check", RATIONALE_CLIENT: "docs", RATIONALE_OTHER: "leaked" },
  });
  expect(r.code).toBe(0);
  expect(r.stdout.toString()).toBe("\n");
  const { start } = await sessionRecords(syslog, "echo $RATIONALE_OTHER; uptime >/dev/null");
  expect(start.fields).toMatchObject({ rationale: "INC-1 example check", declared_client: "docs" });
});

test("the drop-in closes forwarding: a tunnel is refused", async () => {
  // A remote forward is answered by the server at once, so refusal is visible.
  const r = await runClient(["ssh", ...sshd.clientArgs(), "-o", "ExitOnForwardFailure=yes", "-N", "-R", "0:127.0.0.1:9", "127.0.0.1"], {
    timeoutMs: 20_000,
  });
  expect(r.code).toBe(255);
  expect(r.stderr).toContain("remote port forwarding failed");
});

test("the rsyslog snippet is valid and puts the records in their own file", async () => {
  execFileSync(RSYSLOGD, ["-N1", "-f", join(dir.path, "rsyslog.conf")], { stdio: "pipe" });
  const routed = join(dir.path, "rationale.log");
  const lines = await waitFor("records in the routed file", () => {
    const l = readFileSync(routed, "utf8").split("\n").filter((x) => x.includes("session start [rationale@32473"));
    return l.length ? l : undefined;
  });
  expect(lines[0]).toMatch(/ rationale\[\d+\]: session start \[rationale@32473 event="start"/);
});

test("the flush service and timer are valid units that start the installed binary", () => {
  const units = ["rationale-flush.service", "rationale-flush.timer"].map((name) => {
    const path = join(dir.path, name);
    writeFileSync(path, example(`systemd/${name}`).replace("/usr/local/sbin/rationale-server", WRAPPER).replace("/etc/rationale/server.conf", join(dir.path, "server.conf")));
    return path;
  });
  // systemd-analyze checks syntax, and that ExecStart names an executable.
  const r = spawnSync("systemd-analyze", ["verify", ...units], { encoding: "utf8" });
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  const flush = spawnSync(WRAPPER, ["flush", "--config", join(dir.path, "server.conf")], { encoding: "utf8" });
  expect(flush.status, flush.stderr).toBe(0); // nothing spooled: nothing to do, success
});

test("examples/tmpfiles.d creates the sessions directory sticky and root's", () => {
  const root = join(dir.path, "tmpfiles-root");
  const r = spawnSync("systemd-tmpfiles", ["--create", `--root=${root}`, join(ROOT, "examples", "tmpfiles.d", "rationale.conf")], { encoding: "utf8" });
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  const st = statSync(join(root, "run", "rationale", "sessions"));
  expect({ mode: (st.mode & 0o7777).toString(8), uid: st.uid }).toEqual({ mode: "1733", uid: 0 });
});
