/**
 * A real OpenSSH server on 127.0.0.1 at a free port, with a generated host
 * key and client key, logging in the unprivileged test account. With
 * `wrapped: true` (the default) the built wrapper is its ForceCommand, with
 * a deliberately broad `AcceptEnv RATIONALE*` so the tests can show that only
 * RATIONALE and RATIONALE_CLIENT are trusted.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { freePort, tcpListening } from "./ports.js";
import { join } from "node:path";
import { E2E_USER, SSHD, WRAPPER } from "./paths.js";
import { waitFor } from "./wait-for.js";

export interface SshdOptions {
  dir: string;
  wrapped?: boolean;
  /** Text of the wrapper's config file (server.conf). */
  wrapperConfig?: string;
  /** Arguments after `wrap` on the ForceCommand line; `{config}` stands for the generated config file. */
  wrapArgs?: string;
  /** A ForceCommand other than the wrapper (for the benchmark's bash reference). */
  forceCommand?: string;
  /** Name of the sub-directory, so several servers can share one scratch dir. */
  name?: string;
  /** AcceptEnv patterns for the wrapped server (default the deliberately broad RATIONALE*); "" for none. */
  acceptEnv?: string;
  /** A drop-in file or glob to Include first (as Debian's sshd_config includes sshd_config.d/*.conf). */
  include?: string;
  /** Accounts allowed to log in (default the test account). */
  users?: string[];
  /** Lines appended at the end of sshd_config (Match blocks go here). */
  extraConfig?: string[];
}

export interface Sshd {
  port: number;
  user: string;
  keyFile: string;
  configFile: string;
  /** sshd's own configuration file. */
  sshdConfigFile: string;
  /** The pid file sshd writes (SIGHUP for `install`). */
  pidFile: string;
  /** Common ssh client arguments (no config files, this key, this port), logging in as `user`. */
  clientArgs(user?: string): string[];
  stop(): Promise<void>;
}

/** A client key pair in the server's scratch dir, reused by a second sshd there. */
function clientKey(dir: string): { key: string; pub: string } {
  const key = join(dir, "client_ed25519");
  try {
    return { key, pub: readFileSync(key + ".pub", "utf8") };
  } catch {
    execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", key]);
    return { key, pub: readFileSync(key + ".pub", "utf8") };
  }
}

export async function startSshd(o: SshdOptions): Promise<Sshd> {
  const dir = join(o.dir, o.name ?? (o.wrapped === false ? "sshd-bare" : "sshd"));
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o755);
  const hostKey = join(dir, "host_ed25519");
  execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", hostKey]);
  const { key, pub } = clientKey(o.dir);
  const authKeys = join(dir, "authorized_keys");
  writeFileSync(authKeys, pub, { mode: 0o644 });
  const wrapperConf = join(dir, "server.conf");
  writeFileSync(wrapperConf, o.wrapperConfig ?? "", { mode: 0o644 });
  const port = await freePort();
  const configFile = join(dir, "sshd_config");
  const pidFile = join(dir, "sshd.pid");
  const lines = [
    ...(o.include ? [`Include ${o.include}`] : []),
    `Port ${port}`,
    "ListenAddress 127.0.0.1",
    `HostKey ${hostKey}`,
    `PidFile ${pidFile}`,
    `AuthorizedKeysFile ${authKeys}`,
    "StrictModes no",
    "UsePAM no",
    "PasswordAuthentication no",
    "KbdInteractiveAuthentication no",
    "PermitRootLogin no",
    `AllowUsers ${(o.users ?? [E2E_USER]).join(" ")}`,
    "MaxSessions 200",
    "MaxStartups 300",
    "LogLevel ERROR",
    "Subsystem sftp /usr/lib/openssh/sftp-server",
  ];
  if (o.forceCommand) {
    lines.push("AcceptEnv RATIONALE RATIONALE_CLIENT", `ForceCommand ${o.forceCommand}`);
  } else if (o.wrapped !== false) {
    if (o.acceptEnv !== "") lines.push(`AcceptEnv ${o.acceptEnv ?? "RATIONALE*"}`);
    lines.push(`ForceCommand ${WRAPPER} wrap ${(o.wrapArgs ?? "--config {config}").replaceAll("{config}", wrapperConf)}`);
  }
  lines.push(...(o.extraConfig ?? []));
  writeFileSync(configFile, lines.join("\n") + "\n");
  const proc: ChildProcess = spawn(SSHD, ["-D", "-e", "-f", configFile], { stdio: ["ignore", "inherit", "inherit"] });
  const exited = new Promise<void>((r) => proc.once("exit", () => r()));
  await waitFor(`sshd listening on 127.0.0.1:${port}`, () => proc.exitCode === null && tcpListening(port));
  return {
    port,
    user: E2E_USER,
    keyFile: key,
    configFile: wrapperConf,
    sshdConfigFile: configFile,
    pidFile,
    clientArgs: (user = E2E_USER) => [
      "-F", "/dev/null",
      "-i", key,
      "-p", String(port),
      "-o", "StrictHostKeyChecking=no",
      "-o", "UserKnownHostsFile=/dev/null",
      "-o", "LogLevel=ERROR",
      "-o", "BatchMode=yes",
      "-o", "SendEnv=RATIONALE*",
      "-l", user,
    ],
    stop: async () => {
      proc.kill("SIGTERM");
      await exited;
    },
  };
}
