import { describe, expect, test } from "vitest";
import { classifyCommand } from "../../src/classify/classify-client.js";
import { shellWords } from "../../src/classify/shell-words.js";

const kind = (command: string | undefined, tty = false) => classifyCommand({ command, tty });

describe("classifyCommand", () => {
  test("no command: interactive with a terminal, a plain shell without", () => {
    expect(kind(undefined, true)).toBe("interactive");
    expect(kind(undefined, false)).toBe("shell");
  });

  test.each([
    ["internal-sftp", "sftp"],
    ["/usr/lib/openssh/sftp-server", "sftp"],
    ["/usr/libexec/openssh/sftp-server -l INFO -f AUTHPRIV", "sftp"],
    ["scp -t /tmp/x", "scp"],
    ["scp -r -p -f '/srv/my dir'", "scp"],
    ["/usr/bin/scp -v -t .", "scp"],
    ["rsync --server -vlogDtpre.iLsfxCIvu . /srv/app", "rsync"],
    ["git-upload-pack '/srv/repo.git'", "git"],
    ["git-receive-pack 'repo.git'", "git"],
    ["git upload-pack '/srv/repo.git'", "git"],
    ["uptime", "command"],
    ["/bin/sh -c 'echo ~ && sleep 0'", "command"],
  ])("%s -> %s", (command, expected) => {
    expect(kind(command)).toBe(expected);
  });

  test.each([
    "scp -t x; bash",
    "scp -t x && bash",
    "scp -t $(whoami)",
    "rsync --server . /x | sh",
    "git-upload-pack 'a' 'b'",
    "internal-sftp\nbash",
    "rsync --daemon",
    "scp x y",
  ])("a transfer-shaped command with anything more is just a command: %j", (command) => {
    expect(kind(command)).toBe("command");
  });

  test("a site's own sftp-server path is recognised", () => {
    expect(classifyCommand({ command: "/opt/ssh/sftp-server", tty: false, sftpServer: "/opt/ssh/sftp-server" })).toBe("sftp");
  });
});

describe("shellWords", () => {
  test("quotes and escapes", () => {
    expect(shellWords(`a 'b c' "d \\"e\\"" f\\ g`)).toEqual(["a", "b c", 'd "e"', "f g"]);
  });
  test("refuses operators, substitutions and unterminated quotes", () => {
    for (const s of ["a;b", "a|b", "a `b`", "a $x", 'a "$x"', "a 'b", "a > f", "a\nb"]) expect(shellWords(s)).toBeUndefined();
  });
});
