/**
 * The uninstall plan (pure): undo what the manifest records, in two phases.
 * First the drop-in goes (then sshd is validated and reloaded, so new
 * sessions stop being wrapped before the binary disappears), then the rest,
 * children before parents. Audit data and an operator's edits are kept and
 * said so: a spool that holds records, a config changed since install.
 */
import { dirname } from "node:path";
import type { Change } from "./change.js";
import { backupDir, type Manifest, type ManifestEntry } from "./manifest.js";
import { ABSENT, type PathState } from "./path-state.js";
import { removeAddedInclude } from "./sshd-include.js";

export interface UninstallInputs {
  manifest: Manifest;
  manifestPath: string;
  /** State of every manifest path, the manifest and the backup directory. */
  paths: ReadonlyMap<string, PathState>;
  /** Text of the backups of replaced text files, by backup path. */
  backups: ReadonlyMap<string, string>;
}

export interface UninstallPlan {
  first: Change[];
  rest: Change[];
  notes: string[];
}

const isDir = (e: ManifestEntry) => e.role === "spool" || e.role === "state" || e.role === "dir";

export function planUninstall(inp: UninstallInputs): UninstallPlan {
  const state = (p: string) => inp.paths.get(p) ?? ABSENT;
  const removed = new Map<string, number>();
  const notes: string[] = [];
  const undo = (e: ManifestEntry) => {
    const r = undoEntry(e, state(e.path), inp.backups, removed);
    notes.push(...r.notes);
    return r.changes;
  };
  const entries = [...inp.manifest.entries].reverse();
  const first = entries.filter((e) => e.role === "dropin").flatMap(undo);
  const rest = entries.filter((e) => e.role !== "dropin" && !isDir(e)).flatMap(undo);
  const own: Change[] = [];
  const ms = state(inp.manifestPath);
  if (ms.kind !== "absent") own.push({ kind: "remove", path: inp.manifestPath, before: ms, brief: true });
  const bs = state(backupDir(inp.manifestPath));
  if (bs.kind !== "absent") own.push({ kind: "rmtree", path: backupDir(inp.manifestPath), before: bs });
  for (const c of own) count(removed, c.path);
  rest.push(...own, ...entries.filter(isDir).flatMap(undo));
  return { first, rest, notes };
}

const count = (removed: Map<string, number>, path: string) => removed.set(dirname(path), (removed.get(dirname(path)) ?? 0) + 1);

/** The changes that undo one entry, given the path's state now. `removed` counts planned removals per directory. */
export function undoEntry(
  e: ManifestEntry,
  s: PathState,
  backups: ReadonlyMap<string, string>,
  removed: Map<string, number>,
): { changes: Change[]; notes: string[] } {
  const notes: string[] = [];
  const changes: Change[] = [];
  const remove = (c: Change) => {
    changes.push(c);
    count(removed, c.path);
  };
  if (s.kind === "absent") return { changes, notes };
  if (isDir(e)) {
    if (s.kind !== "dir") return { changes, notes: [`${e.path} is no longer a directory; left as it is`] };
    if (e.origin === "changed" && e.before) {
      if ((s.mode & 0o7777) !== e.before.mode || s.uid !== e.before.uid || s.gid !== e.before.gid) {
        changes.push({ kind: "chmod", path: e.path, before: s, mode: e.before.mode, owner: { uid: e.before.uid, gid: e.before.gid } });
      }
      return { changes, notes };
    }
    const left = s.entries - (removed.get(e.path) ?? 0);
    if (left <= 0) remove({ kind: "rmdir", path: e.path, before: s });
    else if (e.role === "spool" && s.files === 0) remove({ kind: "rmtree", path: e.path, before: s });
    else if (e.role === "spool") notes.push(`kept ${e.path}: it holds ${s.files} undelivered audit record(s); deliver them with \`rationale-server flush\`, then remove it`);
    else if (e.role === "state") notes.push(`kept ${e.path}: sessions still running write their state there; remove it when they have ended`);
    else notes.push(`kept ${e.path}: it holds files install did not put there`);
    return { changes, notes };
  }
  if (s.kind !== "file") return { changes, notes: [`${e.path} is no longer a regular file; left as it is`] };
  const edited = e.installed !== undefined && s.sha256 !== e.installed;
  if (e.origin === "created") {
    if (e.role === "config" && edited) {
      notes.push(`kept ${e.path}: it was changed since install (remove it yourself if it is no longer wanted)`);
      return { changes, notes };
    }
    if (edited) notes.push(`removed ${e.path} although it was changed since install (the diff shows what it held)`);
    remove({ kind: "remove", path: e.path, before: s });
    return { changes, notes };
  }
  const owner = { uid: e.before?.uid ?? 0, gid: e.before?.gid ?? 0 };
  const mode = e.before?.mode ?? 0o644;
  if (e.role === "binary") {
    changes.push({ kind: "copy", path: e.path, before: s, from: { backup: e.backup! }, sha256: "", mode, owner });
    return { changes, notes };
  }
  if (e.role === "sshd-config" && edited && s.text !== undefined) {
    notes.push(`${e.path} was changed since install: only the Include line install added was taken out`);
    changes.push({ kind: "write", path: e.path, before: s, text: removeAddedInclude(s.text), mode: s.mode & 0o7777, owner: { uid: s.uid, gid: s.gid } });
    return { changes, notes };
  }
  const original = e.backup === undefined ? undefined : backups.get(e.backup);
  if (original === undefined) return { changes, notes: [`the backup of ${e.path} (${e.backup}) is missing; ${e.path} was left as it is`] };
  if (edited) notes.push(`restored ${e.path} although it was changed since install (the diff shows what it held)`);
  changes.push({ kind: "write", path: e.path, before: s, text: original, mode, owner });
  return { changes, notes };
}
