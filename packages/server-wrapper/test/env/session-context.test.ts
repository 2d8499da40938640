import { describe, expect, test } from "vitest";
import { parseEnvironBlock } from "../../src/env/raw-environ.js";
import { buildSessionContext, ENV_NAMES, parseSshConnection } from "../../src/env/session-context.js";

const account = { uid: 1000, user: "alice", home: "/home/alice", shell: "/bin/bash" };
const block = (s: string) => new TextEncoder().encode(s.replaceAll("|", "\0"));
const ctx = (environ: string) =>
  buildSessionContext({ env: parseEnvironBlock(block(environ), ENV_NAMES), account, host: "h", pid: 1, tty: false, sessionId: "id" });

describe("session context", () => {
  test("reads only the trusted names; other RATIONALE* and USER are ignored", () => {
    const c = ctx("USER=root|RATIONALE_CONFIG=/evil|RATIONALE=why|RATIONALE_CLIENT=ansible|RATIONALEX=no|SSH_ORIGINAL_COMMAND=ls -l");
    expect(c.user).toBe("alice");
    expect(c.rationale).toBe("why");
    expect(c.declaredClient).toBe("ansible");
    expect(c.originalCommand).toBe("ls -l");
    expect(Object.values(c)).not.toContain("/evil");
  });

  test("a blank rationale is absent; a non-blank one is kept exactly, spaces included", () => {
    expect(ctx("RATIONALE=  \t ").rationale).toBeUndefined();
    expect(ctx("RATIONALE= padded ").rationale).toBe(" padded ");
  });

  test("the first definition of a name wins, as with getenv", () => {
    expect(ctx("RATIONALE=first|RATIONALE=second").rationale).toBe("first");
  });

  test("no command means a login shell; an empty command is still a command", () => {
    expect(ctx("").originalCommand).toBeUndefined();
    expect(ctx("SSH_ORIGINAL_COMMAND=").originalCommand).toBe("");
  });

  test("SSH_CONNECTION is parsed strictly", () => {
    expect(parseSshConnection("10.0.0.1 5555 10.0.0.2 22")).toEqual({ srcIp: "10.0.0.1", srcPort: "5555", dstIp: "10.0.0.2", dstPort: "22" });
    expect(parseSshConnection("fe80::1%eth0 1 ::1 22")?.srcIp).toBe("fe80::1%eth0");
    expect(parseSshConnection("10.0.0.1 5555 10.0.0.2")).toBeUndefined();
    expect(parseSshConnection('1.2.3.4" 5 6 7')).toBeUndefined();
    expect(parseSshConnection("1.2.3.4 5 6.7.8.9 22 extra")).toBeUndefined();
  });
});
