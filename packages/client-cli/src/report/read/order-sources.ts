/**
 * Rotated logs in the order they were written: `auth.log.3.gz`,
 * `auth.log.2.gz`, `auth.log.1`, then `auth.log`, so that a session's start
 * is read before its end. Files of different logs keep the order given.
 */
const ROTATION = /^(.*?)(?:\.(\d+))?(?:\.gz)?$/;

export function orderSources(paths: string[]): string[] {
  const base = (p: string) => ROTATION.exec(p)![1]!;
  const generation = (p: string) => Number(ROTATION.exec(p)![2] ?? 0);
  const firstSeen = new Map<string, number>();
  paths.forEach((p, i) => {
    if (!firstSeen.has(base(p))) firstSeen.set(base(p), i);
  });
  return [...paths].sort((a, b) => firstSeen.get(base(a))! - firstSeen.get(base(b))! || generation(b) - generation(a));
}
