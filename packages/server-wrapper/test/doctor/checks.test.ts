import { describe, expect, test } from "vitest";
import { checkEnvironment } from "../../src/doctor/check-environment.js";
import { checkForceCommand, checkWrapperBinary, checkWrapperSettings } from "../../src/doctor/check-force-command.js";
import { checkForwarding } from "../../src/doctor/check-forwarding.js";
import { checkShells } from "../../src/doctor/check-shells.js";
import { checkSinks } from "../../src/doctor/check-sinks.js";
import { checkSpool, type SpoolInput } from "../../src/doctor/check-spool.js";
import { judgeAcceptEnv } from "../../src/doctor/environment-rules.js";
import { exitStatus } from "../../src/doctor/finding.js";
import { mergeFindings } from "../../src/doctor/merge-findings.js";
import { parseSshdT, setting } from "../../src/doctor/sshd-settings.js";
import type { EffectiveView } from "../../src/doctor/view.js";
import { parseForceCommand } from "../../src/doctor/wrapper-command.js";

const WRAP = "forcecommand /usr/local/sbin/rationale-server wrap --config /etc/rationale/server.conf";
const SAFE = `${WRAP}\nacceptenv RATIONALE\nacceptenv RATIONALE_CLIENT\npermituserenvironment no\ndisableforwarding yes\nallowtcpforwarding yes\nx11forwarding yes\n`;
const view = (sshdT: string, users = ["alice"], kind: EffectiveView["kind"] = "accounts"): EffectiveView => {
  const settings = parseSshdT(sshdT);
  return { subject: `users ${users.join(", ")}`, kind, users, settings, wrapper: parseForceCommand(setting(settings, "forcecommand")), spec: "user=alice" };
};
const ids = (fs: { id: string; severity: string }[]) => fs.map((f) => `${f.severity}:${f.id}`);

describe("the ForceCommand", () => {
  test("recognised by its argv at any absolute path, with its --config", () => {
    expect(parseForceCommand("/opt/bin/rationale-server wrap -c /etc/r.conf")).toMatchObject({ binary: "/opt/bin/rationale-server", configPath: "/etc/r.conf", configGiven: true });
    expect(parseForceCommand("/usr/local/sbin/rationale-server wrap")).toMatchObject({ configPath: "/etc/rationale/server.conf", configGiven: false });
    expect(parseForceCommand("/usr/local/sbin/rationale-server flush")).toBeUndefined();
    expect(parseForceCommand("internal-sftp")).toBeUndefined();
    expect(parseForceCommand("none")).toBeUndefined();
  });

  test("none is high, with the line that fixes it; the wrapper is silent", () => {
    expect(checkForceCommand(view(SAFE), new Set())).toEqual([]);
    const [f] = checkForceCommand(view("forcecommand none\n", ["alice", "bob"]), new Set());
    expect(f).toMatchObject({ id: "force-command-missing", severity: "high", users: ["alice", "bob"] });
    expect(f!.fix).toContain("ForceCommand /usr/local/sbin/rationale-server wrap --config /etc/rationale/server.conf");
    expect(ids(checkForceCommand(view("forcecommand internal-sftp\n"), new Set()))).toEqual(["high:force-command-not-wrapper"]);
  });

  test("an exempt account is info, the others stay high", () => {
    const fs = checkForceCommand(view("forcecommand none\n", ["breakglass", "bob"]), new Set(["breakglass"]));
    expect(fs.map((f) => [f.id, f.severity, f.users])).toEqual([
      ["force-command-exempt", "info", ["breakglass"]],
      ["force-command-missing", "high", ["bob"]],
    ]);
  });

  test("a missing, non-executable or writable program is high: it would lock everyone out or let anyone replace it", () => {
    expect(ids(checkWrapperBinary({ path: "/x" }))).toEqual(["high:wrapper-binary-missing"]);
    expect(ids(checkWrapperBinary({ path: "/x", mode: 0o100750, isFile: true }))).toEqual(["high:wrapper-binary-not-executable"]);
    expect(ids(checkWrapperBinary({ path: "/x", mode: 0o100777, isFile: true }))).toEqual(["high:wrapper-binary-writable"]);
    expect(checkWrapperBinary({ path: "/x", mode: 0o100755, isFile: true })).toEqual([]);
  });
});

