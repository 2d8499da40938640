/**
 * What install did, so that uninstall can undo exactly that: for every path,
 * whether install created it (remove it) or replaced it (restore the backup
 * with its original mode and owner), and a hash of what install wrote (an
 * operator's later edit is detected and kept).
 */
export type Role = "binary" | "dropin" | "config" | "tmpfiles" | "sshd-config" | "spool" | "state" | "dir";

export interface ManifestEntry {
  path: string;
  role: Role;
  origin: "created" | "replaced" | "changed";
  /** Mode and owner before install (replaced files, changed directories). */
  before?: { mode: number; uid: number; gid: number };
  /** Unrooted path of the copy of the original (replaced files). */
  backup?: string;
  /** sha256 of what install wrote (files). */
  installed?: string;
}

export interface Manifest {
  format: 1;
  version: string;
  installedAt: string;
  forceCommand: string;
  /** The sshd_config install validated (unrooted): uninstall validates the same one. */
  sshdConfig: string;
  entries: ManifestEntry[];
}

export function parseManifest(text: string, source: string): Manifest {
  let m: unknown;
  try {
    m = JSON.parse(text);
  } catch (e) {
    throw new Error(`${source} is not JSON (${(e as Error).message}); restore it from a backup or remove the installed files by hand`, { cause: e });
  }
  const ok = typeof m === "object" && m !== null && (m as Manifest).format === 1 && Array.isArray((m as Manifest).entries);
  if (!ok) throw new Error(`${source} is not an install manifest of format 1`);
  return m as Manifest;
}

export const renderManifest = (m: Manifest): string => JSON.stringify(m, null, 2) + "\n";

/** Where the originals of replaced files are kept: beside the manifest, mirroring their paths. */
export const backupDir = (manifestPath: string): string => manifestPath.replace(/\/[^/]*$/, "") + "/backup";
export const backupPath = (manifestPath: string, path: string): string => backupDir(manifestPath) + path;
