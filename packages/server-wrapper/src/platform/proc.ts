/** The process table under /proc, read while processes come and go. */
import { readdirSync } from "node:fs";

/**
 * Call `visit` for every process and keep what it returns, undefined aside.
 * A process can end between the listing and the read of its files; `visit`
 * then throws, and that process is skipped rather than failing the scan.
 */
export function scanProc<T>(visit: (pid: number) => T | undefined): T[] {
  const out: T[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const found = visit(Number(entry));
      if (found !== undefined) out.push(found);
    } catch {
      // The process ended while we looked.
    }
  }
  return out;
}
