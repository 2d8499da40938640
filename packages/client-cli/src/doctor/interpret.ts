/**
 * What `rationale doctor` concludes from what it saw. Pure: the probe's
 * output and the local ssh configuration in, findings with fixes out.
 */
import { RATIONALE, RATIONALE_CLIENT } from "@rationale/shared/variables";
import { multiplexes, type SshConfig, sendsVariable } from "../ssh/effective-config.js";

export interface Finding {
  level: "ok" | "warning" | "problem";
  message: string;
  fix?: string;
}

export const MARKER = "rationale-doctor-probe";

/**
 * The remote command: prints a marker, the session id the wrapper exports,
 * the client name, then the rationale last (it may hold newlines). POSIX sh
 * syntax, run by the user's login shell on the server.
 */
export const PROBE_COMMAND = `printf '%s\\n' ${MARKER} "\${RATIONALE_SESSION-}" "\${RATIONALE_CLIENT-}"; printf '%s' "\${RATIONALE-}"`;

export interface ProbeResult {
  exitCode?: number;
  stdout: string;
  stderr: string;
}

const ACCEPT_ENV_FIX =
  "on the server, add to /etc/ssh/sshd_config.d/20-rationale.conf (before any Match block):\n" +
  "    AcceptEnv RATIONALE RATIONALE_CLIENT\n" +
  "then: sshd -t && systemctl reload ssh";

export function interpretProbe(sent: { rationale: string; client: string }, r: ProbeResult): Finding[] {
  const at = r.stdout.indexOf(MARKER + "\n");
  if (at === -1) {
    const said = r.stderr.trim().split("\n").slice(-3).join("\n    ");
    if (/no RATIONALE was sent/.test(r.stderr)) {
      return [{ level: "problem", message: "the server requires a rationale and did not receive the one sent", fix: ACCEPT_ENV_FIX }];
    }
    if (/RATIONALE sent was not accepted/.test(r.stderr)) {
      return [
        { level: "ok", message: "the server received RATIONALE (its wrapper checked it)" },
        { level: "problem", message: `the server's rules refused the probe's rationale:\n    ${said}`, fix: "run doctor again with one that meets them: rationale -m \"INC-1 doctor check\" doctor HOST" },
      ];
    }
    if (r.exitCode === 255) return [{ level: "problem", message: `could not connect:\n    ${said || "ssh exited with status 255"}` }];
    return [{ level: "problem", message: `the probe command did not run (exit status ${r.exitCode ?? "unknown"}):\n    ${said}` }];
  }
  const [session = "", client = ""] = r.stdout.slice(at + MARKER.length + 1).split("\n", 2);
  const rationale = r.stdout.slice(at + MARKER.length + 1 + session.length + 1 + client.length + 1);
  const findings: Finding[] = [];
  findings.push(
    session
      ? { level: "ok", message: `the rationale wrapper runs for this account (session ${session})` }
      : {
          level: "problem",
          message: "no rationale wrapper ran for this session: RATIONALE_SESSION is not set, so nothing was recorded",
          fix: "on the server, set the wrapper as ForceCommand (examples/sshd_config.d/20-rationale.conf), and check that no Match block exempts this account: sshd -T -C user=$USER,host=$(hostname),addr=127.0.0.1 | grep -i forcecommand",
        },
  );
  findings.push(checkVariable(RATIONALE, sent.rationale, rationale));
  findings.push(checkVariable(RATIONALE_CLIENT, sent.client, client));
  return findings;
}

function checkVariable(name: string, sent: string, got: string): Finding {
  if (got === sent) return { level: "ok", message: `${name} arrived intact` };
  if (got === "") return { level: "problem", message: `the server did not accept ${name}`, fix: ACCEPT_ENV_FIX };
  return { level: "problem", message: `${name} arrived changed: sent ${JSON.stringify(sent)}, the server saw ${JSON.stringify(got)}` };
}

/** How plain `ssh HOST` (and the tools that run it) is configured to behave. */
export function interpretLocal(host: string, c: SshConfig | undefined): Finding[] {
  if (!c) return [{ level: "warning", message: `ssh -G ${host} failed, so the local configuration was not checked` }];
  const sends = sendsVariable(c, RATIONALE) && sendsVariable(c, RATIONALE_CLIENT);
  const findings: Finding[] = [
    sends
      ? { level: "ok", message: `plain ssh to ${host} sends RATIONALE and RATIONALE_CLIENT (so do scp, rsync, git and Ansible)` }
      : {
          level: "warning",
          message: `plain ssh to ${host} does not send RATIONALE and RATIONALE_CLIENT; 'rationale ssh' adds them itself, other tools do not`,
          fix: `rationale setup ${host}`,
        },
  ];
  if (multiplexes(c) && !sends) {
    findings.push({
      level: "warning",
      message: `connections to ${host} share a master (ControlPath ${c.get("controlpath")![0]}); a master started without SendEnv drops the rationale of every session through it ('rationale ssh' uses masters of its own)`,
      fix: `rationale setup ${host}, then close old masters: ssh -O exit ${host}`,
    });
  }
  return findings;
}
