/** A file tree as the planners see it, and the effect of a plan on it: the pure counterpart of the applier, for unit tests. */
import { createHash } from "node:crypto";
import { dirname } from "node:path";
import type { Change } from "../../src/install/change.js";
import type { PathState } from "../../src/install/path-state.js";

export type Tree = Map<string, PathState>;

const sha = (t: string) => createHash("sha256").update(t).digest("hex");
export const file = (text: string, mode = 0o644, uid = 0): PathState => ({ kind: "file", mode, uid, gid: uid, sha256: sha(text), text });
export const dir = (mode = 0o755): PathState => ({ kind: "dir", mode, uid: 0, gid: 0, entries: 0, files: 0 });

/** A tree with these paths (parents made as plain directories); directory counts filled in. */
export function tree(entries: Record<string, PathState>): Tree {
  const t: Tree = new Map();
  for (const [p, s] of Object.entries(entries)) {
    for (let d = dirname(p); d !== "/"; d = dirname(d)) if (!t.has(d) && !(d in entries)) t.set(d, dir());
    t.set(p, s);
  }
  return counted(t);
}

export function apply(t: Tree, changes: readonly Change[], backups = new Map<string, string>()): Tree {
  const out = new Map(t);
  for (const c of changes) {
    if ("backup" in c && c.backup && c.before.kind === "file") backups.set(c.backup, c.before.text ?? "");
    if (c.kind === "write") out.set(c.path, { ...file(c.text, c.mode, c.owner.uid) });
    else if (c.kind === "copy") out.set(c.path, { kind: "file", mode: c.mode, uid: c.owner.uid, gid: c.owner.gid, sha256: c.sha256 });
    else if (c.kind === "mkdir") out.set(c.path, { ...dir(c.mode) });
    else if (c.kind === "chmod") out.set(c.path, { ...(out.get(c.path) as Extract<PathState, { kind: "dir" }>), mode: c.mode, uid: c.owner.uid, gid: c.owner.gid });
    else for (const p of [...out.keys()]) if (p === c.path || p.startsWith(c.path + "/")) out.delete(p);
  }
  return counted(out);
}

function counted(t: Tree): Tree {
  for (const [p, s] of t) {
    if (s.kind !== "dir") continue;
    const below = [...t.keys()].filter((q) => q.startsWith(p + "/"));
    t.set(p, { ...s, entries: below.filter((q) => dirname(q) === p).length, files: below.filter((q) => t.get(q)!.kind === "file").length });
  }
  return t;
}
