/**
 * The install plan (pure): from the options and the current state of every
 * path install would touch, the ordered changes that make the system
 * match, and the manifest that lets uninstall undo them. Paths already as
 * wanted produce no change, so a second install plans nothing.
 */
import { createHash } from "node:crypto";
import { parseConfig } from "../config/parse-config.js";
import type { Change } from "./change.js";
import { renderConfigTemplate } from "./config-template.js";
import type { InstallOptions } from "./install-options.js";
import { backupPath, type Manifest, type ManifestEntry, renderManifest, type Role } from "./manifest.js";
import { ABSENT, ancestors, type Owner, type PathState, ROOT_OWNER } from "./path-state.js";
import { forceCommandLine, renderDropin, sameDropin } from "./render-dropin.js";
import { addInclude, checkInclude, includeDir } from "./sshd-include.js";
import { undoEntry } from "./plan-uninstall.js";
import { EX_CONFIG } from "../sysexits.js";


export interface InstallInputs {
  options: InstallOptions;
  version: string;
  now: Date;
  /** State of every path from `installPaths()`, unrooted. */
  paths: ReadonlyMap<string, PathState>;
  /** The running executable: where it is and its hash; `inPlace` when --bin is that file. */
  binary: { source: string; sha256: string; inPlace: boolean };
  /** The manifest of an earlier install, if any. */
  manifest?: Manifest;
  /** Text of backups an earlier install kept, for stale entries that must be restored. */
  backups?: ReadonlyMap<string, string>;
  /** Owners are compared and set only as root. */
  isRoot: boolean;
  /** Who new paths belong to: root, or (not running as root) whoever runs install. */
  owner?: Owner;
}

