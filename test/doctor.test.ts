/**
 * `rationale-server doctor` against real parts: sshd -T on real sshd_config
 * files (with Include globs and Match blocks), a real running sshd for the
 * claims about behaviour (an `ssh -N -L` tunnel leaves no record; ~/.bashrc
 * and ~/.zshenv run before the wrapper and can replace it; dash reads
 * nothing), a real rsyslogd for reachable and stopped sinks, and a real
 * spool left by a session while the sink was down. Every finding the issue
 * names appears in one configuration here and is absent in another.
 *
 * The test makes its own accounts (one per login shell) rather than touching
 * the shared rationale-e2e account, whose start-up files other tests rely on.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import { chmodSync, chownSync, mkdirSync, writeFileSync } from "node:fs";
import { connect, createServer, type Server } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { sinkId } from "../packages/server-wrapper/src/config/sink-spec.js";
import { makeCerts } from "./support/certs.js";
import { SSHD, WRAPPER } from "./support/paths.js";
import { freePort, freePorts, tcpListening } from "./support/ports.js";
import { records, waitForRecords } from "./support/records.js";
import { type Rsyslog, startRsyslog } from "./support/rsyslog.js";
import { cleanEnv, runClient } from "./support/run-client.js";
import { scratchDir } from "./support/scratch-dir.js";
import { checkPrerequisites } from "./support/server.js";
import { type Sshd, startSshd } from "./support/sshd.js";
import { waitFor } from "./support/wait-for.js";

const BASH = "rationale-dr-bash";
const ZSH = "rationale-dr-zsh";
const DASH = "rationale-dr-dash";
const FISH = "rationale-dr-fish";
const TCSH = "rationale-dr-tcsh";
const OPS = "rationale-dr-ops";
const USERS = [BASH, ZSH, DASH, FISH, TCSH];

interface JsonFinding {
  id: string;
  severity: string;
  subject: string;
  found: string;
  why: string;
  fix: string;
  users: string[];
}
interface JsonReport {
  version: number;
  ok: boolean;
  summary: Record<string, number>;
  findings: JsonFinding[];
  checked: { sshdRuns: number; accounts: number; wrapper: { binary: string; config: string } | null };
}

function doctor(args: string[]) {
  const r = spawnSync(WRAPPER, ["doctor", ...args], { encoding: "utf8", env: cleanEnv() });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function doctorJson(args: string[]): { status: number | null; report: JsonReport; ids: string[] } {
  const r = doctor(["--json", ...args]);
  if (r.status !== 0 && r.status !== 1) throw new Error(`doctor exited ${r.status}: ${r.stderr}`);
  const report = JSON.parse(r.stdout) as JsonReport;
  return { status: r.status, report, ids: report.findings.map((f) => f.id) };
}

const find = (r: JsonReport, id: string) => r.findings.filter((f) => f.id === id);

function ensureAccount(name: string, shell: string): void {
  try {
    execFileSync("id", [name], { stdio: "ignore" });
    execFileSync("usermod", ["-s", shell, name]);
  } catch {
    execFileSync("useradd", ["--create-home", "--shell", shell, name]);
  }
  // sshd without PAM refuses a locked ('!') password field.
  execFileSync("usermod", ["-p", "*", name]);
}

const home = (user: string) => `/home/${user}`;
const uidOf = (user: string) => Number(execFileSync("id", ["-u", user], { encoding: "utf8" }).trim());

/** A start-up file that proves it ran before the wrapper by replacing it. */
const BYPASS = 'if [ -n "$SSH_CONNECTION" ]; then echo rc-ran-first; exec /bin/sh -c "$SSH_ORIGINAL_COMMAND"; fi\n';
const FISH_BYPASS = 'if set -q SSH_CONNECTION; echo rc-ran-first; exec /bin/sh -c "$SSH_ORIGINAL_COMMAND"; end\n';
const CSH_BYPASS = 'if ($?SSH_CONNECTION) then\n  echo rc-ran-first\n  exec /bin/sh -c "$SSH_ORIGINAL_COMMAND"\nendif\n';

function writeUserFile(user: string, name: string, text: string, owner = user): void {
  const p = join(home(user), name);
  spawnSync("chattr", ["-i", p], { stdio: "ignore" });
  writeFileSync(p, text, { mode: 0o644 });
  const id = owner === "root" ? 0 : uidOf(owner);
  chownSync(p, id, id);
}

