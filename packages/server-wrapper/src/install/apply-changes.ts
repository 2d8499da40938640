/**
 * Make the planned changes, each one undoable: before touching a path the
 * applier keeps what was there (bytes, mode, owner) in memory, so that a
 * failure at any later point (a write, `sshd -t`, the reload) restores every
 * path exactly. Files are replaced atomically (temporary file + rename), so
 * sshd never reads half a drop-in.
 */
import { chmodSync, chownSync, copyFileSync, mkdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { Change } from "./change.js";
import type { Owner } from "./path-state.js";
import type { SshdResult } from "./sshd-control.js";
import { EX_SOFTWARE } from "../sysexits.js";

type Prior = { kind: "absent" } | { kind: "file"; bytes: Buffer; mode: number; owner: Owner } | { kind: "dir"; mode: number; owner: Owner };

export class Applier {
  private readonly undo: { real: string; prior: Prior }[] = [];
  private readonly madeBackups: string[] = [];

  constructor(
    private readonly root: string,
    /** Only root can give files to root; otherwise owners are left as they are. */
    private readonly canChown: boolean,
  ) {}

  apply(c: Change): void {
    const real = this.root + c.path;
    const prior = capture(real);
    if ("backup" in c && c.backup && prior.kind === "file") this.keepBackup(c.backup, prior);
    this.undo.push({ real, prior });
    switch (c.kind) {
      case "write":
        return this.replaceFile(real, (tmp) => writeFileSync(tmp, c.text, { mode: 0o600 }), c.mode, c.owner);
      case "copy": {
        const from = "real" in c.from ? c.from.real : this.root + c.from.backup;
        return this.replaceFile(real, (tmp) => copyFileSync(from, tmp), c.mode, c.owner);
      }
      case "mkdir":
        mkdirSync(real, { mode: 0o700 });
        return this.setModeOwner(real, c.mode, c.owner);
      case "chmod":
        return this.setModeOwner(real, c.mode, c.owner);
      case "remove":
        return unlinkSync(real);
      case "rmdir":
        return rmdirSync(real);
      case "rmtree":
        return rmSync(real, { recursive: true });
    }
  }

  /** Undo everything applied so far, newest first. Returns what could not be restored. */
  rollback(): string[] {
    const problems: string[] = [];
    // Backups (and the directories made for them) first, so that the directories they sit in can be removed.
    for (const b of this.madeBackups.reverse()) rmSync(b, { force: true, recursive: true });
    for (const { real, prior } of this.undo.reverse()) {
      try {
        restore(real, prior, this.canChown);
      } catch (e) {
        problems.push(`${real}: ${(e as Error).message}`);
      }
    }
    this.undo.length = 0;
    return problems;
  }

  private keepBackup(backup: string, prior: Extract<Prior, { kind: "file" }>): void {
    const real = this.root + backup;
    const firstMade = mkdirSync(dirname(real), { recursive: true, mode: 0o700 });
    writeFileSync(real, prior.bytes, { mode: 0o600 });
    this.madeBackups.push(real);
    if (firstMade) this.madeBackups.push(firstMade);
  }

  private replaceFile(real: string, fill: (tmp: string) => void, mode: number, owner: Owner): void {
    const tmp = `${dirname(real)}/.${real.slice(dirname(real).length + 1)}.rationale-${process.pid}`;
    try {
      fill(tmp);
      this.setModeOwner(tmp, mode, owner);
      renameSync(tmp, real);
    } catch (e) {
      rmSync(tmp, { force: true });
      throw e;
    }
  }

  private setModeOwner(real: string, mode: number, owner: Owner): void {
    if (this.canChown) chownSync(real, owner.uid, owner.gid);
    chmodSync(real, mode); // after chown, which clears set-id bits
  }
}

function capture(real: string): Prior {
  let st;
  try {
    st = statSync(real);
  } catch {
    return { kind: "absent" };
  }
  const mode = st.mode & 0o7777;
  const owner = { uid: st.uid, gid: st.gid };
  return st.isDirectory() ? { kind: "dir", mode, owner } : { kind: "file", bytes: readFileSync(real), mode, owner };
}

function restore(real: string, prior: Prior, canChown: boolean): void {
  const now = capture(real);
  if (prior.kind === "absent") {
    if (now.kind === "dir") rmdirSync(real);
    else if (now.kind === "file") unlinkSync(real);
    return;
  }
  if (prior.kind === "file") {
    const tmp = `${real}.rationale-restore`;
    writeFileSync(tmp, prior.bytes, { mode: 0o600 });
    if (canChown) chownSync(tmp, prior.owner.uid, prior.owner.gid);
    chmodSync(tmp, prior.mode);
    renameSync(tmp, real);
    return;
  }
  if (now.kind === "absent") mkdirSync(real);
  if (canChown) chownSync(real, prior.owner.uid, prior.owner.gid);
  chmodSync(real, prior.mode);
}

/** Apply changes in order; on the first failure undo them all and say which one failed and whether the undo was complete. */
export function applyAll(applier: Applier, changes: readonly Change[], describe: (c: Change) => string): { ok: true } | { ok: false; message: string; status: number } {
  for (const c of changes) {
    try {
      applier.apply(c);
    } catch (e) {
      return undoAll(applier, `could not ${describe(c)}: ${(e as Error).message}`);
    }
  }
  return { ok: true };
}


/** Roll back and build the failure: status 1 when everything is as it was, 70 when some path could not be restored. */
export function undoAll(applier: Applier, why: string): { ok: false; message: string; status: number } {
  const problems = applier.rollback();
  return problems.length
    ? { ok: false, status: EX_SOFTWARE, message: `${why}\nRESTORE INCOMPLETE, check these paths by hand:\n  ${problems.join("\n  ")}` }
    : { ok: false, status: 1, message: `${why}\nEvery change was undone; the system is as it was.` };
}

/**
 * Have sshd re-read its configuration; when that fails, undo the changes and
 * reload again, since the failed attempt may have half-happened and sshd must
 * end up on the restored files.
 */
export function reloadOrUndo(applier: Applier, reload: () => SshdResult): { ok: true; message: string } | { ok: false; message: string; status: number } {
  const done = reload();
  if (done.ok) return { ok: true, message: done.message };
  const undone = undoAll(applier, `${done.message}\nsshd was not reloaded.`);
  reload();
  return undone;
}
