/**
 * The block `rationale setup` keeps in ~/.ssh/config, and nothing else. Pure.
 *
 * The block goes at the end of the file: a `Host` line ends whatever block
 * is open, so appending cannot capture the user's own settings (inserting
 * at the top would swallow their global options into our Host block), and
 * SendEnv adds up across matching blocks, so ours adds to theirs.
 */
export const BEGIN = "# BEGIN rationale: managed by `rationale setup`; `rationale setup --remove` deletes this block";
export const END = "# END rationale";

export function renderBlock(patterns: readonly string[]): string {
  return [BEGIN, `Host ${patterns.join(" ")}`, "    SendEnv RATIONALE RATIONALE_CLIENT", END].join("\n") + "\n";
}

/** ssh_config host patterns: no spaces, quotes or comments, at most one leading `!`. */
export function checkPattern(p: string): string | undefined {
  if (!/^!?[^\s"'#!]+$/.test(p)) return `"${p}" is not an ssh host pattern (like web-*, *.example.com or !bastion)`;
  return undefined;
}

interface Found {
  start: number;
  end: number;
}

/** Line offsets of our block: [start of BEGIN line, end of END line incl. newline). */
function findBlock(text: string): Found | undefined | "broken" {
  const lines = text.split(/(?<=\n)/);
  let offset = 0;
  let start: number | undefined;
  for (const line of lines) {
    const bare = line.replace(/\r?\n$/, "");
    if (bare.startsWith("# BEGIN rationale")) {
      if (start !== undefined) return "broken";
      start = offset;
    } else if (bare === END) {
      if (start === undefined) return "broken";
      return { start, end: offset + line.length };
    }
    offset += line.length;
  }
  return start === undefined ? undefined : "broken";
}

const BROKEN = `the rationale block in the file is damaged (a "# BEGIN rationale" without "# END rationale" or the reverse); fix or delete those lines by hand`;

export function addBlock(text: string, patterns: readonly string[]): string {
  const block = renderBlock(patterns);
  const found = findBlock(text);
  if (found === "broken") throw new Error(BROKEN);
  if (found) return text.slice(0, found.start) + block + text.slice(found.end);
  const sep = text === "" || text.endsWith("\n") ? "" : "\n";
  return text + sep + block;
}

export function removeBlock(text: string): string {
  const found = findBlock(text);
  if (found === "broken") throw new Error(BROKEN);
  if (!found) return text;
  return text.slice(0, found.start) + text.slice(found.end);
}
