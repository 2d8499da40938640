/**
 * `rationale-server install` and `uninstall`, run as the built binary:
 * against a scratch root (files, modes, the --dry-run diff, idempotence,
 * byte-identical uninstall, refusals and rollbacks, validated by the real
 * sshd), and against a live test sshd that it reconfigures and reloads.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { E2E_USER, e2eUid, WRAPPER } from "./support/paths.js";
import { runClient } from "./support/run-client.js";
import { scratchDir } from "./support/scratch-dir.js";
import { checkPrerequisites } from "./support/server.js";
import { type Sshd, startSshd } from "./support/sshd.js";
import { waitFor } from "./support/wait-for.js";

function rs(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(WRAPPER, args, { encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every path below `dir` with its type, mode, owner and content hash: equal snapshots are byte- and mode-identical trees. */
function snapshot(dir: string): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    for (const name of readdirSync(p).sort()) {
      const full = join(p, name);
      const st = lstatSync(full);
      const hash = st.isFile() ? createHash("sha256").update(readFileSync(full)).digest("hex").slice(0, 16) : "";
      out.push(`${full.slice(dir.length)} ${st.isDirectory() ? "d" : st.isFile() ? "f" : "o"} ${(st.mode & 0o7777).toString(8)} ${st.uid}:${st.gid} ${hash}`);
      if (st.isDirectory()) walk(full);
    }
  };
  walk(dir);
  return out;
}

const mode = (p: string) => (statSync(p).mode & 0o7777).toString(8);

/** A scratch root with an sshd_config whose Include and HostKey point inside it, as --root expects. */
function scratchRoot(prefix: string, main?: (root: string) => string): { root: string; remove: () => void } {
  const d = scratchDir(prefix);
  const root = d.path;
  mkdirSync(join(root, "etc/ssh/sshd_config.d"), { recursive: true });
  chmodSync(join(root, "etc/ssh/sshd_config.d"), 0o755);
  execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", join(root, "etc/ssh/host_ed25519")]);
  const text = main?.(root) ?? `Include ${root}/etc/ssh/sshd_config.d/*.conf\nHostKey ${root}/etc/ssh/host_ed25519\nUsePAM no\nPidFile ${root}/sshd.pid\nSubsystem sftp /usr/lib/openssh/sftp-server\n`;
  writeFileSync(join(root, "etc/ssh/sshd_config"), text, { mode: 0o644 });
  return { root, remove: d.remove };
}

beforeAll(() => checkPrerequisites());

