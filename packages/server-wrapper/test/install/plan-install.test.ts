import { describe, expect, test } from "vitest";
import { installDefaults, type InstallOptions } from "../../src/install/install-options.js";
import { parseManifest } from "../../src/install/manifest.js";
import type { PathState } from "../../src/install/path-state.js";
import { type InstallInputs, planInstall, tmpfilesText } from "../../src/install/plan-install.js";
import { apply, dir, file, type Tree, tree } from "./fake-tree.js";

const DEBIAN_MAIN = "Include /etc/ssh/sshd_config.d/*.conf\nPort 22\nSubsystem sftp /usr/lib/openssh/sftp-server\n";
const opts = (o: Partial<InstallOptions> = {}): InstallOptions => ({ ...installDefaults(), exempt: ["root"], ...o });
const debian = (extra: Record<string, PathState> = {}) =>
  tree({ "/etc/ssh/sshd_config": file(DEBIAN_MAIN), "/etc/ssh/sshd_config.d": dir(), "/var/spool": dir(), "/run": dir(), "/var/lib": dir(), "/usr/local/sbin": dir(), ...extra });

function plan(paths: Tree, o = opts(), more: Partial<InstallInputs> = {}) {
  const ms = paths.get(o.manifest);
  const manifest = ms?.kind === "file" ? parseManifest(ms.text!, "m") : undefined;
  return planInstall({ options: o, version: "1.0.0", now: new Date("2026-11-23T10:00:00Z"), paths, manifest, isRoot: true, binary: { source: "/build/rationale-server", sha256: "b1", inPlace: false }, ...more });
}
const summary = (p: ReturnType<typeof plan>) => p.changes.map((c) => `${c.kind} ${c.path}`);

describe("planInstall on a Debian-like tree", () => {
  test("makes the directories, copies the binary, writes config, tmpfiles, drop-in, then the manifest", () => {
    const p = plan(debian());
    expect(p.refused).toBeUndefined();
    expect(summary(p)).toEqual([
      "mkdir /var/lib/rationale",
      "mkdir /var/spool/rationale",
      "mkdir /run/rationale",
      "mkdir /run/rationale/sessions",
      "copy /usr/local/sbin/rationale-server",
      "mkdir /etc/rationale",
      "write /etc/rationale/server.conf",
      "mkdir /etc/tmpfiles.d",
      "write /etc/tmpfiles.d/rationale.conf",
      "write /etc/ssh/sshd_config.d/20-rationale.conf",
      "write /var/lib/rationale/install-manifest.json",
    ]);
    const modes = Object.fromEntries(p.changes.map((c) => [c.path, "mode" in c ? c.mode.toString(8) : ""]));
    expect(modes).toMatchObject({ "/var/spool/rationale": "1733", "/run/rationale/sessions": "1733", "/usr/local/sbin/rationale-server": "755", "/var/lib/rationale/install-manifest.json": "600" });
    expect(p.manifest!.entries.map((e) => `${e.origin} ${e.path}`)).toContain("created /etc/ssh/sshd_config.d/20-rationale.conf");
    expect(p.warnings).toEqual([]);
  });

  test("a second run with the same options plans nothing", () => {
    const once = apply(debian(), plan(debian()).changes);
    const again = plan(once);
    expect(again.changes).toEqual([]);
    expect(again.refused).toBeUndefined();
  });

  test("a second run a day later (new date in the header) and from a newer version still plans nothing", () => {
    const once = apply(debian(), plan(debian()).changes);
    expect(plan(once, opts(), { version: "1.1.0", now: new Date("2026-12-01T00:00:00Z") }).changes).toEqual([]);
  });

  test("a changed option changes the drop-in (and the manifest) only, and keeps the first install's origins", () => {
    const once = apply(debian(), plan(debian()).changes);
    const p = plan(once, opts({ exempt: ["root", "alice"] }));
    expect(summary(p)).toEqual(["write /etc/ssh/sshd_config.d/20-rationale.conf", "write /var/lib/rationale/install-manifest.json"]);
    expect(p.manifest!.entries.find((e) => e.path.endsWith("20-rationale.conf"))).toMatchObject({ origin: "created" });
    expect(p.manifest!.entries.map((e) => e.path)).toContain("/var/spool/rationale");
  });

  test("moving the drop-in removes the one the last install wrote", () => {
    const once = apply(debian(), plan(debian()).changes);
    const p = plan(once, opts({ dropin: "/etc/ssh/sshd_config.d/10-rationale.conf" }));
    expect(summary(p)).toEqual(["write /etc/ssh/sshd_config.d/10-rationale.conf", "remove /etc/ssh/sshd_config.d/20-rationale.conf", "write /var/lib/rationale/install-manifest.json"]);
  });

  test("a binary already in place is used where it is", () => {
    const p = plan(debian(), opts(), { binary: { source: "/usr/local/sbin/rationale-server", sha256: "", inPlace: true } });
    expect(summary(p).some((s) => s.includes("rationale-server") && s.startsWith("copy"))).toBe(false);
  });

  test("an operator's server.conf is never rewritten; a SpoolDir that differs is pointed out", () => {
    const p = plan(debian({ "/etc/rationale/server.conf": file("SpoolDir /srv/spool\n") }));
    expect(summary(p)).not.toContain("write /etc/rationale/server.conf");
    expect(p.warnings.join("\n")).toContain("SpoolDir /srv/spool, not /var/spool/rationale");
  });

  test("a different drop-in already there is replaced with a backup recorded for uninstall", () => {
    const p = plan(debian({ "/etc/ssh/sshd_config.d/20-rationale.conf": file("ForceCommand /old\n", 0o600) }));
    const w = p.changes.find((c) => c.path.endsWith("20-rationale.conf"));
    expect(w).toMatchObject({ kind: "write", backup: "/var/lib/rationale/backup/etc/ssh/sshd_config.d/20-rationale.conf" });
    expect(p.manifest!.entries.find((e) => e.path === w!.path)).toMatchObject({ origin: "replaced", before: { mode: 0o600, uid: 0, gid: 0 } });
  });

  test("an existing spool with the wrong mode is changed, and recorded as changed (not created)", () => {
    const p = plan(debian({ "/var/spool/rationale": dir(0o755) }));
    expect(p.changes.find((c) => c.path === "/var/spool/rationale")).toMatchObject({ kind: "chmod", mode: 0o1733 });
    expect(p.manifest!.entries.find((e) => e.path === "/var/spool/rationale")).toMatchObject({ origin: "changed", before: { mode: 0o755 } });
  });

  test("no exempt account and no scope: a clear warning", () => {
    expect(plan(debian(), opts({ exempt: [] })).warnings.join("\n")).toMatch(/nobody gets a shell.*--exempt/);
    expect(plan(debian(), opts({ exempt: [], matchGroups: ["ops"] })).warnings).toEqual([]);
  });
});

