/**
 * Everything the wrapper knows about a session, read once and frozen.
 * Nothing else in the wrapper reads the environment: this is the list of
 * what is trusted, and from where.
 *
 * Trusted from sshd (set after AcceptEnv, so a client cannot override them):
 *   SSH_CONNECTION, SSH_ORIGINAL_COMMAND.
 * Client-sent and recorded as untrusted text: RATIONALE, RATIONALE_CLIENT.
 * Never read: any other RATIONALE* name, USER/LOGNAME/SHELL (the account is
 * taken from the real uid, because PermitUserEnvironment can override them).
 */
import { decodeBytes } from "./decode-bytes.js";
import type { RawEnviron } from "./raw-environ.js";

export const ENV_NAMES = new Set(["SSH_ORIGINAL_COMMAND", "SSH_CONNECTION", "RATIONALE", "RATIONALE_CLIENT", "TERM"]);

export interface Connection {
  srcIp: string;
  srcPort: string;
  dstIp: string;
  dstPort: string;
}

export interface Account {
  uid: number;
  user: string;
  home: string;
  shell: string;
}

export interface SessionContext {
  sessionId: string;
  pid: number;
  host: string;
  uid: number;
  user: string;
  home: string;
  /** The account's login shell from the user database. */
  shell: string;
  tty: boolean;
  term?: string;
  connection?: Connection;
  /** The command the client asked for; undefined for a login shell. */
  originalCommand?: string;
  /** Client-sent rationale as sent; undefined when absent or blank. */
  rationale?: string;
  /** Client-sent RATIONALE_CLIENT as sent; undefined when absent or blank. */
  declaredClient?: string;
}

const IP = /^[0-9A-Fa-f:.]{2,45}(%[\w.-]{1,32})?$/;
const PORT = /^\d{1,5}$/;

/** SSH_CONNECTION is "client_ip client_port server_ip server_port". */
export function parseSshConnection(value: string | undefined): Connection | undefined {
  if (!value) return undefined;
  const [srcIp, srcPort, dstIp, dstPort, extra] = value.split(" ");
  if (extra !== undefined || !srcIp || !srcPort || !dstIp || !dstPort) return undefined;
  if (!IP.test(srcIp) || !IP.test(dstIp) || !PORT.test(srcPort) || !PORT.test(dstPort)) return undefined;
  return { srcIp, srcPort, dstIp, dstPort };
}

function text(env: RawEnviron, name: string): string | undefined {
  const raw = env.get(name);
  return raw === undefined ? undefined : decodeBytes(raw);
}

/** Blank counts as absent; otherwise the value is kept exactly as sent (spaces included). */
function nonBlank(v: string | undefined): string | undefined {
  return v?.trim() ? v : undefined;
}

export interface ContextInputs {
  env: RawEnviron;
  account: Account;
  host: string;
  pid: number;
  tty: boolean;
  sessionId: string;
}

export function buildSessionContext(i: ContextInputs): SessionContext {
  const command = text(i.env, "SSH_ORIGINAL_COMMAND");
  return Object.freeze({
    sessionId: i.sessionId,
    pid: i.pid,
    host: i.host,
    uid: i.account.uid,
    user: i.account.user,
    home: i.account.home,
    shell: i.account.shell,
    tty: i.tty,
    term: text(i.env, "TERM"),
    connection: parseSshConnection(text(i.env, "SSH_CONNECTION")),
    // sshd sets SSH_ORIGINAL_COMMAND only when the client sent a command; an
    // empty one (`ssh host ''`) is still a command for sshd, so keep it.
    originalCommand: command,
    rationale: nonBlank(text(i.env, "RATIONALE")),
    declaredClient: nonBlank(text(i.env, "RATIONALE_CLIENT")),
  });
}
