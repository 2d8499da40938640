/** Values as people read them in the terminal summary (pure). */
/** 812 ms, 4.2 s, 3 min 5 s, 2 h 10 min, 3 d 4 h. */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined) return "-";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const parts = (a: number, an: string, b: number, bn: string) => (b ? `${a} ${an} ${b} ${bn}` : `${a} ${an}`);
  if (s < 3600) return parts(Math.floor(s / 60), "min", Math.floor(s % 60), "s");
  if (s < 86_400) return parts(Math.floor(s / 3600), "h", Math.floor((s % 3600) / 60), "min");
  return parts(Math.floor(s / 86_400), "d", Math.floor((s % 86_400) / 3600), "h");
}

/** `2026-11-23T01:02:03.004Z` to `2026-11-23 01:02Z`. */
export const shortTime = (isoTime: string) => isoTime.slice(0, 10) + " " + isoTime.slice(11, 16) + "Z";