describe("the Include check", () => {
  test("no Include: refused with exit 78, the line to add and where, and no changes", () => {
    const p = plan(debian({ "/etc/ssh/sshd_config": file("Port 22\nMatch User x\n  PermitTTY no\n") }));
    expect(p.changes).toEqual([]);
    expect(p.refused?.status).toBe(78);
    expect(p.refused?.message).toContain("Include /etc/ssh/sshd_config.d/*.conf");
    expect(p.refused?.message).toContain("before the Match on line 2");
  });

  test("Include only after a Match: refused, saying why", () => {
    const p = plan(debian({ "/etc/ssh/sshd_config": file("Match User x\n  PermitTTY no\nInclude /etc/ssh/sshd_config.d/*.conf\n") }));
    expect(p.refused?.message).toMatch(/only inside a Match block/);
  });

  test("--add-include adds it at the top, with a backup; uninstall data says replaced", () => {
    const main = "Port 22\nMatch User x\n  PermitTTY no\n";
    const p = plan(debian({ "/etc/ssh/sshd_config": file(main) }), opts({ addInclude: true }));
    const w = p.changes.find((c) => c.path === "/etc/ssh/sshd_config")!;
    expect(p.changes.indexOf(w)).toBe(1); // after the manifest directory, where its backup goes
    expect(w).toMatchObject({ kind: "write", path: "/etc/ssh/sshd_config", backup: "/var/lib/rationale/backup/etc/ssh/sshd_config" });
    expect(w.kind === "write" && w.text.split("\n")[1]).toBe("Include /etc/ssh/sshd_config.d/*.conf");
    const again = plan(apply(debian({ "/etc/ssh/sshd_config": file(main) }), p.changes), opts({ addInclude: true }));
    expect(again.changes).toEqual([]);
  });
});

test("tmpfiles.d lines recreate the state directory and its parents under /run, and nothing elsewhere", () => {
  expect(tmpfilesText({ stateDir: "/run/rationale/sessions" })).toContain("d /run/rationale 0755 root root -\nd /run/rationale/sessions 1733 root root -\n");
  expect(tmpfilesText({ stateDir: "/var/lib/rationale/sessions" })).toBeUndefined();
});