describe("rationale-server doctor", () => {
  let dir: ReturnType<typeof scratchDir>;
  let syslog: Rsyslog;
  let spoolDir: string;
  let hostKey: string;
  /** An sshd with the wrapper and forwarding closed, and one with forwarding left at sshd's default. */
  let closed: Sshd;
  let open: Sshd;
  let echo: Server;

  beforeAll(async () => {
    checkPrerequisites();
    const shells = [[BASH, "/bin/bash"], [ZSH, "/usr/bin/zsh"], [DASH, "/bin/dash"], [FISH, "/usr/bin/fish"], [TCSH, "/usr/bin/tcsh"]] as const;
    for (const [u, sh] of shells) ensureAccount(u, sh);
    execFileSync("groupadd", ["-f", OPS]);
    execFileSync("usermod", ["-aG", OPS, DASH]);
    for (const u of USERS) {
      chownSync(home(u), uidOf(u), uidOf(u));
      for (const f of [".bashrc", ".zshenv", ".profile"]) writeUserFile(u, f, BYPASS);
    }
    mkdirSync(join(home(FISH), ".config", "fish"), { recursive: true });
    for (const d of [".config", ".config/fish"]) chownSync(join(home(FISH), d), uidOf(FISH), uidOf(FISH));
    writeUserFile(FISH, ".config/fish/config.fish", FISH_BYPASS);
    writeUserFile(TCSH, ".cshrc", CSH_BYPASS);
    // sshd itself skips ~/.ssh/rc when a ForceCommand is set (session.c, do_rc_files): shown below by its silence.
    mkdirSync(join(home(DASH), ".ssh"), { recursive: true });
    writeUserFile(DASH, ".ssh/rc", "echo ssh-rc-ran\n");
    dir = scratchDir("doctor");
    syslog = await startRsyslog(join(dir.path, "rsyslog"));
    spoolDir = join(dir.path, "spool");
    mkdirSync(spoolDir);
    chmodSync(spoolDir, 0o1733);
    const wrapperConfig = `SyslogSocket ${syslog.socket}\nSpoolDir ${spoolDir}\nSinkTimeout 300\n`;
    const common = { dir: dir.path, wrapperConfig, users: USERS, acceptEnv: "RATIONALE RATIONALE_CLIENT" };
    closed = await startSshd({ ...common, name: "closed", extraConfig: ["DisableForwarding yes"] });
    open = await startSshd({ ...common, name: "open" });
    hostKey = join(dir.path, "closed", "host_ed25519");
    echo = createServer((s) => s.pipe(s));
    await new Promise<void>((r) => echo.listen(0, "127.0.0.1", r));
  });

  afterAll(async () => {
    echo?.close();
    await closed?.stop();
    await open?.stop();
    await syslog?.stop();
    for (const u of USERS) {
      spawnSync("chattr", ["-i", join(home(u), ".bashrc")], { stdio: "ignore" });
      spawnSync("userdel", ["--remove", u], { stdio: "ignore" });
    }
    spawnSync("groupdel", [OPS], { stdio: "ignore" });
    dir?.remove();
  });

  /** sshd -T material: an sshd_config (plus drop-ins) that no daemon runs. */
  function config(name: string, lines: string[], dropIns: Record<string, string[]> = {}): string {
    const d = join(dir.path, "configs", name);
    mkdirSync(join(d, "conf.d"), { recursive: true });
    for (const [f, l] of Object.entries(dropIns)) writeFileSync(join(d, "conf.d", f), l.join("\n") + "\n");
    const file = join(d, "sshd_config");
    writeFileSync(file, [`Include ${d}/conf.d/*.conf`, `HostKey ${hostKey}`, "UsePAM no", ...lines].join("\n") + "\n");
    return file;
  }
  const wrapLine = (conf = closed.configFile) => `ForceCommand ${WRAPPER} wrap --config ${conf}`;
  const ssh = (server: Sshd, user: string, args: string[], env: Record<string, string> = {}) =>
    runClient(["ssh", ...server.clientArgs(user), "127.0.0.1", ...args], { env: { RATIONALE: "doctor e2e", ...env } });

  /** Wait for a dash session's end record: everything sent before it has been logged. */
  async function syncLog(server: Sshd, tag: string) {
    expect((await ssh(server, DASH, ["echo", tag])).code).toBe(0);
    await waitForRecords(syslog, (f) => f.event === "end" && f.command === `echo ${tag}`);
  }

  test("a configuration an operator would want: no high finding, exit 0", () => {
    const { status, report } = doctorJson(["--sshd-config", closed.sshdConfigFile, "--user", DASH]);
    expect(report.findings.filter((f) => f.severity === "high")).toEqual([]);
    expect(status).toBe(0);
    expect(report).toMatchObject({ version: 1, ok: true, checked: { accounts: 1, wrapper: { binary: WRAPPER, config: closed.configFile } } });
  });

  test("ForceCommand missing for a Match Group, found through an Include glob; a missing wrapper program is high", () => {
    const file = config("match-group", [wrapLine(), "AcceptEnv RATIONALE RATIONALE_CLIENT", "DisableForwarding yes"], {
      "10-ops.conf": [`Match Group ${OPS}`, "  ForceCommand none"],
    });
    const { status, report } = doctorJson(["-f", file, "--user", DASH, "--user", BASH]);
    expect(status).toBe(1);
    const missing = find(report, "force-command-missing");
    expect(missing.flatMap((f) => f.users)).toContain(DASH);
    expect(missing.flatMap((f) => f.users)).not.toContain(BASH);
    expect(missing.map((f) => f.subject).join(" ")).toContain(`Match group ${OPS} (${join(dir.path, "configs", "match-group", "conf.d", "10-ops.conf")}:1)`);
    // The same accounts under a config without that block: nobody is missing the wrapper.
    const clean = doctorJson(["-f", config("no-match", [wrapLine(), "DisableForwarding yes"]), "--user", DASH, "--user", BASH]);
    expect(find(clean.report, "force-command-missing")).toEqual([]);
    // --exempt turns a deliberate break-glass account into information.
    const exempt = doctorJson(["-f", file, "--user", DASH, "--exempt", DASH]);
    expect(find(exempt.report, "force-command-missing")).toEqual([]);
    expect(find(exempt.report, "force-command-exempt")[0]!.users).toEqual([DASH]);

    const gone = doctorJson(["-f", config("no-binary", ["ForceCommand /opt/nowhere/rationale-server wrap", "DisableForwarding yes"]), "--user", DASH]);
    expect(find(gone.report, "wrapper-binary-missing")[0]).toMatchObject({ severity: "high", subject: "/opt/nowhere/rationale-server" });
    expect(find(clean.report, "wrapper-binary-missing")).toEqual([]);
  });

  test("PermitUserEnvironment and AcceptEnv patterns that reach LD_PRELOAD, BASH_ENV, BUN_BE_BUN", () => {
    const file = config("env", [wrapLine(), "DisableForwarding yes", "PermitUserEnvironment yes", "AcceptEnv LANG LC_* RATIONALE*"], {
      "20-env.conf": ["AcceptEnv BUN_* LD_PRELOAD"],
    });
    const { status, report } = doctorJson(["-f", file, "--user", DASH]);
    expect(status).toBe(1);
    expect(find(report, "permit-user-environment")[0]!.severity).toBe("high");
    const dangerous = find(report, "accept-env-dangerous").map((f) => f.found);
    expect(dangerous).toEqual([
      expect.stringMatching(/^AcceptEnv BUN_\* lets a client set BUN_\*/),
      expect.stringMatching(/^AcceptEnv LD_PRELOAD lets a client set LD_\*/),
    ]);
    expect(find(report, "accept-env-rationale-wildcard").map((f) => f.severity)).toEqual(["low"]);
    const clean = doctorJson(["-f", closed.sshdConfigFile, "--user", DASH]).report;
    expect(clean.findings.filter((f) => f.id.startsWith("accept-env") || f.id === "permit-user-environment")).toEqual([]);
  });

  test("an ssh -N -L tunnel works and leaves no record where forwarding is open; doctor says so; DisableForwarding closes it", async () => {
    const echoPort = (echo.address() as { port: number }).port;
    const before = records(syslog).filter((r) => r.fields.user === DASH).length;
    const roundTrip = async (server: Sshd): Promise<string> => {
      const local = await freePort();
      const tunnel: ChildProcess = spawn("ssh", [...server.clientArgs(DASH), "-N", "-L", `${local}:127.0.0.1:${echoPort}`, "127.0.0.1"], {
        env: cleanEnv(),
        stdio: "ignore",
      });
      try {
        await waitFor(`ssh -L listening on ${local}`, () => tcpListening(local));
        return await new Promise<string>((resolve) => {
          let got = "";
          const s = connect(local, "127.0.0.1", () => s.write("ping"));
          s.on("data", (d) => {
            got += d;
            if (got === "ping") s.end();
          });
          s.on("close", () => resolve(got));
          s.on("error", () => {}); // a refused channel may close the local side with a reset; "close" follows
        });
      } finally {
        tunnel.kill();
      }
    };
    expect(await roundTrip(open)).toBe("ping");
    await syncLog(open, "after-tunnel");
    // Only the sync session's two records: the tunnel ran no ForceCommand.
    expect(records(syslog).filter((r) => r.fields.user === DASH).length - before).toBe(2);
    const openReport = doctorJson(["-f", open.sshdConfigFile, "--user", DASH]);
    expect(find(openReport.report, "forwarding-without-session")[0]).toMatchObject({ severity: "high", fix: expect.stringMatching(/^DisableForwarding yes/) });
    expect(openReport.status).toBe(1);

    expect(await roundTrip(closed)).toBe(""); // sshd refuses the channel
    expect(find(doctorJson(["-f", closed.sshdConfigFile, "--user", DASH]).report, "forwarding-without-session")).toEqual([]);
  });

  test("~/.bashrc, ~/.zshenv, config.fish and ~/.cshrc run before the wrapper and can replace it; dash reads none; doctor names exactly those accounts", async () => {
    for (const user of [BASH, ZSH, FISH, TCSH]) {
      const r = await ssh(closed, user, ["echo", `hello-${user}`]);
      expect(r.stdout.toString()).toBe(`rc-ran-first\nhello-${user}\n`);
    }
    const d = await ssh(closed, DASH, ["echo", "hello-dash"]);
    expect(d.stdout.toString()).toBe("hello-dash\n");
    await syncLog(closed, "after-shells");
    const users = new Set(records(syslog).map((r) => r.fields.user));
    expect(users.has(BASH)).toBe(false); // the wrapper never ran for them: no record at all
    expect(users.has(ZSH)).toBe(false);
    expect(users.has(FISH)).toBe(false);
    expect(users.has(TCSH)).toBe(false);

    const { report } = doctorJson(["-f", closed.sshdConfigFile, "--user", USERS.join(",")]);
    const shells = find(report, "shell-reads-user-files");
    expect(shells.map((f) => [f.subject, f.users])).toEqual([
      ["login shell /bin/bash", [BASH]],
      ["login shell /usr/bin/zsh", [ZSH]],
      ["login shell /usr/bin/fish", [FISH]],
      ["login shell /usr/bin/tcsh", [TCSH]],
    ]);
    expect(shells[0]!.fix).toContain("chattr +i");

    // The fix as stated: a root-owned, immutable ~/.bashrc (its content is the admin's now).
    writeUserFile(BASH, ".bashrc", "# managed by root\n", "root");
    execFileSync("chattr", ["+i", join(home(BASH), ".bashrc")]);
    const fixed = doctorJson(["-f", closed.sshdConfigFile, "--user", USERS.join(",")]).report;
    expect(find(fixed, "shell-reads-user-files").flatMap((f) => f.users)).toEqual([ZSH, FISH, TCSH]);
    expect((await ssh(closed, BASH, ["echo", "recorded-bash"])).stdout.toString()).toBe("recorded-bash\n");
    await waitForRecords(syslog, (f) => f.event === "end" && f.user === BASH && f.command === "echo recorded-bash");
  });

  test("sinks: a running rsyslogd is reachable, a stopped one is high; spooled records older than --spool-age are high until flushed", async () => {
    const args = ["-f", closed.sshdConfigFile, "--user", DASH, "--spool-age", "0"];
    expect(find(doctorJson(args).report, "sink-unreachable")).toEqual([]);
    await syslog.stop();
    try {
      const down = doctorJson(args);
      expect(find(down.report, "sink-unreachable")[0]).toMatchObject({ severity: "high", subject: `unix:${syslog.socket}` });
      expect(find(down.report, "spool-not-delivered")).toEqual([]); // nothing spooled yet
      expect((await ssh(closed, DASH, ["echo", "while-down"])).code).toBe(0);
      const spooled = find(doctorJson(args).report, "spool-not-delivered");
      expect(spooled).toHaveLength(1);
      expect(spooled[0]!.subject).toBe(`${spoolDir}/${uidOf(DASH)}/${sinkId({ transport: "unix", address: syslog.socket, format: "traditional" })}`);
      expect(spooled[0]!.found).toMatch(/^2 record\(s\) waiting/);
      expect(spooled[0]!.fix).toContain(`rationale-server flush --config ${closed.configFile}`);
      // A generous threshold: the same records are not yet a finding.
      expect(find(doctorJson([...args.slice(0, -2), "--spool-age", "3600"]).report, "spool-not-delivered")).toEqual([]);
    } finally {
      await syslog.start();
    }
    const flush = spawnSync(WRAPPER, ["flush", "--config", closed.configFile], { encoding: "utf8", env: cleanEnv() });
    expect(flush.status).toBe(0);
    const after = doctorJson(args);
    expect(after.ids.filter((id) => id.startsWith("spool") || id === "sink-unreachable")).toEqual([]);
  });

  test("TCP and TLS sinks are probed without a record: refused, wrong CA, and a good handshake", async () => {
    mkdirSync(join(dir.path, "certs"));
    const certs = makeCerts(join(dir.path, "certs"));
    mkdirSync(join(dir.path, "certs-other"));
    const other = makeCerts(join(dir.path, "certs-other"));
    const [tlsPort, refused] = (await freePorts(2)) as [number, number];
    const relay = await startRsyslog(join(dir.path, "relay"), { net: { tls: { port: tlsPort, ca: certs.ca, cert: certs.cert, key: certs.key } } });
    try {
      const conf = join(dir.path, "sinks.conf");
      writeFileSync(
        conf,
        `Sink tcp://127.0.0.1:${refused}\nSink tls://127.0.0.1:${tlsPort} ca=${certs.ca}\nSink tls://127.0.0.1:${tlsPort} ca=${other.ca} format=json\nSpoolDir ${spoolDir}\n`,
      );
      const { report } = doctorJson(["-f", config("sinks", [wrapLine(conf), "DisableForwarding yes"]), "--user", DASH]);
      const bad = find(report, "sink-unreachable");
      expect(bad.map((f) => f.subject)).toEqual([`tcp://127.0.0.1:${refused}`, `tls://127.0.0.1:${tlsPort}`]);
      expect(bad[0]!.found).toContain("ECONNREFUSED");
      expect(bad[1]!.found).toMatch(/certificate|self.signed|issuer/i);
      expect(relay.lines()).toEqual([]); // probes write no record
    } finally {
      await relay.stop();
    }
  });

  test("exit statuses: 64 usage and unknown account, 69 no sshd, 77 not root, 78 sshd rejects its configuration", () => {
    expect(doctor(["--bogus"]).status).toBe(64);
    const unknown = doctor(["-f", closed.sshdConfigFile, "--user", "no-such-account-here"]);
    expect([unknown.status, unknown.stderr]).toEqual([64, expect.stringContaining("no such account: no-such-account-here")]);
    const noSshd = doctor(["--sshd", "/opt/nowhere/sshd", "-f", closed.sshdConfigFile]);
    expect([noSshd.status, noSshd.stderr]).toEqual([69, expect.stringContaining("apt-get install openssh-server")]);
    const user = spawnSync("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", WRAPPER, "doctor"], { encoding: "utf8", env: cleanEnv() });
    expect([user.status, user.stderr]).toEqual([77, expect.stringContaining("run as root")]);
    const broken = doctor(["-f", config("broken", ["NoSuchKeyword yes"]), "--user", DASH]);
    expect([broken.status, broken.stderr]).toEqual([78, expect.stringContaining("NoSuchKeyword")]);
    expect(doctor(["--help"]).stdout).toContain("Exit status: 0 no high-severity finding");
    expect(SSHD).toBe("/usr/sbin/sshd"); // the default --sshd the doctor uses
  });

  test("text output groups by severity and carries the fix lines", () => {
    const r = doctor(["-f", open.sshdConfigFile, "--user", DASH]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^HIGH \(\d+\)$/m);
    expect(r.stdout).toContain("    fix:   DisableForwarding yes");
    expect(r.stdout.trimEnd().split("\n").at(-1)).toMatch(/high-severity finding\(s\): exit status 1$/);
  });
});