export interface InstallPlan {
  changes: Change[];
  manifest?: Manifest;
  warnings: string[];
  refused?: { status: number; message: string };
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** The files and directories install manages, with their roles, in the order they are made. */
function targets(o: InstallOptions, inPlace: boolean) {
  const files: { path: string; role: Role }[] = [
    ...(inPlace ? [] : [{ path: o.bin, role: "binary" as const }]),
    { path: o.config, role: "config" },
    ...(tmpfilesText(o) ? [{ path: o.tmpfiles, role: "tmpfiles" as const }] : []),
    { path: o.dropin, role: "dropin" },
  ];
  const dirs: { path: string; role: Role; mode: number }[] = [
    { path: o.spoolDir, role: "spool", mode: 0o1733 },
    { path: o.stateDir, role: "state", mode: 0o1733 },
  ];
  return { files, dirs };
}

/** Every path whose state the planner needs (the shell reads them). */
export function installPaths(o: InstallOptions): string[] {
  const { files, dirs } = targets(o, false);
  const all = [o.sshdConfig, o.manifest, ...files.map((f) => f.path), ...dirs.map((d) => d.path)];
  return [...new Set(all.flatMap((p) => [...ancestors(p), p]))];
}

/** tmpfiles.d line(s) that recreate a state directory under /run after a reboot; none elsewhere. */
export function tmpfilesText(o: Pick<InstallOptions, "stateDir">): string | undefined {
  if (!/^\/(var\/)?run\//.test(o.stateDir)) return undefined;
  const under = [...ancestors(o.stateDir).filter((p) => !/^\/(var\/)?run$|^\/var$/.test(p)), o.stateDir];
  const lines = under.map((p) => `d ${p} ${p === o.stateDir ? "1733" : "0755"} root root -`);
  return `# Written by rationale-server install: the session state directory, recreated at boot.\n${lines.join("\n")}\n`;
}

export function planInstall(inp: InstallInputs): InstallPlan {
  const o = inp.options;
  const owner = inp.owner ?? ROOT_OWNER;
  const state = (p: string) => inp.paths.get(p) ?? ABSENT;
  const warnings: string[] = [];
  const changes: Change[] = [];
  const entries: ManifestEntry[] = [];
  const old = new Map((inp.manifest?.entries ?? []).map((e) => [e.path, e]));
  const ownerDiffers = (s: PathState) => inp.isRoot && s.kind !== "absent" && (s.uid !== 0 || s.gid !== 0);

  const main = state(o.sshdConfig);
  if (main.kind !== "file" || main.text === undefined) {
    return { changes, warnings, refused: { status: EX_CONFIG, message: `cannot read ${o.sshdConfig}: is sshd installed? (--sshd-config FILE names another)` } };
  }
  const dropinNames = o.root ? [o.root + o.dropin, o.dropin] : [o.dropin];
  const include = checkInclude(main.text, o.sshdConfig, dropinNames, includeDir(o.dropin));
  if (!include.ok && !o.addInclude) {
    const why =
      include.reason === "after-match"
        ? `${o.sshdConfig} includes ${includeDir(o.dropin)} only inside a Match block (after line ${include.matchLine}), where the drop-in's settings would apply to that Match alone`
        : `${o.sshdConfig} does not include ${includeDir(o.dropin)}, so sshd would never read ${o.dropin}`;
    return {
      changes, warnings,
      refused: { status: EX_CONFIG, message: `${why}.\nAdd this line ${include.where}:\n    ${include.fixLine}\nor run install again with --add-include to have it added (and removed on uninstall). Nothing was changed.` },
    };
  }

  /** Record an entry: an earlier install's record of the path wins, since it knows the original. */
  const record = (path: string, role: Role, before: PathState, installed?: string): ManifestEntry => {
    const prior = old.get(path);
    const e: ManifestEntry = prior
      ? { ...prior, ...(installed ? { installed } : {}) }
      : before.kind === "absent"
        ? { path, role, origin: "created", ...(installed ? { installed } : {}) }
        : {
            path, role, origin: before.kind === "dir" ? "changed" : "replaced",
            before: { mode: before.mode & 0o7777, uid: before.uid, gid: before.gid },
            ...(before.kind === "file" ? { backup: backupPath(o.manifest, path) } : {}),
            ...(installed ? { installed } : {}),
          };
    entries.push(e);
    return e;
  };
  const firstBackup = (path: string, before: PathState) => (!old.has(path) && before.kind === "file" ? { backup: backupPath(o.manifest, path) } : {});

  const made = new Set<string>();
  const ensureParents = (path: string) => {
    for (const dir of ancestors(path)) {
      if (made.has(dir)) continue;
      made.add(dir);
      const s = state(dir);
      if (s.kind === "absent") {
        changes.push({ kind: "mkdir", path: dir, before: s, mode: 0o755, owner });
        record(dir, "dir", s);
      } else if (old.get(dir)?.origin === "created") {
        entries.push(old.get(dir)!);
      }
    }
  };

  // The manifest's directory first: the backups kept beside it go there from the first change on.
  ensureParents(o.manifest);
  if (!include.ok) {
    const text = addInclude(main.text, includeDir(o.dropin), inp.version);
    changes.push({ kind: "write", path: o.sshdConfig, before: main, text, mode: main.mode & 0o7777, owner: { uid: main.uid, gid: main.gid }, ...firstBackup(o.sshdConfig, main) });
    record(o.sshdConfig, "sshd-config", main, sha256(text));
  } else if (old.get(o.sshdConfig)) {
    entries.push(old.get(o.sshdConfig)!);
  }

  const { files, dirs } = targets(o, inp.binary.inPlace);
  for (const d of dirs) {
    ensureParents(d.path);
    const s = state(d.path);
    if (s.kind === "absent") {
      changes.push({ kind: "mkdir", path: d.path, before: s, mode: d.mode, owner });
      record(d.path, d.role, s);
    } else if (s.kind !== "dir") {
      return { changes: [], warnings, refused: { status: EX_CONFIG, message: `${d.path} exists and is not a directory; move it away or choose another with --${d.role === "spool" ? "spool-dir" : "state-dir"}` } };
    } else if ((s.mode & 0o7777) !== d.mode || ownerDiffers(s)) {
      changes.push({ kind: "chmod", path: d.path, before: s, mode: d.mode, owner });
      record(d.path, d.role, s);
    } else if (old.has(d.path)) {
      entries.push(old.get(d.path)!);
    }
  }
  for (const f of files) {
    ensureParents(f.path);
    const s = state(f.path);
    if (s.kind === "dir" || s.kind === "other") {
      return { changes: [], warnings, refused: { status: EX_CONFIG, message: `${f.path} exists and is not a regular file; move it away first` } };
    }
    if (f.role === "binary") {
      const same = s.kind === "file" && s.sha256 === inp.binary.sha256 && (s.mode & 0o7777) === 0o755 && !ownerDiffers(s);
      if (!same) changes.push({ kind: "copy", path: f.path, before: s, from: { real: inp.binary.source }, sha256: inp.binary.sha256, mode: 0o755, owner, ...firstBackup(f.path, s) });
      if (!same || old.has(f.path)) record(f.path, f.role, s, inp.binary.sha256);
      continue;
    }
    if (f.role === "config" && s.kind === "file") {
      // Never overwrite an operator's settings; only point out a mismatch with the directories made here.
      if (old.has(f.path)) entries.push(old.get(f.path)!);
      if (s.text !== undefined) warnings.push(...configMismatch(s.text, f.path, o));
      continue;
    }
    const text =
      f.role === "config" ? renderConfigTemplate(o, inp.version)
      : f.role === "tmpfiles" ? tmpfilesText(o)!
      : renderDropin(o, inp.version, inp.now.toISOString().slice(0, 10));
    const same = s.kind === "file" && s.text !== undefined && (f.role === "dropin" ? sameDropin(s.text, text) : s.text === text) && (s.mode & 0o7777) === 0o644 && !ownerDiffers(s);
    if (!same) {
      changes.push({ kind: "write", path: f.path, before: s, text, mode: 0o644, owner, ...firstBackup(f.path, s) });
      record(f.path, f.role, s, sha256(text));
    } else if (old.has(f.path)) {
      entries.push(old.get(f.path)!);
    }
  }

  // An earlier install's paths that these options no longer use (another --dropin, --bin...): undo them.
  const current = new Set(entries.map((e) => e.path));
  for (const e of [...(inp.manifest?.entries ?? [])].reverse()) {
    if (current.has(e.path)) continue;
    const undo = undoEntry(e, state(e.path), inp.backups ?? new Map(), new Map());
    changes.push(...undo.changes);
    warnings.push(...undo.notes);
  }

  if (o.matchGroups.length + o.matchUsers.length === 0 && o.exempt.length === 0) {
    warnings.push(
      "every account, root included, gets the ForceCommand and none is exempt: if the wrapper cannot start, nobody gets a shell " +
        "(it fails closed). Keep a break-glass account with --exempt NAME (for example --exempt root), or scope with --match-group.",
    );
  }
  if (!changes.length) return { changes, warnings };

  const manifest: Manifest = {
    format: 1,
    version: inp.version,
    installedAt: inp.manifest?.installedAt ?? inp.now.toISOString(),
    forceCommand: forceCommandLine(o),
    sshdConfig: o.sshdConfig,
    entries: sortEntries(entries),
  };
  const ms = state(o.manifest);
  changes.push({ kind: "write", path: o.manifest, before: ms, text: renderManifest(manifest), mode: 0o600, owner, brief: true });
  return { changes, manifest, warnings };
}

/** Parents before children, in the order they were made: uninstall walks this backwards. */
function sortEntries(entries: ManifestEntry[]): ManifestEntry[] {
  const seen = new Set<string>();
  return entries.filter((e) => !seen.has(e.path) && seen.add(e.path));
}

function configMismatch(text: string, path: string, o: InstallOptions): string[] {
  const { config } = parseConfig(text, path);
  const out: string[] = [];
  if (config.spoolDir !== o.spoolDir) out.push(`${path} keeps SpoolDir ${config.spoolDir}, not ${o.spoolDir} (the file is the operator's and was not changed): set SpoolDir ${o.spoolDir} there`);
  if (config.stateDir !== undefined && config.stateDir !== o.stateDir) out.push(`${path} keeps StateDir ${config.stateDir}, not ${o.stateDir}: set StateDir ${o.stateDir} there`);
  return out;
}

