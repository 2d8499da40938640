import { describe, expect, test } from "vitest";
import { parseSshG, sendsVariable } from "../src/ssh/effective-config.js";
import { needsOwnMaster, ownControlPath, sshArgv } from "../src/ssh/ssh-argv.js";

const g = (text: string) => parseSshG(text);

describe("ssh arguments", () => {
  test("SendEnv for both variables comes before the user's own arguments", () => {
    expect(sshArgv(["-p", "22", "host", "ls"])).toEqual(["-o", "SendEnv=RATIONALE", "-o", "SendEnv=RATIONALE_CLIENT", "-p", "22", "host", "ls"]);
    expect(sshArgv(["host"], ownControlPath("/home/a"))).toContain("ControlPath=/home/a/.ssh/rationale-%C");
  });

  test("a shared master is avoided only when it could drop the variables", () => {
    const plain = g("user a\ncontrolmaster false\n");
    const mux = g("controlmaster auto\ncontrolpath /home/a/.ssh/cm-abc\n");
    const muxSending = g("controlmaster auto\ncontrolpath /x\nsendenv LANG\nsendenv RATIONALE*\n");
    expect(needsOwnMaster(plain, ["h"])).toBe(false);
    expect(needsOwnMaster(mux, ["h"])).toBe(true);
    expect(needsOwnMaster(muxSending, ["h"])).toBe(false);
    expect(needsOwnMaster(mux, ["-S", "/tmp/s", "h"])).toBe(false);
    expect(needsOwnMaster(mux, ["-o", "ControlPath=/tmp/s", "h"])).toBe(false);
    expect(needsOwnMaster(mux, ["-oControlPath /tmp/s", "h"])).toBe(false);
  });

  test("SendEnv patterns match as OpenSSH matches them", () => {
    expect(sendsVariable(g("sendenv RATION?LE\n"), "RATIONALE")).toBe(true);
    expect(sendsVariable(g("sendenv *\n"), "RATIONALE_CLIENT")).toBe(true);
    expect(sendsVariable(g("sendenv RATIONALE\n"), "RATIONALE_CLIENT")).toBe(false);
    expect(sendsVariable(g("sendenv R.TIONALE\n"), "RATIONALE")).toBe(false);
  });
});
