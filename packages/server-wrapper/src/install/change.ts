/**
 * One step of a plan. Every change carries the state it replaces, so it can
 * be shown as a diff before it is made and undone after.
 */
import type { Owner, PathState } from "./path-state.js";

interface Base {
  /** Unrooted path, as sshd on the target machine sees it. */
  path: string;
  before: PathState;
  /** Shown as one line even with --dry-run (the manifest: JSON nobody reviews as a diff). */
  brief?: boolean;
}

export type Change =
  /** A small text file; `backup`: keep the original there for uninstall. */
  | (Base & { kind: "write"; text: string; mode: number; owner: Owner; backup?: string })
  /** A binary: from a real path (the running executable) or from a backup (unrooted, under --root). */
  | (Base & { kind: "copy"; from: { real: string } | { backup: string }; sha256: string; mode: number; owner: Owner; backup?: string })
  | (Base & { kind: "mkdir"; mode: number; owner: Owner })
  | (Base & { kind: "chmod"; mode: number; owner: Owner })
  | (Base & { kind: "remove" })
  | (Base & { kind: "rmdir" })
  /** Remove a directory tree we made (the backups, an emptied spool's per-user directories). */
  | (Base & { kind: "rmtree" });
