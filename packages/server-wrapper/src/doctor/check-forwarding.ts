/**
 * Connections that never run the ForceCommand: `ssh -N -L/-R/-D/-w` opens
 * forwarding channels without a session, so the wrapper never starts and
 * nothing is recorded (shown against a real sshd in test/doctor.test.ts).
 * Pure.
 */
import type { Finding } from "./finding.js";
import { setting, settingWords } from "./sshd-settings.js";
import type { EffectiveView } from "./view.js";

const ALLOWS = new Set(["yes", "all", "local", "remote"]);

export function checkForwarding(view: EffectiveView): Finding[] {
  const s = view.settings;
  if (setting(s, "disableforwarding") === "yes") return [];
  const open: string[] = [];
  const tcp = setting(s, "allowtcpforwarding") ?? "yes";
  const permitOpen = settingWords(s, "permitopen");
  const permitListen = settingWords(s, "permitlisten");
  const localOk = ["yes", "all", "local"].includes(tcp) && !(permitOpen.length === 1 && permitOpen[0] === "none");
  const remoteOk = ["yes", "all", "remote"].includes(tcp) && !(permitListen.length === 1 && permitListen[0] === "none");
  if (localOk) open.push(`AllowTcpForwarding ${tcp} (ssh -N -L / -D)`);
  if (remoteOk) open.push(`AllowTcpForwarding ${tcp} (ssh -N -R)`);
  const stream = setting(s, "allowstreamlocalforwarding") ?? "yes";
  if (ALLOWS.has(stream)) open.push(`AllowStreamLocalForwarding ${stream}`);
  const tunnel = setting(s, "permittunnel") ?? "no";
  if (tunnel !== "no") open.push(`PermitTunnel ${tunnel} (ssh -w)`);
  const out: Finding[] = [];
  if (open.length) {
    out.push({
      id: "forwarding-without-session",
      severity: "high",
      subject: view.subject,
      found: open.join("; "),
      why: "ssh -N opens these tunnels without a session: the ForceCommand never runs, so there is no rationale and no audit record",
      fix: "DisableForwarding yes  (or the narrower AllowTcpForwarding no, AllowStreamLocalForwarding no, PermitTunnel no)",
      users: view.users,
    });
  }
  const sessionBound = [
    setting(s, "x11forwarding") === "yes" ? "X11Forwarding yes" : "",
    (setting(s, "allowagentforwarding") ?? "yes") === "yes" ? "AllowAgentForwarding yes" : "",
  ].filter(Boolean);
  if (sessionBound.length) {
    out.push({
      id: "forwarding-in-session",
      severity: "low",
      subject: view.subject,
      found: sessionBound.join("; "),
      why: "these need a session, so they are recorded, but a recorded session can hand the client's agent or display to whoever else is on the server",
      fix: "DisableForwarding yes  (or X11Forwarding no, AllowAgentForwarding no)",
      users: view.users,
    });
  }
  return out;
}
