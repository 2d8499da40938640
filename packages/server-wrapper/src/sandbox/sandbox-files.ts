/**
 * The files of a sandbox, as text. Pure: paths, port and keys in, file
 * contents out, so what the sandbox sets up can be read in one place.
 */
import { forceCommandLine } from "../install/render-dropin.js";

export interface SandboxLayout {
  dir: string;
  port: number;
  user: string;
  /** The rationale-server executable that sshd runs as ForceCommand. */
  wrapper: string;
  /** The host key's public half, for known_hosts. */
  hostPublicKey: string;
}

export const paths = (dir: string) => ({
  sshdConfig: `${dir}/sshd_config`,
  sshConfig: `${dir}/ssh_config`,
  serverConf: `${dir}/server.conf`,
  hostKey: `${dir}/host_ed25519`,
  clientKey: `${dir}/client_ed25519`,
  authorizedKeys: `${dir}/authorized_keys`,
  knownHosts: `${dir}/known_hosts`,
  auditLog: `${dir}/audit.log`,
  spool: `${dir}/spool`,
  sessions: `${dir}/sessions`,
  pid: `${dir}/sshd.pid`,
});

/**
 * sshd running as whoever started the sandbox: no PAM (it needs root), no
 * password logins, keys and pid file in the sandbox dir, and the wrapper as
 * ForceCommand exactly as an installed server would have it.
 */
export function sshdConfig(l: SandboxLayout): string {
  const p = paths(l.dir);
  return [
    "# rationale-server sandbox: a private sshd, removed when the sandbox stops",
    `Port ${l.port}`,
    "ListenAddress 127.0.0.1",
    `HostKey ${p.hostKey}`,
    `PidFile ${p.pid}`,
    `AuthorizedKeysFile ${p.authorizedKeys}`,
    `AllowUsers ${l.user}`,
    "PasswordAuthentication no",
    "KbdInteractiveAuthentication no",
    "UsePAM no",
    // The sandbox dir is the user's own; sshd's ownership checks of home and
    // key files are for shared servers.
    "StrictModes no",
    "DisableForwarding yes",
    "Subsystem sftp internal-sftp",
    "AcceptEnv RATIONALE RATIONALE_CLIENT",
    `ForceCommand ${forceCommandLine({ bin: l.wrapper, config: p.serverConf })}`,
    "",
  ].join("\n");
}

/** The ssh side: one Host entry, so the line to type stays short. */
export function sshConfig(l: SandboxLayout): string {
  const p = paths(l.dir);
  return [
    "Host sandbox",
    "  HostName 127.0.0.1",
    `  Port ${l.port}`,
    `  User ${l.user}`,
    `  IdentityFile ${p.clientKey}`,
    "  IdentitiesOnly yes",
    `  UserKnownHostsFile ${p.knownHosts}`,
    "  StrictHostKeyChecking yes",
    "  SendEnv RATIONALE RATIONALE_CLIENT",
    "",
  ].join("\n");
}

/** Records to a file in BSD syslog form with host name, like a line of auth.log. */
export function serverConf(l: SandboxLayout): string {
  const p = paths(l.dir);
  return [
    "# rationale-server sandbox settings (see 'rationale-server help wrap')",
    `Sink file:${p.auditLog} format=rfc3164`,
    `SpoolDir ${p.spool}`,
    `StateDir ${p.sessions}`,
    "",
  ].join("\n");
}

export const knownHosts = (l: SandboxLayout) => `[127.0.0.1]:${l.port} ${l.hostPublicKey.trim()}\n`;

/** The one line a newcomer types, and one that sends the rationale along. */
export function connectLines(dir: string): { prompt: string; withRationale: string } {
  const F = `-F ${paths(dir).sshConfig}`;
  return {
    prompt: `ssh ${F} sandbox`,
    withRationale: `RATIONALE="INC-1 trying rationale" ssh ${F} sandbox uptime`,
  };
}

/** A record line as a person reads it: without the `<PRI>` that only daemons need. */
export const displayRecord = (line: string) => line.replace(/^<\d{1,3}>/, "");
