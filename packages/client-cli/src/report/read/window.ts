/** --since / --until / --lost-after / --run-gap values (pure). */
const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `90s`, `15m`, `24h`, `7d`, `2w` to milliseconds, or undefined. */
export function parseDuration(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([smhdw])$/.exec(text.trim());
  return m ? Number(m[1]) * UNIT_MS[m[2]!]! : undefined;
}

/**
 * A point in time: an ISO date or date-time (`2026-11-01`, `2026-11-01T08:00`,
 * read as local time when it has no zone, like date(1)), or a duration back
 * from `now` (`7d` = seven days ago).
 */
export function parseTimePoint(text: string, now: number): number | undefined {
  const back = parseDuration(text);
  if (back !== undefined) return now - back;
  if (!/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(text.trim())) return undefined;
  const t = text.trim().replace(" ", "T");
  // Date.parse reads a bare date as UTC but a date-time as local: make both local.
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(t) ? t + "T00:00" : t);
  return Number.isNaN(ms) ? undefined : ms;
}
