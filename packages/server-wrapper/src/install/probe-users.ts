/**
 * Which accounts prove the install worked (pure): `sshd -T -C user=...`
 * must show the wrapper as ForceCommand for one wrapped account and not for
 * any exempt one. Group criteria need a real member, so one is looked up in
 * the group and passwd databases' text.
 */
import type { InstallOptions } from "./install-options.js";

const literal = (name: string) => !/[*?]/.test(name);

export interface Probes {
  wrapped?: { user: string; addr: string };
  exempt: string[];
  /** Why no wrapped account could be checked, when none could. */
  skipped?: string;
}

export function pickProbes(o: InstallOptions, groupText: string, passwdText: string): Probes {
  const exempt = o.exempt.filter(literal);
  const first = o.matchAddresses[0];
  const addr = first === undefined ? "127.0.0.1" : first.replace(/\/\d+$/, "");
  if (!literal(addr)) return { exempt, skipped: `--match-address ${first} is a pattern; no address to check with` };
  const usable = (u: string | undefined) => u !== undefined && literal(u) && !o.exempt.includes(u);
  let user = o.checkUser;
  if (user === undefined && o.matchUsers.length) user = o.matchUsers.find(usable);
  if (user === undefined && o.matchGroups.length) user = o.matchGroups.flatMap((g) => groupMembers(g, groupText, passwdText)).find(usable);
  if (user === undefined && !o.matchUsers.length && !o.matchGroups.length) user = ["nobody", "daemon"].find(usable);
  if (user === undefined) return { exempt, skipped: "no account to check the ForceCommand with; name one with --check-user USER" };
  return { wrapped: { user, addr }, exempt };
}

/** Members of a group: its member list, and the accounts whose primary group it is. */
export function groupMembers(group: string, groupText: string, passwdText: string): string[] {
  const line = groupText.split("\n").map((l) => l.split(":")).find((f) => f[0] === group);
  if (!line) return [];
  const listed = (line[3] ?? "").split(",").filter(Boolean);
  const primary = passwdText.split("\n").map((l) => l.split(":")).filter((f) => f.length > 3 && f[3] === line[2]).map((f) => f[0]!);
  return [...listed, ...primary];
}