test("the wrapper's own argument and settings problems are medium, naming the file", () => {
  const fs = checkWrapperSettings("/etc/r.conf", ['ForceCommand: unknown argument "--bogus" to wrap; ignored'], ['/etc/r.conf:3: unknown keyword "Bogus"']);
  expect(fs.map((f) => [f.id, f.severity, f.subject, f.found])).toEqual([
    ["wrapper-arguments", "medium", "ForceCommand", 'unknown argument "--bogus" to wrap; ignored'],
    ["wrapper-config", "medium", "/etc/r.conf", '/etc/r.conf:3: unknown keyword "Bogus"'],
  ]);
  expect(checkWrapperSettings("/etc/r.conf", [], [])).toEqual([]);
});

describe("environment", () => {
  test("AcceptEnv: dangerous families are high, RATIONALE* is low, the two names and LANG LC_* are fine", () => {
    const fs = checkEnvironment(view(`${WRAP}\nacceptenv LANG\nacceptenv LC_*\nacceptenv RATIONALE*\nacceptenv *\nacceptenv BUN_BE_BUN\nacceptenv RATIONALE\n`));
    expect(fs.map((f) => [f.severity, f.found.split(" lets")[0]!.split(" accepts")[0]])).toEqual([
      ["low", "AcceptEnv RATIONALE*"],
      ["high", "AcceptEnv *"],
      ["high", "AcceptEnv BUN_BE_BUN"],
    ]);
    expect(fs[2]!.why).toContain("BUN_BE_BUN makes the compiled wrapper run as the bun CLI");
  });

  test.each(["LD_PRELOAD", "BASH_ENV", "PYTHONSTARTUP", "PERL5OPT", "RUBYOPT", "NODE_OPTIONS", "PATH", "IFS", "TMPDIR", "SHELLOPTS", "PS4", "ZDOTDIR", "L*"])(
    "AcceptEnv %s is dangerous",
    (p) => expect(judgeAcceptEnv(p).dangerous.length).toBeGreaterThan(0),
  );

  test("PermitUserEnvironment yes or a pattern is high", () => {
    expect(ids(checkEnvironment(view(`${WRAP}\npermituserenvironment yes\n`)))).toEqual(["high:permit-user-environment"]);
    expect(ids(checkEnvironment(view(`${WRAP}\npermituserenvironment LANG,LC_*\n`)))).toEqual(["high:permit-user-environment"]);
    expect(checkEnvironment(view(SAFE))).toEqual([]);
  });
});

describe("forwarding", () => {
  test("DisableForwarding yes closes everything", () => expect(checkForwarding(view(SAFE))).toEqual([]));

  test("sshd's defaults leave TCP and stream-local forwarding open: high", () => {
    const fs = checkForwarding(view("allowtcpforwarding yes\nallowstreamlocalforwarding yes\npermittunnel no\npermitopen any\npermitlisten any\nx11forwarding no\nallowagentforwarding no\ndisableforwarding no\n"));
    expect(ids(fs)).toEqual(["high:forwarding-without-session"]);
    expect(fs[0]!.fix).toMatch(/^DisableForwarding yes/);
  });

  test("the narrower lines count too: tcp 'local' with PermitOpen none is closed; a tunnel is not", () => {
    const closed = "allowtcpforwarding local\npermitopen none\nallowstreamlocalforwarding no\npermittunnel no\nx11forwarding no\nallowagentforwarding no\n";
    expect(checkForwarding(view(closed))).toEqual([]);
    expect(checkForwarding(view(closed.replace("permittunnel no", "permittunnel point-to-point")))[0]!.found).toBe("PermitTunnel point-to-point (ssh -w)");
  });

  test("X11 and agent forwarding need a session (recorded): low", () => {
    expect(ids(checkForwarding(view("allowtcpforwarding no\nallowstreamlocalforwarding no\nx11forwarding yes\n")))).toEqual(["low:forwarding-in-session"]);
  });
});

