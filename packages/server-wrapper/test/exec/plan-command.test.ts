import { describe, expect, test } from "vitest";
import { planCommand } from "../../src/exec/plan-command.js";
import { shellStatus } from "../../src/exec/outcome.js";
import { parseWrapArgs } from "../../src/cli/wrap-args.js";

const base = { shell: "/bin/bash", tty: false, sftpServer: "/usr/lib/openssh/sftp-server" };

describe("planCommand: as sshd would run it", () => {
  test("a command runs as $SHELL -c COMMAND", () => {
    expect(planCommand({ ...base, command: "ls -l" })).toEqual({ argv: ["/bin/bash", "-c", "ls -l"], argv0: "bash", pty: false });
  });
  test("no command runs the login shell with a '-' argv[0], under a PTY when there is a terminal", () => {
    expect(planCommand({ ...base, command: undefined, tty: true })).toEqual({ argv: ["/bin/bash"], argv0: "-bash", pty: true });
  });
  test("internal-sftp, which cannot be exec'd, runs the sftp-server binary with its options", () => {
    expect(planCommand({ ...base, command: "internal-sftp -l INFO" }).argv[2]).toBe("/usr/lib/openssh/sftp-server -l INFO");
    expect(planCommand({ ...base, command: "internal-sftpx" }).argv[2]).toBe("internal-sftpx");
  });
});

describe("shellStatus", () => {
  test("exit code, or 128 + signal number", () => {
    expect(shellStatus({ exitCode: 3, reason: "exit" })).toBe(3);
    expect(shellStatus({ signal: "SIGTERM", reason: "signal" })).toBe(143);
  });
});

describe("parseWrapArgs never fails", () => {
  test("reads --config and reports anything else as a problem", () => {
    expect(parseWrapArgs(["--config", "/etc/r.conf"])).toEqual({ configPath: "/etc/r.conf", problems: [] });
    expect(parseWrapArgs(["--config=/x"]).configPath).toBe("/x");
    expect(parseWrapArgs(["--config"]).problems[0]).toContain("needs a file path");
    expect(parseWrapArgs(["-x"]).problems[0]).toContain('unknown argument "-x"');
  });
});
