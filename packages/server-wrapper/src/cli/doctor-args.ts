/** Arguments of `rationale-server doctor`. Pure; a usage error names the option and the fix. */
import { availableParallelism } from "node:os";
import type { DoctorOptions } from "../doctor/doctor.js";

export type DoctorArgs = (DoctorOptions & { json: boolean }) | { error: string };

export function parseDoctorArgs(args: readonly string[], cpus = availableParallelism()): DoctorArgs {
  const o: DoctorOptions & { json: boolean } = {
    sshd: "/usr/sbin/sshd",
    sshdConfig: "/etc/ssh/sshd_config",
    users: [],
    exempt: [],
    spoolAgeMs: 300_000,
    sinkTimeoutMs: 3000,
    jobs: Math.max(1, cpus),
    json: false,
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const eq = a.indexOf("=");
    const [name, inline] = a.startsWith("--") && eq > 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
    const value = (): string | undefined => inline ?? args[++i];
    const need = (v: string | undefined) => (v === undefined || v === "" ? `${name} needs a value` : undefined);
    const seconds = (v: string | undefined) => (v !== undefined && /^\d+(\.\d+)?s?$/.test(v) ? Number(v.replace(/s$/, "")) * 1000 : undefined);
    let v: string | undefined;
    switch (name) {
      case "--json":
        o.json = true;
        break;
      case "--sshd":
        if (need((v = value()))) return { error: need(v)! };
        o.sshd = v!;
        break;
      case "--sshd-config":
      case "-f":
        if (need((v = value()))) return { error: need(v)! };
        o.sshdConfig = v!;
        break;
      case "--user":
      case "-u":
        if (need((v = value()))) return { error: need(v)! };
        o.users.push(...v!.split(",").filter(Boolean));
        break;
      case "--exempt":
        if (need((v = value()))) return { error: need(v)! };
        o.exempt.push(...v!.split(",").filter(Boolean));
        break;
      case "--spool-age": {
        const ms = seconds((v = value()));
        if (ms === undefined) return { error: `--spool-age "${v ?? ""}": expected seconds, e.g. 300` };
        o.spoolAgeMs = ms;
        break;
      }
      case "--sink-timeout": {
        const ms = seconds((v = value()));
        if (ms === undefined || ms === 0) return { error: `--sink-timeout "${v ?? ""}": expected seconds, e.g. 3` };
        o.sinkTimeoutMs = ms;
        break;
      }
      case "--jobs":
      case "-j": {
        v = value();
        if (!v || !/^[1-9]\d*$/.test(v)) return { error: `--jobs "${v ?? ""}": expected a positive whole number` };
        o.jobs = Number(v);
        break;
      }
      default:
        return { error: `unknown option "${a.slice(0, 80)}"` };
    }
  }
  return o;
}
