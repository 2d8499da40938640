import { describe, expect, test } from "vitest";
import { INSTALL_DEFAULTS, installDefaults, parseInstallArgs } from "../../src/install/install-options.js";
import { groupMembers, pickProbes } from "../../src/install/probe-users.js";

describe("parseInstallArgs", () => {
  test("defaults, repeatable and comma-list scoping, --x=value", () => {
    const { options, problems } = parseInstallArgs(["--exempt", "root,alice", "--exempt=bob", "--match-group", "ops", "--dry-run", "--root=/tmp/r/", "--reload", "none"], "install");
    expect(problems).toEqual([]);
    expect(options).toMatchObject({ exempt: ["root", "alice", "bob"], matchGroups: ["ops"], dryRun: true, root: "/tmp/r", reload: "none", dropin: INSTALL_DEFAULTS.dropin });
    expect(options.sshdPidFile).toBeUndefined();
  });

  test("names that would break or negate an sshd pattern list, relative paths, unknown options: usage errors naming the value", () => {
    const { problems } = parseInstallArgs(["--exempt", "a b", "--exempt", "!root", "--match-user", 'x"y', "--bin", "rationale-server", "--frobnicate", "--reload", "maybe"], "install");
    expect(problems).toEqual([
      '--exempt "a b": expected a name or pattern without spaces, quotes, "!" or "#"',
      '--exempt "!root": expected a name or pattern without spaces, quotes, "!" or "#"',
      '--match-user "x"y": expected a name or pattern without spaces, quotes, "!" or "#"',
      'unknown option "--frobnicate"',
      '--reload "maybe": expected auto or none',
      '--bin "rationale-server": expected an absolute path',
    ]);
  });

  test("uninstall refuses scoping options (the manifest says what to undo)", () => {
    expect(parseInstallArgs(["--exempt", "root"], "uninstall").problems).toEqual(["uninstall takes no scoping options: it undoes what the manifest records"]);
  });
});

describe("pickProbes", () => {
  const base = { ...installDefaults(), exempt: ["root"] };
  const group = "root:x:0:\nops:x:2000:alice,bob\nstaff:x:50:\n";
  const passwd = "root:x:0:0::/root:/bin/sh\ncarol:x:1003:50::/home/carol:/bin/sh\n";

  test("everyone wrapped: nobody proves it; literal exempt names are checked", () => {
    expect(pickProbes({ ...base, exempt: ["root", "adm*"] }, group, passwd)).toEqual({ wrapped: { user: "nobody", addr: "127.0.0.1" }, exempt: ["root"] });
  });

  test("groups: a member from the group list or by primary group, not an exempt one", () => {
    expect(pickProbes({ ...base, matchGroups: ["ops"], exempt: ["alice"] }, group, passwd).wrapped?.user).toBe("bob");
    expect(groupMembers("staff", group, passwd)).toEqual(["carol"]);
  });

  test("an address scope checks from inside it; nothing to check with is said", () => {
    expect(pickProbes({ ...base, matchUsers: ["dave"], matchAddresses: ["10.1.0.0/16"] }, group, passwd).wrapped).toEqual({ user: "dave", addr: "10.1.0.0" });
    expect(pickProbes({ ...base, matchGroups: ["empty"] }, group, passwd).skipped).toMatch(/--check-user/);
  });
});
