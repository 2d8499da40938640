/**
 * `rationale-server uninstall`: undo what the manifest records. The drop-in
 * goes first and sshd is validated and reloaded, so that no new session is
 * wrapped by the time the binary disappears; then the rest is restored or
 * removed. Audit records and an operator's edits are kept, and said so.
 */
import { Applier, applyAll, reloadOrUndo, undoAll } from "../install/apply-changes.js";
import { DEFAULT_SSHD_PID_FILE, INSTALL_DEFAULTS } from "../install/install-options.js";
import { planUninstall } from "../install/plan-uninstall.js";
import { changeLine } from "../install/render-plan.js";
import { Report } from "../install/report.js";
import { chooseReload, reloadSshd, sshdTest } from "../install/sshd-control.js";
import type { MainResult } from "./main.js";
import { readArgs, readInstallState } from "./run-install.js";

export async function runUninstall(args: readonly string[]): Promise<MainResult> {
  const o = readArgs(args, "uninstall");
  if ("status" in o) return o;
  const report = new Report("uninstall", o.json);
  const { paths, manifest, backups } = readInstallState(o);
  if (!manifest) {
    report.note(`not installed: no manifest at ${o.root + o.manifest} (--manifest FILE names another); nothing to change`);
    return report.finish(0);
  }
  const plan = planUninstall({ manifest, manifestPath: o.manifest, paths, backups });
  const all = [...plan.first, ...plan.rest];
  if (!all.length) {
    for (const n of plan.notes) report.note(n);
    report.note("nothing to change");
    return report.finish(0);
  }
  if (o.dryRun) {
    report.dryRun(all);
    for (const n of plan.notes) report.note(n);
    report.note("dry run: nothing was changed");
    return report.finish(0);
  }
  const isRoot = process.getuid?.() === 0;
  // The sshd_config install validated, unless another is named.
  const main = o.root + (o.sshdConfig === INSTALL_DEFAULTS.sshdConfig && manifest.sshdConfig ? manifest.sshdConfig : o.sshdConfig);
  const how = chooseReload(o, DEFAULT_SSHD_PID_FILE);
  if (plan.first.length) {
    const sshdSide = new Applier(o.root, isRoot);
    const applied = applyAll(sshdSide, plan.first, (c) => changeLine(c, false));
    if (!applied.ok) return report.finish(applied.status, applied.message);
    const test = sshdTest(o.sshd, main);
    if (!test.ok) {
      const undone = undoAll(sshdSide, `sshd -t -f ${main} rejects the configuration without the drop-in:\n${test.message}`);
      return report.finish(undone.status, undone.message);
    }
    const reload = reloadOrUndo(sshdSide, () => reloadSshd(how));
    if (!reload.ok) return report.finish(reload.status, reload.message);
    for (const c of plan.first) report.changed(c);
    report.note(reload.message);
  }
  const rest = applyAll(new Applier(o.root, isRoot), plan.rest, (c) => changeLine(c, false));
  if (!rest.ok) {
    const done = plan.first.length ? "The drop-in is gone and sshd no longer runs the wrapper; " : "";
    return report.finish(rest.status, `${rest.message}\n${done}fix the cause and run uninstall again to finish.`);
  }
  for (const c of plan.rest) report.changed(c);
  for (const n of plan.notes) report.note(n);
  return report.finish(0);
}
