/**
 * sshd_config and every file it Includes, in the order sshd reads them,
 * reduced to their Match lines. Include patterns are expanded like glob(3)
 * in their last path component (the form sshd_config.d/*.conf takes); a
 * pattern with wildcards in a directory name is reported, not guessed.
 */
import { readdirSync, readFileSync } from "node:fs";
import { globMatches, includePath, type MatchLine, scanConfigText } from "./sshd-config-file.js";

export interface ConfigScan {
  matches: MatchLine[];
  /** Include patterns the doctor could not expand, and files it could not read. */
  notes: string[];
}

function expand(pattern: string): string[] {
  const slash = pattern.lastIndexOf("/");
  const dir = pattern.slice(0, slash) || "/";
  const base = pattern.slice(slash + 1);
  if (/[*?[]/.test(dir)) throw new Error(`Include ${pattern}: wildcards in a directory name are not expanded by doctor`);
  if (!/[*?[]/.test(base)) return [pattern];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return []; // sshd ignores a pattern that matches nothing
  }
  // sshd hands Include to glob(3), not to its own match.c patterns: `[0-9]*.conf` is a class there.
  return names.filter((n) => !n.startsWith(".") && globMatches(base, n)).sort().map((n) => `${dir}/${n}`);
}

export function readConfigFiles(main: string): ConfigScan {
  const scan: ConfigScan = { matches: [], notes: [] };
  const seen = new Set<string>();
  const visit = (file: string, depth: number) => {
    if (seen.has(file) || depth > 16) return;
    seen.add(file);
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (e) {
      scan.notes.push(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      return;
    }
    for (const item of scanConfigText(text, file)) {
      if (item.kind === "match") scan.matches.push(item);
      else
        for (const p of item.patterns) {
          try {
            for (const f of expand(includePath(p))) visit(f, depth + 1);
          } catch (e) {
            scan.notes.push((e as Error).message);
          }
        }
    }
  };
  visit(main, 0);
  return scan;
}
