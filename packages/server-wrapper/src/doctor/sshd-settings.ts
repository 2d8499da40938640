/**
 * The output of `sshd -T`: one "keyword value" per line, keywords in lower
 * case; keywords that may repeat (acceptenv, setenv, permitopen...) appear
 * once per value. Pure.
 */
export type SshdSettings = ReadonlyMap<string, readonly string[]>;

export function parseSshdT(text: string): SshdSettings {
  const out = new Map<string, string[]>();
  for (const line of text.split("\n")) {
    const m = /^(\S+)\s+(.*)$/.exec(line.trim());
    if (!m) continue;
    const key = m[1]!.toLowerCase();
    const list = out.get(key) ?? [];
    list.push(m[2]!);
    out.set(key, list);
  }
  return out;
}

/** First value of a keyword, lower-cased when it is a yes/no style setting. */
export const setting = (s: SshdSettings, key: string): string | undefined => s.get(key)?.[0];

/**
 * All values of a keyword split into words: sshd -T prints some lists on one
 * line ("permitopen any", "acceptenv LANG LC_*" in older versions).
 */
export const settingWords = (s: SshdSettings, key: string): string[] => (s.get(key) ?? []).flatMap((v) => v.split(/\s+/).filter(Boolean));
