import { describe, expect, test } from "vitest";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Account, accountClasses, sampleFor, specArgument, specForBlock } from "../../src/doctor/connection-spec.js";
import { readConfigFiles } from "../../src/doctor/read-config-files.js";
import { configWords, globMatches, includePath, type MatchLine, scanConfigText } from "../../src/doctor/sshd-config-file.js";
import { parseSshdT, settingWords } from "../../src/doctor/sshd-settings.js";

const acct = (name: string, groups: string[] = [name]): Account => ({ name, uid: 1000, home: `/home/${name}`, shell: "/bin/bash", groups });

describe("reading sshd_config", () => {
  test("Match and Include lines, in order, with their line numbers; comments and other keywords ignored", () => {
    const items = scanConfigText(
      'Include /etc/ssh/sshd_config.d/*.conf\n# Match User nobody\nPort 22\nmatch User alice,bob Address 10.0.0.0/8\n  ForceCommand none\nMatch all\nMatch Group="ops team"\n',
      "f",
    );
    expect(items).toEqual([
      { kind: "include", file: "f", line: 1, patterns: ["/etc/ssh/sshd_config.d/*.conf"] },
      { kind: "match", file: "f", line: 4, criteria: [{ name: "user", value: "alice,bob" }, { name: "address", value: "10.0.0.0/8" }] },
      { kind: "match", file: "f", line: 6, criteria: [{ name: "all", value: "" }] },
      { kind: "match", file: "f", line: 7, criteria: [{ name: "group", value: "ops team" }] },
    ]);
  });

  test("words: quotes group, Keyword=value is allowed", () => {
    expect(configWords('AcceptEnv "A B" C')).toEqual(["AcceptEnv", "A B", "C"]);
    expect(configWords("Include=x.conf")).toEqual(["Include", "x.conf"]);
  });

  test("a relative Include is relative to /etc/ssh, as sshd reads it", () => {
    expect(includePath("sshd_config.d/*.conf")).toBe("/etc/ssh/sshd_config.d/*.conf");
    expect(includePath("/opt/x.conf")).toBe("/opt/x.conf");
  });

  test("Include expands like glob(3): a [...] class selects files, as sshd reads them", () => {
    const root = mkdtempSync(join(tmpdir(), "doctor-include-"));
    try {
      mkdirSync(join(root, "dir"));
      writeFileSync(join(root, "dir", "10-a.conf"), "Match User a\n");
      writeFileSync(join(root, "dir", "x.conf"), "Match User x\n");
      writeFileSync(join(root, "main"), `Include ${root}/dir/[0-9]*.conf\n`);
      const scan = readConfigFiles(join(root, "main"));
      expect(scan.notes).toEqual([]);
      expect(scan.matches.map((m) => [m.file, m.criteria])).toEqual([[join(root, "dir", "10-a.conf"), [{ name: "user", value: "a" }]]]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test("sshd -T output: repeated keywords keep every value", () => {
    const s = parseSshdT("acceptenv LANG\nacceptenv LC_*\nforcecommand /usr/bin/x wrap --config /e/c\npermitopen any\n");
    expect(settingWords(s, "acceptenv")).toEqual(["LANG", "LC_*"]);
    expect(s.get("forcecommand")).toEqual(["/usr/bin/x wrap --config /e/c"]);
  });
});

describe("globMatches", () => {
  test.each([
    ["/a/*.conf", "/a/x.conf", true],
    ["/a/*.conf", "/a/b/x.conf", false],
    ["/a/?0-*.conf", "/a/20-r.conf", true],
    ["/a/[0-9]*.conf", "/a/2.conf", true],
    ["/a/[!0-9]*.conf", "/a/2.conf", false],
    ["/a/x.conf", "/a/xxconf", false],
  ])("%s vs %s", (glob, path, expected) => {
    expect(globMatches(glob, path)).toBe(expected);
  });
});

describe("connection specifications", () => {
  const base = { host: "h.invalid", addr: "192.0.2.10", laddr: "0.0.0.0", lport: "22" };
  const m = (text: string): MatchLine => scanConfigText(text, "f")[0] as MatchLine;

  test("sample values enter each kind of criterion", () => {
    expect(sampleFor("10.0.0.0/8", "1")).toBe("10.0.0.0");
    expect(sampleFor("192.168.*", "1")).toBe("192.168.1");
    expect(sampleFor("!10.*,*.example.com", "x")).toBe(".example.com"); // "*" may be empty in sshd's patterns
    expect(sampleFor("!root", "x")).toBeUndefined();
    const b = specForBlock(m("Match LocalPort 2222 Address 10.0.0.0/8 Host *.corp"), [], base);
    expect("spec" in b && specArgument(b.spec)).toBe("user=doctor-probe,host=.corp,addr=10.0.0.0,laddr=0.0.0.0,lport=2222");
  });

  test("Group needs a real member, and says so when there is none", () => {
    const accounts = [acct("alice", ["alice"]), acct("bob", ["bob", "ops"])];
    const b = specForBlock(m("Match Group ops"), accounts, base);
    expect("spec" in b && b.spec.user).toBe("bob");
    // An account that enters no other User/Group block is preferred.
    const third = [acct("ann", ["ann", "ops"]), ...accounts];
    const alone = specForBlock(m("Match Group ops"), third, base, [m("Match User ann"), m("Match Group ops")]);
    expect("spec" in alone && alone.spec.user).toBe("bob");
    const none = specForBlock(m("Match Group wheel"), accounts, base);
    expect("cannot" in none && none.cannot).toContain('no account checked is in group "wheel"');
  });

  test("criteria sshd -T cannot test are named", () => {
    const b = specForBlock({ kind: "match", file: "f", line: 1, criteria: [{ name: "exec", value: "true" }] }, [], base);
    expect("cannot" in b && b.cannot).toContain('"Match exec"');
  });

  test("accounts that enter the same User/Group blocks form one class", () => {
    const accounts = [acct("alice"), acct("bob", ["bob", "ops"]), acct("carol"), acct("dave", ["dave", "ops"]), acct("root")];
    const matches = [m("Match Group ops"), m("Match User !root,*"), m("Match Address 10.0.0.0/8")];
    const classes = accountClasses(accounts, matches).map((c) => c.map((a) => a.name));
    expect(classes).toEqual([["alice", "carol"], ["bob", "dave"], ["root"]]);
    expect(accountClasses(accounts, [m("Match Address 10.0.0.0/8")])).toHaveLength(1);
  });
});