describe("shells", () => {
  test("accounts grouped by shell; protected files and non-reading shells are silent; unknown shells are medium", () => {
    const fs = checkShells([
      { user: "alice", shell: "/bin/bash", changeable: ["/home/alice/.bashrc"] },
      { user: "bob", shell: "/bin/bash", changeable: ["/home/bob/.bashrc"] },
      { user: "carol", shell: "/bin/bash", changeable: [] },
      { user: "dan", shell: "/usr/bin/zsh", changeable: ["/home/dan/.zshenv"] },
      { user: "eve", shell: "/bin/dash", changeable: [] },
      { user: "fay", shell: "/opt/weird-sh", changeable: [] },
    ]);
    expect(fs.map((f) => [f.id, f.severity, f.users])).toEqual([
      ["shell-reads-user-files", "high", ["alice", "bob"]],
      ["shell-reads-user-files", "high", ["dan"]],
      ["shell-unknown", "medium", ["fay"]],
    ]);
    expect(fs[0]!.found).toBe("/bin/bash -c reads ~/.bashrc before running the ForceCommand, and alice, bob can change them");
    expect(fs[1]!.fix).toContain("chattr +i ~U/.zshenv");
  });
});

describe("spool and sinks", () => {
  const input = (o: Partial<SpoolInput>): SpoolInput => ({
    dir: { path: "/var/spool/rationale", uid: 0, mode: 0o41733 },
    entries: [],
    sinkIds: new Set(["unix-dev_log"]),
    nowMs: 1_000_000,
    maxAgeMs: 300_000,
    configPath: "/etc/rationale/server.conf",
    ...o,
  });
  const entry = { uid: 1001, sinkId: "unix-dev_log", records: 3, lost: 0, quarantined: 0 };

  test("records older than the threshold are high and name flush and the timer; younger ones are not reported", () => {
    const [f] = checkSpool(input({ entries: [{ ...entry, oldestMs: 1_000_000 - 400_000 }] }));
    expect(f).toMatchObject({ id: "spool-not-delivered", severity: "high", found: "3 record(s) waiting, the oldest for 400 s" });
    expect(f!.fix).toContain("rationale-server flush --config /etc/rationale/server.conf");
    expect(f!.fix).toContain("rationale-flush.timer");
    expect(checkSpool(input({ entries: [{ ...entry, oldestMs: 1_000_000 - 10_000 }] }))).toEqual([]);
  });

  test("a spool for a sink no longer configured is never flushed: high; losses and quarantine: medium", () => {
    expect(ids(checkSpool(input({ entries: [{ ...entry, sinkId: "tcp-old-514", oldestMs: 999_999, lost: 2, quarantined: 1 }] })))).toEqual([
      "high:spool-orphaned",
      "medium:spool-records-lost",
      "medium:spool-quarantined",
    ]);
  });

  test("a missing or wrongly owned spool directory is medium", () => {
    expect(ids(checkSpool(input({ dir: { path: "/s" } })))).toEqual(["medium:spool-dir-missing"]);
    expect(checkSpool(input({ dir: { path: "/s", uid: 0, mode: 0o40755 } }))[0]!.fix).toBe("chown root:root /s && chmod 1733 /s");
  });

  test("an unreachable sink is high with what failed; UDP is only noted", () => {
    const fs = checkSinks(
      [
        { description: "unix:/dev/log", result: { ok: true } },
        { description: "tcp://relay:514", result: { error: "ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:514" } },
        { description: "udp://relay:514", result: { skipped: "not probed" } },
        { description: "file:/tmp/a.log", result: { editable: "users write it" } },
      ],
      "/etc/r.conf",
    );
    expect(fs.map((f) => [f.id, f.severity, f.subject])).toEqual([
      ["sink-unreachable", "high", "tcp://relay:514"],
      ["sink-not-probed", "info", "udp://relay:514"],
      ["file-sink", "medium", "file:/tmp/a.log"],
    ]);
    expect(fs[2]!.fix).toBe("for an audit trail send records to syslog instead: Sink unix:/dev/log (or a tls:// relay) in /etc/r.conf");
    expect(fs[0]!.found).toContain("ECONNREFUSED");
  });
});

test("the same finding from several configurations is one finding with every subject and user; exit status follows the worst", () => {
  const a = checkForwarding(view("allowtcpforwarding yes\n", ["alice"]));
  const b = checkForwarding({ ...view("allowtcpforwarding yes\n", ["bob"]), subject: "Match Address 10.0.0.0/8 (f:3)" });
  const merged = mergeFindings([...a, ...b]);
  expect(merged.filter((f) => f.severity === "high")).toHaveLength(1);
  expect(merged[0]).toMatchObject({ subject: "users alice; Match Address 10.0.0.0/8 (f:3)", users: ["alice", "bob"] });
  expect(exitStatus(merged)).toBe(1);
  expect(exitStatus(merged.filter((f) => f.severity !== "high"))).toBe(0);
});
