import { describe, expect, test } from "vitest";
import { isNoLoginShell, type PathFacts, shellStartup, userCanChange } from "../../src/doctor/shell-startup.js";

const ALICE = { uid: 1001, gids: [1001] };
const dir = (uid: number, mode = 0o755, immutable = false): PathFacts => ({ uid, gid: uid, mode: 0o40000 | mode, isDirectory: true, immutable });
const file = (uid: number, mode = 0o644, immutable = false): PathFacts => ({ uid, gid: uid, mode: 0o100000 | mode, isDirectory: false, immutable });

function can(tree: Record<string, PathFacts>, path = "/home/alice/.bashrc") {
  return userCanChange(path, "/home/alice", ALICE, (p) => tree[p]);
}

describe("which start-up files a user can change", () => {
  const home = { "/home": dir(0), "/home/alice": dir(1001) };

  test("their own file, or a missing one in their own home: yes", () => {
    expect(can({ ...home, "/home/alice/.bashrc": file(1001) })).toBe(true);
    expect(can(home)).toBe(true);
  });

  test("a root-owned file in a home the user owns can be renamed away: yes, unless it is immutable", () => {
    expect(can({ ...home, "/home/alice/.bashrc": file(0) })).toBe(true);
    expect(can({ ...home, "/home/alice/.bashrc": file(0, 0o644, true) })).toBe(false);
  });

  test("root-owned file and root-owned home: no; a group-writable file of the user's group: yes", () => {
    const rootHome = { "/home": dir(0), "/home/alice": dir(0) };
    expect(can({ ...rootHome, "/home/alice/.bashrc": file(0) })).toBe(false);
    expect(can({ ...rootHome, "/home/alice/.bashrc": { ...file(0, 0o664), gid: 1001 } })).toBe(true);
  });

  test("nested (fish): a user-owned ~/.config lets them replace the fish directory", () => {
    const tree = { "/home": dir(0), "/home/alice": dir(0), "/home/alice/.config": dir(1001), "/home/alice/.config/fish": dir(0), "/home/alice/.config/fish/config.fish": file(0) };
    expect(can(tree, "/home/alice/.config/fish/config.fish")).toBe(true);
    expect(can({ ...tree, "/home/alice/.config": dir(0) }, "/home/alice/.config/fish/config.fish")).toBe(false);
  });
});

test("the shell table: bash and zsh read user files for -c, dash reads none, nologin is no login", () => {
  expect(shellStartup("/bin/bash")!.userFiles).toEqual([".bashrc"]);
  expect(shellStartup("/usr/bin/zsh")!.userFiles).toEqual([".zshenv"]);
  expect(shellStartup("/bin/dash")!.userFiles).toEqual([]);
  expect(shellStartup("/opt/x/unknownsh")).toBeUndefined();
  expect(isNoLoginShell("/usr/sbin/nologin")).toBe(true);
  expect(isNoLoginShell("/bin/false")).toBe(true);
  expect(isNoLoginShell("/bin/bash")).toBe(false);
});
