/**
 * Arguments of `rationale-server wrap`. Parsing never fails: the wrapper is
 * the ForceCommand of every login, so a typo in sshd_config must not lock
 * anyone out. Problems are returned and recorded loudly instead.
 */
export interface WrapArgs {
  configPath?: string;
  problems: string[];
}

export function parseWrapArgs(args: readonly string[]): WrapArgs {
  const out: WrapArgs = { problems: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--config" || a === "-c") {
      const v = args[i + 1];
      if (v === undefined) out.problems.push(`ForceCommand: ${a} needs a file path; running with defaults`);
      else out.configPath = v;
      i++;
    } else if (a.startsWith("--config=")) {
      out.configPath = a.slice("--config=".length);
    } else {
      out.problems.push(`ForceCommand: unknown argument "${a.slice(0, 80)}" to wrap; ignored`);
    }
  }
  return out;
}
