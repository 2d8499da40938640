/** Ask sshd what it thinks of its configuration, and make it re-read it. */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { sshdT } from "../doctor/run-sshd.js";
import { setting, settingWords } from "../doctor/sshd-settings.js";

export interface SshdResult {
  ok: boolean;
  message: string;
}

/** `sshd -t`: the configuration parses and its keys are readable. */
export function sshdTest(sshd: string, config: string): SshdResult {
  const r = spawnSync(sshd, ["-t", "-f", config], { encoding: "utf8" });
  if (r.error) return { ok: false, message: `cannot run ${sshd}: ${r.error.message} (--sshd PATH names another)` };
  return { ok: r.status === 0, message: (r.stderr || r.stdout || `${sshd} -t exited with status ${r.status}`).trim() };
}

/** `sshd -T -C`: the settings one connection would get (the doctor's runner and parser). */
export async function sshdEffective(sshd: string, config: string, user: string, addr: string): Promise<SshdResult & { forceCommand?: string; acceptEnv: string[] }> {
  try {
    const settings = await sshdT(sshd, config, `user=${user},host=localhost,addr=${addr}`);
    return { ok: true, message: "", forceCommand: setting(settings, "forcecommand"), acceptEnv: settingWords(settings, "acceptenv") };
  } catch (e) {
    return { ok: false, message: (e as Error).message, acceptEnv: [] };
  }
}

export type ReloadHow = { kind: "none"; why: string } | { kind: "systemctl" } | { kind: "hup"; pidFile: string };

export function chooseReload(o: { reload: "auto" | "none"; root: string; sshdPidFile?: string }, pidFileDefault: string): ReloadHow {
  if (o.reload === "none") return { kind: "none", why: "--reload none" };
  if (o.sshdPidFile) return { kind: "hup", pidFile: o.sshdPidFile };
  // Under --root the files are for another tree: signalling this machine's sshd would be wrong.
  if (o.root) return { kind: "none", why: "--root (give --sshd-pid-file to reload a test sshd)" };
  return existsSync("/run/systemd/system") ? { kind: "systemctl" } : { kind: "hup", pidFile: pidFileDefault };
}

export function reloadSshd(how: ReloadHow): SshdResult {
  if (how.kind === "none") return { ok: true, message: `sshd not reloaded (${how.why}); reload it to apply the change` };
  if (how.kind === "systemctl") {
    // Debian names the unit ssh, RHEL and Arch sshd.
    for (const unit of ["ssh", "sshd"]) {
      const r = spawnSync("systemctl", ["reload", unit], { encoding: "utf8" });
      if (r.status === 0) return { ok: true, message: `reloaded sshd (systemctl reload ${unit})` };
      if (unit === "sshd") return { ok: false, message: `systemctl reload failed: ${(r.stderr || r.error?.message || "").trim()}` };
    }
  }
  const { pidFile } = how as Extract<ReloadHow, { kind: "hup" }>;
  let pid: number;
  try {
    pid = Number(readFileSync(pidFile, "utf8").trim());
  } catch (e) {
    return { ok: false, message: `cannot read sshd's pid from ${pidFile} (${(e as Error).message}); name the right file with --sshd-pid-file` };
  }
  try {
    process.kill(pid, "SIGHUP");
  } catch (e) {
    return { ok: false, message: `cannot signal sshd (pid ${pid} from ${pidFile}): ${(e as Error).message}` };
  }
  return { ok: true, message: `reloaded sshd (SIGHUP to pid ${pid} from ${pidFile})` };
}
