/**
 * The whole server side of a test: a real rsyslogd and a real sshd whose
 * ForceCommand is the built wrapper, logging to that rsyslogd.
 */
import { chmodSync, existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { E2E_USER, WRAPPER } from "./paths.js";
import { type NetworkInputs, type Rsyslog, startRsyslog } from "./rsyslog.js";
import { scratchDir } from "./scratch-dir.js";
import { type Sshd, startSshd } from "./sshd.js";
import { runClient } from "./run-client.js";
import { execFileSync } from "node:child_process";

export interface TestServer {
  dir: string;
  spoolDir: string;
  /** Where sessions leave their state files (`rationale-server sessions`). */
  stateDir: string;
  sshd: Sshd;
  syslog: Rsyslog;
  /** `ssh` to the test server with the given extra args and environment. */
  ssh(args: string[], env?: Record<string, string>, input?: Buffer | string): ReturnType<typeof runClient>;
  stop(): Promise<void>;
}

export function checkPrerequisites(): void {
  if (!existsSync(WRAPPER)) throw new Error(`${WRAPPER} is missing: run 'pnpm build' first`);
  try {
    execFileSync("id", [E2E_USER], { stdio: "ignore" });
  } catch {
    throw new Error(`test account ${E2E_USER} is missing: run '. .ci/bootstrap.sh' (as root) to create it`);
  }
}

export async function startServer(
  {
    wrapperConfig = "",
    wrapArgs,
    name = "e2e",
    rfc5424 = false,
    net,
    syslog: syslogOptions = {},
  }: {
    wrapperConfig?: string | ((s: Rsyslog) => string);
    wrapArgs?: string;
    name?: string;
    rfc5424?: boolean;
    net?: NetworkInputs;
    /** rsyslog's host name and extra configuration (given the scratch directory). */
    syslog?: { hostname?: string; extra?: (dir: string) => string };
  } = {},
): Promise<TestServer> {
  checkPrerequisites();
  const { path: dir, remove } = scratchDir(name);
  const syslog = await startRsyslog(dir, { rfc5424, net, hostname: syslogOptions.hostname, extra: syslogOptions.extra?.(dir) });
  // The spool lives in the scratch dir, set up as an installer would: root's, mode 1733.
  const spoolDir = join(dir, "spool");
  mkdirSync(spoolDir);
  chmodSync(spoolDir, 0o1733);
  const stateDir = join(dir, "sessions");
  mkdirSync(stateDir);
  chmodSync(stateDir, 0o1733);
  const extra = typeof wrapperConfig === "function" ? wrapperConfig(syslog) : wrapperConfig;
  const sshd = await startSshd({
    dir,
    wrapperConfig: `SyslogSocket ${syslog.socket}\nSpoolDir ${spoolDir}\nStateDir ${stateDir}\n${extra}`,
    wrapArgs,
  });
  return {
    dir,
    spoolDir,
    stateDir,
    sshd,
    syslog,
    ssh: (args, env, input) => runClient(["ssh", ...sshd.clientArgs(), "127.0.0.1", ...args], { env, input }),
    stop: async () => {
      await sshd.stop();
      await syslog.stop();
      remove();
    },
  };
}
