/** Accounts and their groups from NSS (`getent`), so LDAP/SSSD accounts count too. */
import { execFileSync } from "node:child_process";
import type { Account } from "./connection-spec.js";
import { isNoLoginShell } from "./shell-startup.js";

function getent(db: string): string {
  return execFileSync("getent", [db], { encoding: "utf8", maxBuffer: 256 << 20 });
}

export interface AccountDb {
  /** Every account that can log in (its shell is not nologin/false). */
  loginAccounts: Account[];
  byName: Map<string, Account>;
  /** Group ids of each account, for permission checks. */
  gids: Map<string, number[]>;
}

export function readAccounts(): AccountDb {
  const groupsOf = new Map<string, { names: string[]; gids: number[] }>();
  const groupName = new Map<number, string>();
  for (const line of getent("group").split("\n")) {
    const [name, , gid, members] = line.split(":");
    if (!name || gid === undefined) continue;
    groupName.set(Number(gid), name);
    for (const m of (members ?? "").split(",").filter(Boolean)) {
      const g = groupsOf.get(m) ?? { names: [], gids: [] };
      g.names.push(name);
      g.gids.push(Number(gid));
      groupsOf.set(m, g);
    }
  }
  const byName = new Map<string, Account>();
  const gids = new Map<string, number[]>();
  const loginAccounts: Account[] = [];
  for (const line of getent("passwd").split("\n")) {
    const f = line.split(":");
    if (f.length < 7 || byName.has(f[0]!)) continue;
    const [name, , uid, gid, , home, shell] = f as [string, string, string, string, string, string, string];
    const extra = groupsOf.get(name) ?? { names: [], gids: [] };
    const primary = groupName.get(Number(gid));
    const account: Account = { name, uid: Number(uid), home, shell: shell || "/bin/sh", groups: [...new Set([...(primary ? [primary] : []), ...extra.names])] };
    byName.set(name, account);
    gids.set(name, [Number(gid), ...extra.gids]);
    if (!isNoLoginShell(account.shell)) loginAccounts.push(account);
  }
  return { loginAccounts, byName, gids };
}
