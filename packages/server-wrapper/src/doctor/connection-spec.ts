/**
 * `sshd -T -C` connection specifications: which user, host and addresses to
 * ask sshd about so that its answer is the configuration a real connection
 * would get, for each account and for each Match block. Pure.
 */
import type { MatchCriterion, MatchLine } from "./sshd-config-file.js";
import { matchPatternList } from "./sshd-patterns.js";

export interface Account {
  name: string;
  uid: number;
  home: string;
  shell: string;
  /** Names of every group the account is in, primary included. */
  groups: string[];
}

export interface Spec {
  user: string;
  host: string;
  addr: string;
  laddr: string;
  lport: string;
  rdomain?: string;
}

/** An address from the documentation range (RFC 5737): a "typical remote client" that no real Match block is about. */
export const DEFAULT_CLIENT = { host: "client.doctor.invalid", addr: "192.0.2.10" };

export function specArgument(s: Spec): string {
  const parts = [`user=${s.user}`, `host=${s.host}`, `addr=${s.addr}`, `laddr=${s.laddr}`, `lport=${s.lport}`];
  if (s.rdomain !== undefined) parts.push(`rdomain=${s.rdomain}`);
  return parts.join(",");
}

/** Does the account pass the block's User and Group criteria (the others are the same for every account)? */
export function passesUserCriteria(m: MatchLine, a: Account): boolean {
  return m.criteria.every((c) => {
    if (c.name === "user") return matchPatternList(c.value, a.name) === 1;
    if (c.name === "group") {
      const results = a.groups.map((g) => matchPatternList(c.value, g));
      return !results.includes(-1) && results.includes(1);
    }
    return true;
  });
}

/**
 * Accounts that enter the same Match blocks get the same effective settings,
 * so one `sshd -T` per class is enough: a box with thousands of accounts and
 * two `Match Group` blocks needs at most four runs, not thousands.
 */
export function accountClasses(accounts: readonly Account[], matches: readonly MatchLine[]): Account[][] {
  const userDependent = matches.filter((m) => m.criteria.some((c) => c.name === "user" || c.name === "group"));
  const classes = new Map<string, Account[]>();
  for (const a of accounts) {
    const key = userDependent.map((m) => (passesUserCriteria(m, a) ? "1" : "0")).join("");
    const list = classes.get(key) ?? [];
    list.push(a);
    classes.set(key, list);
  }
  return [...classes.values()];
}

/** A concrete value that a pattern list accepts ("10.0.0.0/8" -> "10.0.0.0", "adm*" -> "adm"), or undefined when only negations. */
export function sampleFor(list: string, fill: string): string | undefined {
  const positive = list.split(",").find((p) => p && !p.startsWith("!"));
  if (positive === undefined) return undefined;
  const v = positive.replace(/\/\d+$/, "").replace(/\*/g, "").replace(/\?/g, fill);
  return v === "" || v.endsWith(".") || v.endsWith(":") ? v + fill : v;
}

const EXERCISABLE = new Set(["all", "user", "group", "host", "address", "localaddress", "localport", "rdomain"]);

export type BlockSpec = { spec: Spec; account?: Account } | { cannot: string };

/**
 * A connection that enters the Match block: its criteria satisfied with
 * sample values, and an existing account when User or Group must match
 * (Group needs a real member). Says why when it cannot be built.
 */
export function specForBlock(m: MatchLine, accounts: readonly Account[], base: Omit<Spec, "user">, others: readonly MatchLine[] = []): BlockSpec {
  const odd = m.criteria.find((c) => !EXERCISABLE.has(c.name));
  if (odd) return { cannot: `sshd -T cannot test a "Match ${odd.name}" criterion; check this block by hand` };
  const spec: Spec = { ...base, user: "doctor-probe" };
  const set = (c: MatchCriterion, key: "host" | "addr" | "laddr" | "lport" | "rdomain", fill: string) => {
    const v = sampleFor(c.value, fill);
    if (v === undefined) return `"${c.name} ${c.value}" only excludes; sshd -T cannot enter it with one sample value`;
    spec[key] = v;
    return undefined;
  };
  for (const c of m.criteria) {
    const problem =
      c.name === "host" ? set(c, "host", "x") :
      c.name === "address" ? set(c, "addr", "1") :
      c.name === "localaddress" ? set(c, "laddr", "1") :
      c.name === "localport" ? set(c, "lport", "1") :
      c.name === "rdomain" ? set(c, "rdomain", "x") : undefined;
    if (problem) return { cannot: problem };
  }
  const needsAccount = m.criteria.some((c) => c.name === "user" || c.name === "group");
  if (!needsAccount) return { spec };
  // Prefer an account that enters no other User/Group block, so what sshd
  // answers is this block's doing.
  const userBlocks = others.filter((o) => o !== m && o.criteria.some((c) => c.name === "user" || c.name === "group"));
  let account: Account | undefined;
  let overlap = Infinity;
  for (const a of accounts) {
    if (!passesUserCriteria(m, a)) continue;
    const n = userBlocks.filter((o) => passesUserCriteria(o, a)).length;
    if (n < overlap) [account, overlap] = [a, n];
    if (n === 0) break;
  }
  if (account) return { spec: { ...spec, user: account.name }, account };
  if (m.criteria.some((c) => c.name === "group")) {
    const g = m.criteria.find((c) => c.name === "group")!;
    return { cannot: `no account checked is in group "${g.value}" (and passes the block's other User criteria), so no connection can enter it` };
  }
  const user = sampleFor(m.criteria.find((c) => c.name === "user")!.value, "x");
  if (user === undefined) return { cannot: "the User list only excludes; no sample user enters it" };
  return { spec: { ...spec, user } };
}
