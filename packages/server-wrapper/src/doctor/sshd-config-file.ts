/**
 * The two kinds of sshd_config lines the doctor needs to read itself
 * (everything else comes from `sshd -T`): `Match` lines, to know which
 * connections enter which block, and `Include`, to find the files that hold
 * them. Pure: one file's text in, its Match and Include lines out, in order.
 */
export interface MatchCriterion {
  /** Lower-cased: all, user, group, host, address, localaddress, localport, rdomain... */
  name: string;
  /** Comma-separated pattern list as written ("" for `all`). */
  value: string;
}

export interface MatchLine {
  kind: "match";
  file: string;
  line: number;
  criteria: MatchCriterion[];
}

export interface IncludeLine {
  kind: "include";
  file: string;
  line: number;
  patterns: string[];
}

/** sshd_config words: whitespace separated, "double quotes" group, `Keyword=value` allowed. */
export function configWords(line: string): string[] {
  const words: string[] = [];
  const re = /"([^"]*)"|([^\s"=]+)|=/g;
  const body = line.replace(/^\s*([A-Za-z]+)\s*=/, "$1 ");
  for (const m of body.matchAll(re)) {
    if (m[0] === "=") continue;
    words.push(m[1] ?? m[2]!);
  }
  return words;
}

export function scanConfigText(text: string, file: string): (MatchLine | IncludeLine)[] {
  const out: (MatchLine | IncludeLine)[] = [];
  text.split("\n").forEach((raw, i) => {
    const line = raw.replace(/^\s+/, "");
    if (!line || line.startsWith("#")) return;
    const [keyword = "", ...args] = configWords(line);
    const k = keyword.toLowerCase();
    if (k === "include") out.push({ kind: "include", file, line: i + 1, patterns: args });
    if (k === "match") {
      const criteria: MatchCriterion[] = [];
      for (let j = 0; j < args.length; j++) {
        const name = args[j]!.toLowerCase();
        if (name === "all" || name === "canonical" || name === "final") criteria.push({ name, value: "" });
        else criteria.push({ name, value: args[++j] ?? "" });
      }
      out.push({ kind: "match", file, line: i + 1, criteria });
    }
  });
  return out;
}

/** Where sshd looks for a relative Include: its own configuration directory. */
export function includePath(pattern: string, sshdDir = "/etc/ssh"): string {
  return pattern.startsWith("/") || pattern.startsWith("~") ? pattern : `${sshdDir}/${pattern}`;
}

/**
 * glob(7) for one path, as sshd's Include uses it: `*` and `?` do not cross
 * "/", `[...]` is a class. Hand-written: a dozen lines, and no glob library
 * agrees with glob(3) on every corner either.
 */
export function globMatches(glob: string, path: string): boolean {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === "*") re += "[^/]*";
    else if (ch === "?") re += "[^/]";
    else if (ch === "[") {
      const end = glob.indexOf("]", i + 2);
      if (end < 0) re += "\\[";
      else {
        const body = glob.slice(i + 1, end).replace(/^!/, "^").replace(/\\/g, "\\\\");
        re += `[${body}]`;
        i = end;
      }
    } else re += ch.replace(/[.+^${}()|\\\]]/g, "\\$&");
  }
  return new RegExp(`^${re}$`).test(path);
}
