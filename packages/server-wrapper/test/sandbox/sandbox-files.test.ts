import { describe, expect, test } from "vitest";
import { connectLines, displayRecord, knownHosts, serverConf, sshConfig, sshdConfig } from "../../src/sandbox/sandbox-files.js";
import { terminalWarning } from "../../src/sandbox/terminal-check.js";

const layout = { dir: "/tmp/rationale-sandbox-x", port: 40022, user: "alice", wrapper: "/opt/rationale-server", hostPublicKey: "ssh-ed25519 AAAAC3 host\n" };

describe("sandbox files", () => {
  test("sshd listens on loopback only, lets only the user in, and runs the wrapper with the sandbox config", () => {
    const c = sshdConfig(layout);
    expect(c).toContain("ListenAddress 127.0.0.1\n");
    expect(c).toContain("Port 40022\n");
    expect(c).toContain("AllowUsers alice\n");
    expect(c).toContain("PasswordAuthentication no\n");
    expect(c).toContain("ForceCommand /opt/rationale-server wrap --config /tmp/rationale-sandbox-x/server.conf\n");
    expect(c).toContain("AcceptEnv RATIONALE RATIONALE_CLIENT\n");
    // Every path sshd reads or writes is inside the sandbox dir.
    for (const m of c.matchAll(/ (\/\S+)/g)) if (m[1] !== "/opt/rationale-server") expect(m[1]).toMatch(/^\/tmp\/rationale-sandbox-x\//);
  });
  test("the client side pins the host key and sends the rationale variables", () => {
    expect(sshConfig(layout)).toMatch(/UserKnownHostsFile \/tmp\/rationale-sandbox-x\/known_hosts\n {2}StrictHostKeyChecking yes\n {2}SendEnv RATIONALE RATIONALE_CLIENT/);
    expect(knownHosts(layout)).toBe("[127.0.0.1]:40022 ssh-ed25519 AAAAC3 host\n");
    expect(serverConf(layout)).toContain("Sink file:/tmp/rationale-sandbox-x/audit.log format=rfc3164\n");
    expect(connectLines(layout.dir).prompt).toBe("ssh -F /tmp/rationale-sandbox-x/ssh_config sandbox");
  });
  test("records are shown without the priority prefix", () => {
    expect(displayRecord("<86>Nov 23 09:52:16 vm rationale[1]: session start [x]")).toBe("Nov 23 09:52:16 vm rationale[1]: session start [x]");
  });
});

describe("terminalWarning", () => {
  const groups = "root:x:0:\ntty:x:5:\n";
  const mount = (opts: string) => `proc /proc proc rw 0 0\ndevpts /dev/pts devpts ${opts} 0 0\n`;
  test("quiet when /dev/pts gives new terminals to group tty, or for root", () => {
    expect(terminalWarning(mount("rw,relatime,gid=5,mode=620,ptmxmode=000"), groups, 1000)).toBeUndefined();
    expect(terminalWarning(mount("rw,relatime,mode=600"), groups, 0)).toBeUndefined();
  });
  test("explains and gives the remount line otherwise", () => {
    const w = terminalWarning(mount("rw,relatime,mode=600,ptmxmode=000"), groups, 1000);
    expect(w).toContain("mount -o remount,gid=5,mode=620 /dev/pts");
    expect(terminalWarning(mount("rw,gid=15,mode=620"), groups, 1000)).toContain("without gid=5");
  });
});
