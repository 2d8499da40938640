/**
 * What the planner knows about a path: read by the shell, compared by the
 * planner. Paths in plans and manifests are the unrooted ones (as sshd on
 * the target machine sees them); only the shell prefixes `--root`.
 */
export interface Owner {
  uid: number;
  gid: number;
}

export type PathState =
  | { kind: "absent" }
  /** `entries`: names in the directory; `files`: regular files anywhere below it (spooled records). */
  | { kind: "dir"; mode: number; uid: number; gid: number; entries: number; files: number }
  /** `text` is there for the small text files the planner diffs; a binary has only its hash. */
  | { kind: "file"; mode: number; uid: number; gid: number; sha256: string; text?: string }
  | { kind: "other"; mode: number; uid: number; gid: number };

export const ABSENT: PathState = Object.freeze({ kind: "absent" });
export const ROOT_OWNER: Owner = Object.freeze({ uid: 0, gid: 0 });

/** `1733`, `0644`: how modes are written in sshd, install(1) and tmpfiles.d. */
export const octal = (mode: number): string => (mode & 0o7777).toString(8).padStart(4, "0");

export const ownerName = (o: Owner): string => `${o.uid === 0 ? "root" : o.uid}:${o.gid === 0 ? "root" : o.gid}`;

/** Every ancestor of an absolute path, outermost first, without "/" itself. */
export function ancestors(path: string): string[] {
  const parts = path.split("/").filter(Boolean);
  return parts.slice(0, -1).map((_, i) => "/" + parts.slice(0, i + 1).join("/"));
}
