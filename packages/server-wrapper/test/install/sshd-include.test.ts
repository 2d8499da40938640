import { describe, expect, test } from "vitest";
import { addInclude, checkInclude, removeAddedInclude } from "../../src/install/sshd-include.js";

const DROPIN = "/etc/ssh/sshd_config.d/20-rationale.conf";
const check = (text: string, candidates = [DROPIN]) => checkInclude(text, "/etc/ssh/sshd_config", candidates, "/etc/ssh/sshd_config.d");

describe("checkInclude", () => {
  test("Debian's default: Include near the top", () => {
    expect(check("# comment\n\nInclude /etc/ssh/sshd_config.d/*.conf\n\nPort 22\nSubsystem sftp x\n")).toEqual({ ok: true, line: 3 });
  });

  test("relative, quoted, '=' and several patterns on one line", () => {
    expect(check("Include sshd_config.d/*.conf\n").ok).toBe(true);
    expect(check('include "/etc/ssh/sshd_config.d/*.conf"\n').ok).toBe(true);
    expect(check("Include=/etc/ssh/other.conf /etc/ssh/sshd_config.d/2?-*.conf\n").ok).toBe(true);
  });

  test("missing, commented out, or naming other files: the fix line goes first", () => {
    for (const text of ["Port 22\n", "#Include /etc/ssh/sshd_config.d/*.conf\n", "Include /etc/ssh/sshd_config.d/*.cfg\n", "Include /etc/ssh/sshd_config.d/1*.conf\n"]) {
      expect(check(text)).toEqual({ ok: false, reason: "missing", fixLine: "Include /etc/ssh/sshd_config.d/*.conf", where: "as the first line of /etc/ssh/sshd_config", matchLine: undefined });
    }
  });

  test("an Include after a Match counts for that Match only", () => {
    const r = check("Port 22\nMatch User backup\n  ForceCommand internal-sftp\nInclude /etc/ssh/sshd_config.d/*.conf\n");
    expect(r).toMatchObject({ ok: false, reason: "after-match", matchLine: 2, where: "near the top of /etc/ssh/sshd_config, before the Match on line 2" });
  });

  test("missing with a Match further down: the fix must go before it", () => {
    expect(check("Port 22\n\nMatch Group sftp\n  ChrootDirectory %h\n")).toMatchObject({ reason: "missing", matchLine: 3 });
  });

  test("under --root, an Include of either the rooted or the unrooted path counts", () => {
    const rooted = "/tmp/r/etc/ssh/sshd_config.d/20-rationale.conf";
    expect(check("Include /tmp/r/etc/ssh/sshd_config.d/*.conf\n", [rooted, DROPIN]).ok).toBe(true);
    expect(check("Include /etc/ssh/sshd_config.d/*.conf\n", [rooted, DROPIN]).ok).toBe(true);
  });
});

describe("addInclude / removeAddedInclude", () => {
  test("the line goes at the very top, before any Match, and comes out again", () => {
    const main = "Port 22\nMatch User x\n  PermitTTY no\n";
    const added = addInclude(main, "/etc/ssh/sshd_config.d", "1.0.0");
    expect(check(added).ok).toBe(true);
    expect(removeAddedInclude(added)).toBe(main);
    expect(removeAddedInclude(added.replace("Port 22", "Port 2222"))).toBe("Port 2222\nMatch User x\n  PermitTTY no\n");
  });
});
