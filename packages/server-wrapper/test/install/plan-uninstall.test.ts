import { describe, expect, test } from "vitest";
import { installDefaults, type InstallOptions } from "../../src/install/install-options.js";
import type { Manifest } from "../../src/install/manifest.js";
import type { PathState } from "../../src/install/path-state.js";
import { planInstall } from "../../src/install/plan-install.js";
import { planUninstall } from "../../src/install/plan-uninstall.js";
import { apply, dir, file, tree } from "./fake-tree.js";

const MAIN = "Include /etc/ssh/sshd_config.d/*.conf\nPort 22\n";
const o: InstallOptions = { ...installDefaults(), exempt: ["root"] };

function installed(extra: Record<string, PathState> = {}, options = o) {
  const before = tree({ "/etc/ssh/sshd_config": file(MAIN), "/etc/ssh/sshd_config.d": dir(), "/var/spool": dir(), "/run": dir(), "/var/lib": dir(), "/usr/local/sbin": dir(), ...extra });
  const p = planInstall({ options, version: "1", now: new Date(0), paths: before, isRoot: true, binary: { source: "/b", sha256: "b1", inPlace: false } });
  const backups = new Map<string, string>();
  const after = apply(before, p.changes, backups);
  return { before, after, manifest: p.manifest as Manifest, backups };
}
const uninstall = (after: Map<string, PathState>, manifest: Manifest, backups = new Map<string, string>()) =>
  planUninstall({ manifest, manifestPath: o.manifest, paths: after, backups });

describe("planUninstall", () => {
  test("the drop-in first, then the rest; the tree ends exactly as before install", () => {
    const { before, after, manifest, backups } = installed();
    const p = uninstall(after, manifest, backups);
    expect(p.first.map((c) => `${c.kind} ${c.path}`)).toEqual(["remove /etc/ssh/sshd_config.d/20-rationale.conf"]);
    expect(apply(apply(after, p.first), p.rest)).toEqual(before);
    expect(p.notes).toEqual([]);
  });

  test("replaced files come back with their content, mode and owner", () => {
    const { before, after, manifest, backups } = installed({ "/etc/ssh/sshd_config.d/20-rationale.conf": file("# mine\n", 0o600, 0) });
    const p = uninstall(after, manifest, backups);
    expect(p.first[0]).toMatchObject({ kind: "write", text: "# mine\n", mode: 0o600 });
    expect(apply(apply(after, p.first), p.rest)).toEqual(before);
  });

  test("a spool holding records is kept (and so is its parent), and said so", () => {
    const { after, manifest } = installed({ "/var/spool": dir() });
    const withRecords = apply(after, [
      { kind: "mkdir", path: "/var/spool/rationale/1001", before: { kind: "absent" }, mode: 0o700, owner: { uid: 1001, gid: 1001 } },
      { kind: "write", path: "/var/spool/rationale/1001/r1", before: { kind: "absent" }, text: "<13>record", mode: 0o600, owner: { uid: 1001, gid: 1001 } },
    ]);
    const p = uninstall(withRecords, manifest);
    const paths = p.rest.map((c) => c.path);
    expect(paths).not.toContain("/var/spool/rationale");
    expect(p.notes.join("\n")).toMatch(/kept \/var\/spool\/rationale: it holds 1 undelivered audit record/);
  });

  test("a spool with only emptied per-user directories is removed", () => {
    const { after, manifest } = installed();
    const drained = apply(after, [{ kind: "mkdir", path: "/var/spool/rationale/1001", before: { kind: "absent" }, mode: 0o700, owner: { uid: 1001, gid: 1001 } }]);
    expect(uninstall(drained, manifest).rest).toContainEqual(expect.objectContaining({ kind: "rmtree", path: "/var/spool/rationale" }));
  });

  test("a server.conf edited since install is kept; an untouched one is removed", () => {
    const { after, manifest } = installed();
    expect(uninstall(after, manifest).rest.map((c) => c.path)).toContain("/etc/rationale/server.conf");
    const edited = new Map(after).set("/etc/rationale/server.conf", file("MissingRationale deny\n"));
    const p = uninstall(edited, manifest);
    expect(p.rest.map((c) => c.path)).not.toContain("/etc/rationale/server.conf");
    expect(p.rest.map((c) => c.path)).not.toContain("/etc/rationale");
    expect(p.notes.join("\n")).toMatch(/kept \/etc\/rationale\/server.conf: it was changed since install/);
  });

  test("an sshd_config edited after --add-include loses only the added Include line", () => {
    const { after, manifest, backups } = installed({ "/etc/ssh/sshd_config": file("Port 22\n") }, { ...o, addInclude: true });
    const current = after.get("/etc/ssh/sshd_config") as Extract<PathState, { kind: "file" }>;
    const edited = new Map(after).set("/etc/ssh/sshd_config", file(current.text!.replace("Port 22", "Port 2222")));
    const p = uninstall(edited, manifest, backups);
    expect(p.rest.find((c) => c.path === "/etc/ssh/sshd_config")).toMatchObject({ kind: "write", text: "Port 2222\n" });
  });
});
