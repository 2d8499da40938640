/** The list of recent rationales: newest first, no repeats, bounded. Pure. */
export interface Entry {
  text: string;
  /** ISO time it was last used. */
  at: string;
}

export function remember(entries: readonly Entry[], text: string, at: Date, max: number): Entry[] {
  const t = text.trim();
  if (!t || max <= 0) return entries.slice(0, Math.max(0, max));
  return [{ text: t, at: at.toISOString() }, ...entries.filter((e) => e.text !== t)].slice(0, max);
}

/** Entries from a file's JSON; anything malformed is dropped rather than trusted. */
export function parseEntries(json: string): Entry[] {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return [];
  }
  if (!Array.isArray(raw)) return [];
  return raw.filter((e): e is Entry => !!e && typeof e.text === "string" && typeof e.at === "string" && e.text.trim() !== "");
}
