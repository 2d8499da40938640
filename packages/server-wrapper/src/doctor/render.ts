/**
 * Doctor output. Text for people, grouped by severity with the fix under
 * each finding; JSON (schema version 1, documented in README.md) for fleet
 * tools. Pure.
 */
import { bySeverity, type Finding, nameList, SEVERITIES } from "./finding.js";

export interface Checked {
  sshdConfig: string;
  /** The wrapper's binary and settings file, when the ForceCommand is the wrapper. */
  wrapper?: { binary: string; config: string };
  accounts: number;
  /** How many `sshd -T` runs the answer took, and the wall time of the whole check. */
  sshdRuns: number;
  durationMs: number;
}

export interface Report {
  findings: Finding[];
  checked: Checked;
}

export function renderJson(r: Report): string {
  const summary = Object.fromEntries(SEVERITIES.map((s) => [s, r.findings.filter((f) => f.severity === s).length]));
  return (
    JSON.stringify(
      {
        version: 1,
        ok: summary.high === 0,
        summary,
        findings: bySeverity(r.findings).map((f) => ({
          id: f.id,
          severity: f.severity,
          subject: f.subject,
          found: f.found,
          why: f.why,
          fix: f.fix,
          users: f.users ?? [],
        })),
        checked: { ...r.checked, wrapper: r.checked.wrapper ?? null },
      },
      null,
      2,
    ) + "\n"
  );
}

const TITLES = { high: "HIGH", medium: "MEDIUM", low: "LOW", info: "INFO" } as const;

export function renderText(r: Report): string {
  const lines: string[] = [];
  const c = r.checked;
  lines.push(
    `rationale-server doctor: ${c.sshdConfig}, ${c.accounts} account(s), ${c.sshdRuns} sshd -T run(s), ${(c.durationMs / 1000).toFixed(1)} s`,
    c.wrapper ? `wrapper: ${c.wrapper.binary} (settings ${c.wrapper.config})` : "wrapper: not the ForceCommand of any checked connection",
    "",
  );
  for (const sev of SEVERITIES) {
    const group = r.findings.filter((f) => f.severity === sev);
    if (!group.length) continue;
    lines.push(`${TITLES[sev]} (${group.length})`);
    for (const f of group) {
      lines.push(`  [${f.id}] ${f.subject}`, `    found: ${f.found}`, `    why:   ${f.why}`);
      if (f.users?.length && !f.found.includes(f.users[0]!) && !f.subject.includes(nameList(f.users))) lines.push(`    users: ${nameList(f.users)}`);
      if (f.fix) lines.push(`    fix:   ${f.fix}`);
    }
    lines.push("");
  }
  const high = r.findings.filter((f) => f.severity === "high").length;
  lines.push(high ? `${high} high-severity finding(s): exit status 1` : "no high-severity findings");
  return lines.join("\n") + "\n";
}
