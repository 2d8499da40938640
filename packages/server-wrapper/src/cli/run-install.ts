/**
 * `rationale-server install`: plan (pure), show or apply with backups,
 * prove the effect with sshd itself, reload, and undo everything if any of
 * that fails. The ordering is the safety: sshd is told to re-read its
 * configuration only once `sshd -t` accepts it and `sshd -T` shows the
 * wrapper for a wrapped account and not for an exempt one.
 */
import { realpathSync } from "node:fs";
import { Applier, applyAll, reloadOrUndo, undoAll } from "../install/apply-changes.js";
import { DEFAULT_SSHD_PID_FILE, parseInstallArgs, type InstallOptions } from "../install/install-options.js";
import { backupDir, type Manifest, parseManifest } from "../install/manifest.js";
import type { PathState } from "../install/path-state.js";
import { installPaths, planInstall } from "../install/plan-install.js";
import { pickProbes } from "../install/probe-users.js";
import { forceCommandLine } from "../install/render-dropin.js";
import { changeLine } from "../install/render-plan.js";
import { Report } from "../install/report.js";
import { readPathState, readText, sha256File } from "../install/read-state.js";
import { chooseReload, reloadSshd, sshdEffective, sshdTest } from "../install/sshd-control.js";
import type { MainResult } from "./main.js";
import { EX_CONFIG, EX_USAGE } from "../sysexits.js";


export async function runInstall(args: readonly string[], version: string): Promise<MainResult> {
  const o = readArgs(args, "install");
  if ("status" in o) return o;
  const report = new Report("install", o.json);
  const isRoot = process.getuid?.() === 0;
  const { paths, manifest, backups } = readInstallState(o);
  const source = realpathSync(process.execPath);
  const inPlace = realOrSelf(o.root + o.bin) === source;
  const plan = planInstall({
    options: o, version, now: new Date(), paths, manifest, backups, isRoot,
    owner: isRoot ? undefined : { uid: process.getuid!(), gid: process.getgid!() },
    binary: { source, inPlace, sha256: inPlace ? "" : sha256File(source) },
  });
  if (plan.refused) return report.finish(plan.refused.status, plan.refused.message);
  const main = o.root + o.sshdConfig;
  const before = sshdTest(o.sshd, main);
  if (!before.ok) return report.finish(EX_CONFIG, `sshd -t -f ${main} fails before any change:\n${before.message}\nFix that first; nothing was changed.`);
  for (const w of plan.warnings) report.warn(w);
  if (!plan.changes.length) {
    report.note("already installed, nothing to change");
    return report.finish(0);
  }
  if (!isRoot) report.warn("not running as root: owners are left as they are (a server needs root:root)");
  if (o.dryRun) {
    report.dryRun(plan.changes);
    report.note("dry run: nothing was changed");
    return report.finish(0);
  }

  const applier = new Applier(o.root, isRoot);
  const applied = applyAll(applier, plan.changes, (c) => changeLine(c, false));
  if (!applied.ok) return report.finish(applied.status, applied.message);
  const proof = await proveEffect(o, main, report);
  if (proof) {
    const undone = undoAll(applier, proof);
    return report.finish(undone.status, undone.message);
  }
  const how = chooseReload(o, DEFAULT_SSHD_PID_FILE);
  const reload = reloadOrUndo(applier, () => reloadSshd(how));
  if (!reload.ok) return report.finish(reload.status, reload.message);
  for (const c of plan.changes) report.changed(c);
  report.note(reload.message);
  return report.finish(0);
}

/** The options, or the outcome of a usage error (explained on stderr); main.ts answers --help before this is loaded. */
export function readArgs(args: readonly string[], command: "install" | "uninstall"): InstallOptions | MainResult {
  const { options, problems } = parseInstallArgs(args, command);
  if (!problems.length) return options;
  process.stderr.write(problems.map((p) => `rationale-server ${command}: ${p}\n`).join("") + `Run 'rationale-server help ${command}' for the options.\n`);
  return { status: EX_USAGE };
}

/** Undefined when sshd accepts the result and applies it as intended; otherwise what is wrong. */
async function proveEffect(o: InstallOptions, main: string, report: Report): Promise<string | undefined> {
  const test = sshdTest(o.sshd, main);
  if (!test.ok) return `sshd -t -f ${main} rejects the new configuration:\n${test.message}`;
  const ours = forceCommandLine(o);
  const probes = pickProbes(o, readText("/etc/group") ?? "", readText("/etc/passwd") ?? "");
  if (probes.wrapped) {
    const { user, addr } = probes.wrapped;
    const eff = await sshdEffective(o.sshd, main, user, addr);
    if (!eff.ok) return eff.message;
    if (eff.forceCommand !== ours) {
      return (
        `for ${user} (from ${addr}) sshd would run ForceCommand "${eff.forceCommand ?? "none"}", not the wrapper: ` +
        `sshd keeps the first ForceCommand it reads, so a line read before ${o.dropin} (in ${o.sshdConfig} or a drop-in that sorts first) wins; ` +
        `remove it, or scope it with Match`
      );
    }
    const missing = ["RATIONALE", "RATIONALE_CLIENT"].filter((v) => !eff.acceptEnv.includes(v));
    if (missing.length) return `for ${user} sshd would not accept ${missing.join(", ")} from clients (a Match block sets AcceptEnv for this account)`;
  } else if (probes.skipped) {
    report.warn(`not proved that a wrapped account gets the wrapper: ${probes.skipped}`);
  }
  for (const user of probes.exempt) {
    const eff = await sshdEffective(o.sshd, main, user, probes.wrapped?.addr ?? "127.0.0.1");
    if (!eff.ok) return eff.message;
    if (eff.forceCommand === ours) return `the exempt account ${user} would still get the wrapper as ForceCommand; check the Match blocks before ${o.dropin}`;
  }
  return undefined;
}

/** The state of every path the planner needs, an earlier install's manifest, and the text of its backups. */
export function readInstallState(o: InstallOptions): { paths: Map<string, PathState>; manifest?: Manifest; backups: Map<string, string> } {
  const paths = new Map(installPaths(o).map((p) => [p, readPathState(o.root + p, { text: p !== o.bin })]));
  const ms = paths.get(o.manifest);
  const manifest = ms?.kind === "file" && ms.text !== undefined ? parseManifest(ms.text, o.root + o.manifest) : undefined;
  const backups = new Map<string, string>();
  for (const e of manifest?.entries ?? []) {
    if (!paths.has(e.path)) paths.set(e.path, readPathState(o.root + e.path, { text: e.role !== "binary" }));
    const text = e.backup && e.role !== "binary" ? readText(o.root + e.backup) : undefined;
    if (text !== undefined) backups.set(e.backup!, text);
  }
  paths.set(backupDir(o.manifest), readPathState(o.root + backupDir(o.manifest), { text: false }));
  return { paths, manifest, backups };
}


function realOrSelf(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}