describe("install into a scratch root", () => {
  let s: { root: string; remove: () => void };
  beforeAll(() => {
    s = scratchRoot("install");
  });
  afterAll(() => s?.remove());

  test("--dry-run shows every change as a diff or a line and changes nothing", () => {
    const before = snapshot(s.root);
    const r = rs(["install", "--root", s.root, "--exempt", "root", "--dry-run"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("--- /dev/null\n+++ b/etc/ssh/sshd_config.d/20-rationale.conf\n");
    expect(r.stdout).toContain("+AcceptEnv RATIONALE RATIONALE_CLIENT\n+\n+Match User *,!root\n+    ForceCommand /usr/local/sbin/rationale-server wrap --config /etc/rationale/server.conf\n");
    expect(r.stdout).toContain("+d /run/rationale/sessions 1733 root root -\n");
    expect(r.stdout).toContain("# create directory /var/spool/rationale (1733 root:root)\n");
    expect(r.stdout).toMatch(/# copy \S+rationale-server to \/usr\/local\/sbin\/rationale-server \(0755 root:root\)/);
    expect(r.stdout).toContain("dry run: nothing was changed");
    expect(snapshot(s.root)).toEqual(before);
  });

  test("install, install again (no-op), uninstall: the tree is byte- and mode-identical to before", () => {
    const before = snapshot(s.root);
    const r = rs(["install", "--root", s.root, "--exempt", "root"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("created /etc/ssh/sshd_config.d/20-rationale.conf (0644 root:root)\n");
    expect(r.stdout).toContain("sshd not reloaded (--root");
    expect(mode(join(s.root, "var/spool/rationale"))).toBe("1733");
    expect(mode(join(s.root, "run/rationale/sessions"))).toBe("1733");
    expect(mode(join(s.root, "usr/local/sbin/rationale-server"))).toBe("755");
    expect(mode(join(s.root, "var/lib/rationale/install-manifest.json"))).toBe("600");
    expect(readFileSync(join(s.root, "usr/local/sbin/rationale-server")).equals(readFileSync(WRAPPER))).toBe(true);
    expect(readFileSync(join(s.root, "etc/rationale/server.conf"), "utf8")).toMatch(/^#SpoolDir \/var\/spool\/rationale$/m);
    const installed = snapshot(s.root);

    const again = rs(["install", "--root", s.root, "--exempt", "root"]);
    expect(again).toMatchObject({ status: 0, stdout: "already installed, nothing to change\n" });
    expect(snapshot(s.root)).toEqual(installed);

    const changed = rs(["install", "--root", s.root, "--exempt", "root,breakglass", "--dry-run"]);
    expect(changed.stdout).toContain("-Match User *,!root\n+Match User *,!root,!breakglass\n");

    const u = rs(["uninstall", "--root", s.root]);
    expect(u.status).toBe(0);
    expect(u.stdout.split("\n")[0]).toBe("removed /etc/ssh/sshd_config.d/20-rationale.conf");
    expect(snapshot(s.root)).toEqual(before);
    expect(rs(["uninstall", "--root", s.root]).stdout).toMatch(/^not installed: no manifest/);
  });

  test("a different drop-in and an operator's server.conf: the config is kept, the drop-in restored exactly on uninstall", () => {
    const dropin = join(s.root, "etc/ssh/sshd_config.d/20-rationale.conf");
    writeFileSync(dropin, "# an older hand-made drop-in\nAcceptEnv RATIONALE\n", { mode: 0o600 });
    mkdirSync(join(s.root, "etc/rationale"), { mode: 0o750 });
    writeFileSync(join(s.root, "etc/rationale/server.conf"), "MissingRationale deny\n", { mode: 0o640 });
    const before = snapshot(s.root);
    const r = rs(["install", "--root", s.root, "--exempt", "root", "--json"]);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as { changes: { action: string; path: string; line: string }[] };
    expect(report.changes.map((c) => c.path)).not.toContain("/etc/rationale/server.conf");
    expect(report.changes.find((c) => c.path === "/etc/ssh/sshd_config.d/20-rationale.conf")?.line).toContain("original kept in /var/lib/rationale/backup/etc/ssh/sshd_config.d/20-rationale.conf");
    expect(readFileSync(join(s.root, "etc/rationale/server.conf"), "utf8")).toBe("MissingRationale deny\n");
    expect(mode(dropin)).toBe("644");
    expect(rs(["uninstall", "--root", s.root]).status).toBe(0);
    expect(snapshot(s.root)).toEqual(before);
  });
});

test("uninstall keeps undelivered records and an edited server.conf, and says where", () => {
  const s = scratchRoot("keep");
  try {
    expect(rs(["install", "--root", s.root, "--exempt", "root"]).status).toBe(0);
    const spooled = join(s.root, "var/spool/rationale/1001/unix-dev-log");
    mkdirSync(spooled, { recursive: true });
    writeFileSync(join(spooled, "0001.rec"), "<86>record\n");
    writeFileSync(join(s.root, "etc/rationale/server.conf"), "MissingRationale deny\n");
    const u = rs(["uninstall", "--root", s.root]);
    expect(u.status).toBe(0);
    expect(u.stdout).toContain("kept /var/spool/rationale: it holds 1 undelivered audit record(s); deliver them with `rationale-server flush`");
    expect(u.stdout).toContain("kept /etc/rationale/server.conf: it was changed since install");
    expect(readFileSync(join(spooled, "0001.rec"), "utf8")).toBe("<86>record\n");
    expect(readdirSync(join(s.root, "etc/ssh/sshd_config.d"))).toEqual([]);
  } finally {
    s.remove();
  }
});

test("not as root: owners are left to the user who runs it, the lines say so, and uninstall still restores the tree", () => {
  const s = scratchRoot("notroot");
  try {
    execFileSync("chown", ["-R", E2E_USER, s.root]);
    const uid = e2eUid();
    const gid = execFileSync("id", ["-g", E2E_USER], { encoding: "utf8" }).trim();
    const before = snapshot(s.root);
    const asUser = (args: string[]) => spawnSync("runuser", ["-u", E2E_USER, "--", WRAPPER, ...args, "--root", s.root], { encoding: "utf8", cwd: "/" });
    const r = asUser(["install", "--exempt", "root"]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("not running as root: owners are left as they are");
    expect(r.stdout).toContain(`created /etc/ssh/sshd_config.d/20-rationale.conf (0644 ${uid}:${gid})`);
    expect(r.stdout).not.toContain("root:root");
    expect(statSync(join(s.root, "var/spool/rationale")).uid).toBe(uid);
    expect(asUser(["uninstall"]).status).toBe(0);
    expect(snapshot(s.root)).toEqual(before);
  } finally {
    s.remove();
  }
});

/** Run install in a fresh scratch root and check that it left the tree exactly as it found it. */
function installLeavesTreeAlone(prefix: string, args: string[], setup: { main?: (root: string) => string; files?: Record<string, string> } = {}) {
  const s = scratchRoot(prefix, setup.main);
  try {
    for (const [path, text] of Object.entries(setup.files ?? {})) writeFileSync(join(s.root, path), text, { mode: 0o644 });
    const before = snapshot(s.root);
    const r = rs(["install", "--root", s.root, "--exempt", "root", ...args]);
    expect(snapshot(s.root)).toEqual(before);
    return r;
  } finally {
    s.remove();
  }
}

describe("refusals and rollbacks", () => {
  test("no Include of the drop-in directory: exit 78 with the line to add and where, nothing changed", () => {
    const r = installLeavesTreeAlone("noinclude", [], { main: (root) => `HostKey ${root}/etc/ssh/host_ed25519\nUsePAM no\nMatch User backup\n  ForceCommand internal-sftp\n` });
    expect(r.status).toBe(78);
    expect(r.stderr).toContain("Add this line near the top of /etc/ssh/sshd_config, before the Match on line 3:\n    Include /etc/ssh/sshd_config.d/*.conf\n");
    expect(r.stderr).toContain("--add-include");
  });

  test("sshd -t already failing: exit 78, nothing changed", () => {
    const r = installLeavesTreeAlone("broken", [], { main: (root) => `Include ${root}/etc/ssh/sshd_config.d/*.conf\nHostKey ${root}/etc/ssh/host_ed25519\nNoSuchKeyword yes\n` });
    expect(r.status).toBe(78);
    expect(r.stderr).toMatch(/fails before any change:\n.*NoSuchKeyword/s);
  });

  // Each fails after the files are written; the tree must come back exactly.
  test.each([
    ["sshd -t rejects the drop-in (an address sshd refuses)", ["--match-address", "192.0.2.0/33"], {}, "Invalid Match address argument '192.0.2.0/33'"],
    [
      "a ForceCommand read before ours wins in sshd (the sshd -T proof)",
      [],
      { files: { "etc/ssh/sshd_config.d/10-site.conf": "Match All\n    ForceCommand /usr/bin/false\n" } },
      'for nobody (from 127.0.0.1) sshd would run ForceCommand "/usr/bin/false", not the wrapper',
    ],
    ["the reload fails (no sshd at that pid file)", ["--sshd-pid-file", "/nonexistent/sshd.pid"], {}, "cannot read sshd's pid from /nonexistent/sshd.pid"],
  ] as [string, string[], { files?: Record<string, string> }, string][])("%s: exit 1, the reason, everything restored", (name, args, setup, reason) => {
    const r = installLeavesTreeAlone(name.split(" ")[0]!, args, setup);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(reason);
    expect(r.stderr).toContain("Every change was undone");
  });

  test("--add-include adds the line (backed up, in the diff) and uninstall restores the original file", () => {
    const s = scratchRoot("addinc", (root) => `HostKey ${root}/etc/ssh/host_ed25519\nUsePAM no\n`);
    try {
      const before = snapshot(s.root);
      const main = join(s.root, "etc/ssh/sshd_config");
      // Without --root, so the added Include names the scratch directory sshd will really read.
      const paths = [
        "--sshd-config", main, "--dropin", join(s.root, "etc/ssh/sshd_config.d/20-rationale.conf"), "--config", join(s.root, "etc/rationale/server.conf"),
        "--bin", WRAPPER, "--spool-dir", join(s.root, "spool"), "--state-dir", join(s.root, "run/sessions"), "--tmpfiles", join(s.root, "tmpfiles.d/rationale.conf"),
        "--manifest", join(s.root, "lib/install-manifest.json"), "--reload", "none",
      ];
      const dry = rs(["install", ...paths, "--exempt", "root", "--add-include", "--dry-run"]);
      expect(dry.stdout).toContain(`+Include ${s.root}/etc/ssh/sshd_config.d/*.conf\n`);
      const r = rs(["install", ...paths, "--exempt", "root", "--add-include"]);
      expect(r.status).toBe(0);
      expect(readFileSync(main, "utf8").split("\n")[1]).toBe(`Include ${s.root}/etc/ssh/sshd_config.d/*.conf`);
      // The manifest names the sshd_config to validate; uninstall needs only the manifest.
      expect(rs(["uninstall", "--manifest", join(s.root, "lib/install-manifest.json"), "--reload", "none"]).status).toBe(0);
      expect(snapshot(s.root)).toEqual(before);
    } finally {
      s.remove();
    }
  });
});

describe("install on a live test sshd", () => {
  let dir: { path: string; remove: () => void };
  let sshd: Sshd;
  let sink: string;
  let args: string[];
  beforeAll(async () => {
    dir = scratchDir("install-live");
    const dropins = join(dir.path, "sshd_config.d");
    mkdirSync(dropins, { mode: 0o755 });
    sshd = await startSshd({ dir: dir.path, wrapped: false, include: `${dropins}/*.conf` });
    // The operator's settings, which install leaves alone: records go to a file the test account can append to.
    sink = join(dir.path, "records.log");
    writeFileSync(sink, "");
    chmodSync(sink, 0o666);
    const conf = join(dir.path, "server.conf");
    writeFileSync(conf, `MissingRationale deny\nSink file:${sink}\nSpoolDir ${dir.path}/spool\nStateDir ${dir.path}/run/sessions\n`, { mode: 0o644 });
    args = [
      "--sshd-config", sshd.sshdConfigFile, "--dropin", join(dropins, "20-rationale.conf"), "--config", conf,
      "--spool-dir", join(dir.path, "spool"), "--state-dir", join(dir.path, "run/sessions"), "--tmpfiles", join(dir.path, "tmpfiles.d/rationale.conf"),
      "--manifest", join(dir.path, "lib/install-manifest.json"), "--bin", WRAPPER, "--sshd-pid-file", sshd.pidFile,
    ];
  });
  afterAll(async () => {
    await sshd?.stop();
    dir?.remove();
  });

  const ssh = (command: string, env: Record<string, string> = {}) => runClient(["ssh", ...sshd.clientArgs(), "127.0.0.1", command], { env, timeoutMs: 20_000 });
  /** The session id the wrapper exports, or "none" when sshd runs the command itself. */
  const sessionOf = async () => {
    const r = await ssh("echo ${RATIONALE_SESSION:-none}", { RATIONALE: "INC-7 install check" });
    return r.code === 0 ? r.stdout.toString().trim() : undefined;
  };

  test("before: not wrapped; install reloads sshd and sessions run through the wrapper; uninstall undoes it", async () => {
    expect(await sessionOf()).toBe("none");
    const r = rs(["install", ...args, "--exempt", "root"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/reloaded sshd \(SIGHUP to pid \d+/);
    expect(r.stdout).toContain(`created ${join(dir.path, "sshd_config.d/20-rationale.conf")} (0644 root:root)`);
    expect(r.stdout).not.toContain("server.conf");

    // sshd re-executes itself on SIGHUP; the first session that shows the wrapper is the proof.
    const session = await waitFor("sshd to run the wrapper", async () => {
      const id = await sessionOf();
      return id !== undefined && id !== "none" && id;
    });
    expect(session).toMatch(/^[0-9a-f]{16}$/);
    await waitFor("the session's records in the file sink", () => {
      const text = readFileSync(sink, "utf8");
      return text.includes(`session="${session}"`) && text.includes('event="end"') && text;
    });
    expect(readFileSync(sink, "utf8")).toContain(`user="${E2E_USER}"`);
    const refused = await ssh("true");
    expect(refused.code).toBe(77);
    expect(refused.stderr).toMatch(/RATIONALE/);

    expect(rs(["install", ...args, "--exempt", "root"]).stdout).toBe("already installed, nothing to change\n");

    const u = rs(["uninstall", "--manifest", join(dir.path, "lib/install-manifest.json"), "--sshd-pid-file", sshd.pidFile]);
    expect(u.status).toBe(0);
    expect(u.stdout).toMatch(/^removed \S+20-rationale.conf\nreloaded sshd/);
    await waitFor("sshd to stop running the wrapper", async () => (await sessionOf()) === "none");
    const plain = await ssh("true");
    expect(plain.code).toBe(0);
  });
});
