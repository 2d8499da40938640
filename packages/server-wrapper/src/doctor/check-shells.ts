/** Accounts whose login shell runs the user's own code before the wrapper. Pure. */
import { type Finding, nameList } from "./finding.js";
import { shellStartup } from "./shell-startup.js";

export interface ShellFacts {
  user: string;
  shell: string;
  /** Start-up files (absolute) the user can change; empty when all are protected. */
  changeable: string[];
}

export function checkShells(accounts: readonly ShellFacts[]): Finding[] {
  const byShell = new Map<string, { exposed: ShellFacts[]; unknown: string[] }>();
  for (const a of accounts) {
    const entry = byShell.get(a.shell) ?? { exposed: [], unknown: [] };
    byShell.set(a.shell, entry);
    if (!shellStartup(a.shell)) entry.unknown.push(a.user);
    else if (a.changeable.length) entry.exposed.push(a);
  }
  const out: Finding[] = [];
  for (const [shell, { exposed, unknown }] of byShell) {
    if (exposed.length) {
      const rule = shellStartup(shell)!;
      const files = [...new Set(exposed.flatMap((a) => a.changeable.map((f) => f.replace(/^.*?\/(\.[^/]+.*)$/, "~/$1"))))];
      out.push({
        id: "shell-reads-user-files",
        severity: "high",
        subject: `login shell ${shell}`,
        found: `${shell} -c reads ${files.join(", ")} before running the ForceCommand, and ${nameList(exposed.map((a) => a.user))} can change ${exposed.length === 1 ? "it" : "them"}`,
        why: `sshd starts the wrapper as '${shell} -c COMMAND' (${rule.source}); code there runs first and can 'exec' anything instead of the wrapper, leaving no record`,
        fix:
          `either make the files root's and immutable, e.g. for each account: touch ~U/${rule.userFiles[0]} && chown root: ~U/${rule.userFiles[0]} && chmod 0644 ~U/${rule.userFiles[0]} && chattr +i ~U/${rule.userFiles[0]} ` +
          `(immutable, because a user who owns ~ can otherwise rename the file away); or give these accounts a login shell that reads nothing for -c: usermod -s /bin/sh USER (dash: interactive sessions then get dash too)`,
        users: exposed.map((a) => a.user),
      });
    }
    if (unknown.length) {
      out.push({
        id: "shell-unknown",
        severity: "medium",
        subject: `login shell ${shell}`,
        found: `doctor does not know which files ${shell} reads for -c (${nameList(unknown)})`,
        why: "a shell that sources a user-writable file for -c lets the user run code instead of the wrapper",
        fix: `check its manual for non-interactive start-up files, or: usermod -s /bin/bash USER`,
        users: unknown,
      });
    }
  }
  return out;
}
