/**
 * Does the main sshd_config read the drop-in, and early enough? (pure)
 *
 * An `Include` inside a Match block only applies to that Match, and the
 * top-level lines of a file included there are swallowed by it, so only
 * Include lines before the first Match count. Relative Include paths are
 * under /etc/ssh (sshd_config(5)).
 */
import { dirname } from "node:path";
// The doctor reads sshd_config the same way; one reader of its Match and Include lines.
import { globMatches, includePath, scanConfigText } from "../doctor/sshd-config-file.js";

export type IncludeCheck =
  | { ok: true; line: number }
  | { ok: false; reason: "missing" | "after-match"; fixLine: string; where: string; matchLine?: number };

/** `candidates`: the paths sshd may know the drop-in by (with --root, the rooted and the unrooted one). */
export function checkInclude(mainText: string, mainPath: string, candidates: readonly string[], fixDir: string): IncludeCheck {
  let firstMatch: number | undefined;
  let lateInclude: number | undefined;
  for (const item of scanConfigText(mainText, mainPath)) {
    if (item.kind === "match") {
      firstMatch ??= item.line;
      continue;
    }
    if (!item.patterns.some((g) => candidates.some((c) => globMatches(includePath(g), c)))) continue;
    if (firstMatch === undefined) return { ok: true, line: item.line };
    lateInclude ??= item.line;
  }
  const fixLine = `Include ${fixDir}/*.conf`;
  const where = firstMatch === undefined ? `as the first line of ${mainPath}` : `near the top of ${mainPath}, before the Match on line ${firstMatch}`;
  return lateInclude !== undefined
    ? { ok: false, reason: "after-match", fixLine, where, matchLine: firstMatch }
    : { ok: false, reason: "missing", fixLine, where, matchLine: firstMatch };
}

/** The main file with the Include line added at the top, where it is read before any Match. */
export function addInclude(mainText: string, dropinDir: string, version: string): string {
  return `# Added by rationale-server install ${version}: read ${dropinDir} first.\nInclude ${dropinDir}/*.conf\n${mainText}`;
}

export const includeDir = (dropin: string): string => dirname(dropin);

/** The main file without the lines addInclude() put there (for uninstall when the operator edited it since). */
export function removeAddedInclude(text: string): string {
  return text.replace(/^# Added by rationale-server install [^\n]*\nInclude [^\n]*\n/m, "");
}
