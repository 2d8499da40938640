/**
 * The effect side of `sandbox`: make the keys and files, start sshd, follow
 * the audit log, and take everything down again. Nothing outside the
 * sandbox dir is written; sshd runs as the current user, so no root needed.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { accessSync, chmodSync, closeSync, constants, mkdirSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { scanProc } from "../platform/proc.js";
import { procStatField } from "../sessions/session-state.js";
import { knownHosts, paths, type SandboxLayout, serverConf, sshConfig, sshdConfig } from "./sandbox-files.js";

export const SSHD = "/usr/sbin/sshd";

export class SandboxError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** What a machine needs for a sandbox; a missing piece is named with the package that has it. */
export function checkTools(): void {
  const missing: string[] = [];
  for (const [tool, pkg] of [
    [SSHD, "openssh-server"],
    ["/usr/bin/ssh-keygen", "openssh-client"],
  ] as const) {
    try {
      accessSync(tool, constants.X_OK);
    } catch {
      missing.push(`${tool} (Debian/Ubuntu package ${pkg})`);
    }
  }
  if (missing.length) {
    throw new SandboxError(`the sandbox needs ${missing.join(" and ")}; install it, e.g. apt-get install -y openssh-server`, 69);
  }
}

export function makeSandboxDir(): string {
  // 0700: the client key is in there.
  const dir = mkdtempSync(join(/\s/.test(tmpdir()) ? "/tmp" : tmpdir(), "rationale-sandbox-"));
  chmodSync(dir, 0o700);
  return dir;
}

function keygen(file: string, comment: string): void {
  const r = spawnSync("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", file], { encoding: "utf8" });
  if (r.status !== 0) throw new SandboxError(`ssh-keygen failed: ${r.stderr.trim()}`, 70);
}

/** A port nobody listens on right now (sshd may still lose a race for it; the caller retries). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export function writeSandboxFiles(dir: string, port: number, user: string, wrapper: string): SandboxLayout {
  const p = paths(dir);
  keygen(p.hostKey, "rationale-sandbox-host");
  keygen(p.clientKey, "rationale-sandbox-client");
  const layout: SandboxLayout = { dir, port, user, wrapper, hostPublicKey: readFileSync(`${p.hostKey}.pub`, "utf8") };
  writeFileSync(p.authorizedKeys, readFileSync(`${p.clientKey}.pub`, "utf8"), { mode: 0o600 });
  writeFileSync(p.knownHosts, knownHosts(layout), { mode: 0o600 });
  writeFileSync(p.sshdConfig, sshdConfig(layout), { mode: 0o600 });
  writeFileSync(p.sshConfig, sshConfig(layout), { mode: 0o600 });
  writeFileSync(p.serverConf, serverConf(layout), { mode: 0o600 });
  writeFileSync(p.auditLog, "", { mode: 0o600 });
  mkdirSync(p.spool, { mode: 0o700 });
  mkdirSync(p.sessions, { mode: 0o700 });
  return layout;
}

/** Start sshd in the foreground and resolve once it listens (its pid file appears), or reject with its message. */
export function startSshd(dir: string): Promise<ChildProcess> {
  const p = paths(dir);
  // A syntax check first gives a clean message instead of a dead daemon.
  const check = spawnSync(SSHD, ["-t", "-f", p.sshdConfig], { encoding: "utf8" });
  if (check.status !== 0) throw new SandboxError(`sshd rejected the sandbox configuration: ${check.stderr.trim()}`, 70);
  // Its own process group: Ctrl-C reaches only the sandbox, which then takes
  // sessions down first (so their end records are written) and sshd last.
  const child = spawn(SSHD, ["-D", "-e", "-f", p.sshdConfig], { stdio: ["ignore", "ignore", "pipe"], detached: true });
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    const poll = setInterval(() => {
      if (pidFileWritten(p.pid)) {
        clearInterval(poll);
        resolve(child);
      }
    }, 10);
    child.once("exit", (code, signal) => {
      clearInterval(poll);
      reject(new SandboxError(`sshd exited (${signal ?? code}) before listening: ${stderr.trim() || "no message"}`, 1));
    });
  });
}

function pidFileWritten(file: string): boolean {
  try {
    return statSync(file).size > 0;
  } catch {
    return false;
  }
}

/** Print each line appended to `file` from now on; returns a function that stops and prints what is left. */
export function followFile(file: string, onLine: (line: string) => void): () => void {
  let offset = 0;
  let partial = "";
  const fd = openSync(file, "r");
  const drain = () => {
    const buf = Buffer.alloc(65536);
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, offset);
      if (n <= 0) break;
      offset += n;
      partial += buf.subarray(0, n).toString("utf8");
      let nl: number;
      while ((nl = partial.indexOf("\n")) >= 0) {
        onLine(partial.slice(0, nl));
        partial = partial.slice(nl + 1);
      }
    }
  };
  // Polling rather than fs.watch: a 100 ms tick is cheap and works on every
  // filesystem /tmp may be (tmpfs, overlay, NFS), where inotify may not.
  const timer = setInterval(drain, 100);
  return () => {
    clearInterval(timer);
    drain();
    closeSync(fd);
  };
}

/** Processes whose parent is `ppid` (sshd's per-connection processes under the listener). */
export function childrenOf(ppid: number): number[] {
  return scanProc((pid) => (Number(procStatField(readFileSync(`/proc/${pid}/stat`, "utf8"), 4)) === ppid ? pid : undefined));
}

/** Processes whose command line mentions `text` (the sandbox's wrappers name its server.conf). */
export function processesMentioning(text: string): number[] {
  return scanProc((pid) => (readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(text) ? pid : undefined));
}

export function removeSandboxDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
