/**
 * What every benchmark case shares: one rsyslogd, four servers on this
 * machine (bare sshd, a second bare sshd as a control, the wrapper, the bash
 * reference ForceCommand), ssh arguments for a multiplexed connection to
 * each, and small statistics.
 * Cases measure wrapper against bare (or the reference) in the same run,
 * interleaved, so machine noise hits both alike.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { ROOT } from "../test/support/paths.js";
import { type Rsyslog, startRsyslog } from "../test/support/rsyslog.js";
import { scratchDir } from "../test/support/scratch-dir.js";
import { checkPrerequisites } from "../test/support/server.js";
import { type Sshd, startSshd } from "../test/support/sshd.js";

/** `control` is a second bare sshd: bare against control shows how far two identical servers differ in one run. */
export type ServerName = "bare" | "control" | "wrapper" | "reference";

export interface Bench {
  dir: string;
  syslog: Rsyslog;
  servers: Record<ServerName, Sshd>;
  /** Environment for clients: the rationale sent, no NODE_EXTRA_CA_CERTS. */
  env: Record<string, string>;
  /** ssh arguments for a multiplexed connection to `name` (master opened by `openMaster`). */
  sshArgs(name: ServerName, extra?: string[]): string[];
  openMaster(name: ServerName): void;
  close(): Promise<void>;
}

/** The servers a case compares side by side: bare, the control, the wrapper. */
export const COMPARED = ["bare", "control", "wrapper"] as const;
export type Compared = (typeof COMPARED)[number];

/** The order of round `i`: rotated, so no side always goes first and inherits another's cache state. */
export const roundOrder = (i: number): Compared[] => [...COMPARED.slice(i % 3), ...COMPARED.slice(0, i % 3)];

/** One measured figure, printed against its target. */
export interface Row {
  metric: string;
  value: number;
  unit: string;
  target?: { op: "<=" | ">="; value: number };
  detail?: string;
}

export async function startBench(): Promise<Bench> {
  checkPrerequisites();
  const { path: dir, remove } = scratchDir("bench");
  const syslog = await startRsyslog(dir);
  const servers: Record<ServerName, Sshd> = {
    bare: await startSshd({ dir, wrapped: false, name: "bare" }),
    control: await startSshd({ dir, wrapped: false, name: "control" }),
    wrapper: await startSshd({ dir, name: "wrapper", wrapperConfig: `SyslogSocket ${syslog.socket}\nSpoolDir ${join(dir, "spool")}\n`, acceptEnv: "RATIONALE RATIONALE_CLIENT" }),
    reference: await startSshd({ dir, name: "reference", forceCommand: `${join(ROOT, "bench", "reference-forcecommand.sh")} ${syslog.socket}` }),
  };
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== "NODE_EXTRA_CA_CERTS" && !k.startsWith("RATIONALE")) env[k] = v;
  Object.assign(env, { RATIONALE: "benchmark", RATIONALE_CLIENT: "bench" });
  const sshArgs = (name: ServerName, extra: string[] = []) => [
    ...servers[name].clientArgs(),
    "-o", "ControlMaster=auto",
    "-o", `ControlPath=${join(dir, `cm-${name}`)}`,
    "-o", "ControlPersist=600",
    ...extra,
  ];
  return {
    dir,
    syslog,
    servers,
    env,
    sshArgs,
    openMaster(name) {
      const r = spawnSync("ssh", [...sshArgs(name), "127.0.0.1", "true"], { env });
      if (r.status !== 0) throw new Error(`ssh to the ${name} server failed: ${r.stderr}`);
    },
    async close() {
      for (const name of Object.keys(servers) as ServerName[]) {
        spawnSync("ssh", [...sshArgs(name, ["-O", "exit"]), "127.0.0.1"], { env, stdio: "ignore" });
        await servers[name].stop();
      }
      await syslog.stop();
      remove();
    },
  };
}

export function quantile(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

export const median = (values: number[]) => quantile(values, 0.5);

export function elapsedMs(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e6;
}
