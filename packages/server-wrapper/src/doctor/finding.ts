/**
 * What `rationale-server doctor` reports. Every finding says what was found,
 * why it matters and the exact line that fixes it, so an operator (or a fleet
 * tool reading --json) never has to guess the next step.
 */
export type Severity = "high" | "medium" | "low" | "info";

export const SEVERITIES: readonly Severity[] = ["high", "medium", "low", "info"];

export interface Finding {
  /** Stable identifier, e.g. "force-command-missing"; part of the --json contract. */
  id: string;
  severity: Severity;
  /** What it is about: a user, a Match block (file:line), a sink, a path, or "sshd". */
  subject: string;
  found: string;
  why: string;
  /** The line (or command) that fixes it; empty for purely informational findings. */
  fix: string;
  /** Accounts concerned, when the finding covers several. */
  users?: string[];
}

export const EXIT_OK = 0;
export const EXIT_HIGH = 1;

export function exitStatus(findings: readonly Finding[]): number {
  return findings.some((f) => f.severity === "high") ? EXIT_HIGH : EXIT_OK;
}

export function bySeverity(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
}

/** "alice, bob, carol and 12 more": a long account list kept readable in text output. */
export function nameList(names: readonly string[], max = 8): string {
  if (names.length <= max) return names.join(", ");
  return `${names.slice(0, max).join(", ")} and ${names.length - max} more`;
}
