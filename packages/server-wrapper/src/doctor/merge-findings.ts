/**
 * The same problem seen through several effective configurations (each class
 * of accounts, each Match block) is one finding with several subjects. Pure.
 */
import type { Finding } from "./finding.js";

export function mergeFindings(findings: readonly Finding[]): Finding[] {
  const merged = new Map<string, Finding>();
  for (const f of findings) {
    const key = `${f.id}\0${f.found}\0${f.fix}`;
    const prev = merged.get(key);
    if (!prev) {
      merged.set(key, { ...f, users: f.users ? [...f.users] : undefined });
      continue;
    }
    if (!prev.subject.split("; ").includes(f.subject)) prev.subject += `; ${f.subject}`;
    if (f.users) prev.users = [...new Set([...(prev.users ?? []), ...f.users])];
  }
  return [...merged.values()];
}
