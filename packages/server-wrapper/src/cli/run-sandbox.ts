/**
 * `rationale-server sandbox`: try the wrapper in one command, without root
 * and without touching the machine's sshd. Exit 0 after Ctrl-C, 64 usage,
 * 69 (EX_UNAVAILABLE) when sshd or ssh-keygen is missing, 1 when sshd fails.
 */
import type { ChildProcess } from "node:child_process";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { readText } from "../install/read-state.js";
import { currentAccount } from "../platform/libc.js";
import { connectLines, displayRecord, paths } from "../sandbox/sandbox-files.js";
import { terminalWarning } from "../sandbox/terminal-check.js";
import {
  checkTools,
  childrenOf,
  followFile,
  freePort,
  makeSandboxDir,
  processesMentioning,
  removeSandboxDir,
  SandboxError,
  startSshd,
  writeSandboxFiles,
} from "../sandbox/start-sandbox.js";
import type { MainResult } from "./main.js";
import { EX_USAGE } from "../sysexits.js";

const say = (text: string) => process.stdout.write(text);

export async function runSandbox(argv: string[]): Promise<MainResult> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { port: { type: "string" }, keep: { type: "boolean" } }, strict: true }));
  } catch (e) {
    process.stderr.write(`rationale-server sandbox: ${(e as Error).message}\nRun 'rationale-server sandbox --help' for usage.\n`);
    return { status: EX_USAGE };
  }
  const fixedPort = values.port === undefined ? undefined : Number(values.port);
  if (fixedPort !== undefined && !(Number.isInteger(fixedPort) && fixedPort > 0 && fixedPort < 65536)) {
    process.stderr.write(`rationale-server sandbox: --port takes a number from 1 to 65535\n`);
    return { status: EX_USAGE };
  }
  const wrapper = process.execPath;
  if (/^(node|bun)$/.test(basename(wrapper))) {
    process.stderr.write("rationale-server sandbox: run the built executable (pnpm build: packages/server-wrapper/dist/rationale-server), which sshd can start as ForceCommand\n");
    return { status: EX_USAGE };
  }

  let dir: string | undefined;
  let sshd: ChildProcess | undefined;
  try {
    checkTools();
    const { name: user, uid } = currentAccount();
    // A free port can be taken between the probe and sshd's bind; try a few.
    for (let attempt = 1; ; attempt++) {
      // A fresh dir each attempt: ssh-keygen and mkdir do not overwrite the last one's files.
      if (dir) removeSandboxDir(dir);
      dir = makeSandboxDir();
      const port = fixedPort ?? (await freePort());
      writeSandboxFiles(dir, port, user, wrapper);
      try {
        sshd = await startSshd(dir);
        break;
      } catch (e) {
        if (fixedPort !== undefined || attempt >= 3 || !/Address already in use/.test((e as Error).message)) throw e;
      }
    }
    const lines = connectLines(dir);
    const warning = terminalWarning(readText("/proc/self/mounts") ?? "", readText("/etc/group") ?? "", uid);
    if (warning) process.stderr.write(`rationale-server sandbox: warning: ${warning}\n`);
    say(
      `rationale sandbox: a private sshd on 127.0.0.1 with the wrapper as ForceCommand, as ${user}.\n` +
        `Files (keys, configs, audit.log) are in ${dir}; Ctrl-C removes them.\n\n` +
        `Connect from another terminal; you will be asked for a rationale:\n\n    ${lines.prompt}\n\n` +
        `or send one, as the rationale client and the Ansible/Capistrano plugins do:\n\n    ${lines.withRationale}\n\n` +
        `Audit records, as your syslog would get them:\n`,
    );
    const stopFollowing = followFile(paths(dir).auditLog, (line) => say(`  ${displayRecord(line)}\n`));
    const reason = await new Promise<string>((resolve) => {
      process.once("SIGINT", () => resolve("interrupted"));
      process.once("SIGTERM", () => resolve("terminated"));
      process.once("SIGHUP", () => resolve("hung up"));
      sshd!.once("exit", (code, signal) => resolve(`sshd exited (${signal ?? code})`));
    });
    await stopSessions(sshd, paths(dir).serverConf);
    stopFollowing();
    sshd = undefined;
    if (values.keep) say(`\nStopped (${reason}); kept ${dir}\n`);
    else {
      removeSandboxDir(dir);
      say(`\nStopped (${reason}); removed ${dir}\n`);
    }
    return { status: reason.startsWith("sshd") ? 1 : 0 };
  } catch (e) {
    if (sshd) await stopSessions(sshd, dir ? paths(dir).serverConf : "");
    if (dir && !values.keep) removeSandboxDir(dir);
    process.stderr.write(`rationale-server sandbox: ${(e as Error).message}\n`);
    return { status: e instanceof SandboxError ? e.status : 70 };
  }
}

/**
 * Sessions first, so each wrapper sees its connection drop and writes its
 * end record (reason "disconnect") before the log is read for the last time;
 * then the listener.
 */
async function stopSessions(sshd: ChildProcess, serverConf: string): Promise<void> {
  const listener = sshd.pid!;
  for (const pid of childrenOf(listener)) signal(pid, "SIGTERM");
  await until(() => processesMentioning(serverConf).length === 0, 5000);
  if (sshd.exitCode === null && sshd.signalCode === null) {
    const exited = new Promise((r) => sshd.once("exit", r));
    signal(listener, "SIGTERM");
    await Promise.race([exited, until(() => false, 3000)]);
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

async function until(done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
}
