/**
 * What `ssh -G` says the configuration for a connection is: OpenSSH's own
 * answer (Host/Match blocks, Include, -o options), rather than our reading
 * of ~/.ssh/config. Parsing is pure; running it is in query-ssh-config.ts.
 */
export type SshConfig = ReadonlyMap<string, readonly string[]>;

/** `ssh -G` prints "keyword value" lines; repeated keywords (sendenv) collect. */
export function parseSshG(text: string): SshConfig {
  const out = new Map<string, string[]>();
  for (const line of text.split("\n")) {
    const m = /^(\S+) (.*)$/.exec(line.trimEnd());
    if (!m) continue;
    const key = m[1]!.toLowerCase();
    out.set(key, [...(out.get(key) ?? []), m[2]!]);
  }
  return out;
}

export function sendsVariable(c: SshConfig, name: string): boolean {
  // SendEnv entries are patterns (RATIONALE*, *): OpenSSH matches them with its wildcard rules.
  return (c.get("sendenv") ?? []).flatMap((v) => v.split(/\s+/)).some((p) => wildcardMatch(p, name));
}

/** Whether sessions may go through a shared master connection (ControlMaster/ControlPath). */
export function multiplexes(c: SshConfig): boolean {
  const path = c.get("controlpath")?.[0];
  return path !== undefined && path !== "none";
}

/** OpenSSH's match_pattern: `*` any run, `?` one character, nothing else special. */
export function wildcardMatch(pattern: string, text: string): boolean {
  const re = new RegExp("^" + pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replaceAll("*", ".*").replaceAll("?", ".") + "$");
  return re.test(text);
}
