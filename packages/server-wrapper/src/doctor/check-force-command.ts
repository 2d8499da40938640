/** Does every session go through the wrapper, and can the wrapper start at all? Pure. */
import { INSTALL_DEFAULTS } from "../install/install-options.js";
import { forceCommandLine } from "../install/render-dropin.js";
import type { Finding } from "./finding.js";
import { setting } from "./sshd-settings.js";
import type { EffectiveView } from "./view.js";

// The line and drop-in a default `rationale-server install` writes, so the advice matches what install would do.
const EXAMPLE_LINE = `ForceCommand ${forceCommandLine(INSTALL_DEFAULTS)}`;

export function checkForceCommand(view: EffectiveView, exempt: ReadonlySet<string>): Finding[] {
  if (view.wrapper) return [];
  const fc = setting(view.settings, "forcecommand");
  const users = view.users.filter((u) => !exempt.has(u));
  const exempted = view.users.filter((u) => exempt.has(u));
  const out: Finding[] = [];
  const none = !fc || fc === "none";
  if (exempted.length) {
    out.push({
      id: "force-command-exempt",
      severity: "info",
      subject: view.subject,
      found: none ? "no ForceCommand applies (exempt by --exempt)" : `ForceCommand is "${fc}" (exempt by --exempt)`,
      why: "sessions of exempt accounts are not recorded by the wrapper; watch sshd's own log for them",
      fix: "",
      users: exempted,
    });
  }
  if (users.length || (view.kind === "match" && !exempted.length)) {
    out.push({
      id: none ? "force-command-missing" : "force-command-not-wrapper",
      severity: "high",
      subject: view.subject,
      found: none ? "no ForceCommand applies: sessions run without the wrapper" : `ForceCommand is "${fc}", not rationale-server wrap`,
      why: "these sessions are never asked for a rationale and leave no audit record",
      fix:
        view.kind === "match"
          ? `inside this Match block: ${EXAMPLE_LINE}  (or remove the block's ForceCommand line)`
          : `in ${INSTALL_DEFAULTS.dropin}, before any Match block: ${EXAMPLE_LINE}`,
      users: users.length ? users : undefined,
    });
  }
  return out;
}

export interface BinaryFacts {
  path: string;
  /** undefined: does not exist (or cannot be reached). */
  mode?: number;
  isFile?: boolean;
}

/** A ForceCommand that cannot be executed fails every login: worse than no audit. */
export function checkWrapperBinary(b: BinaryFacts): Finding[] {
  const base = { subject: b.path, why: "sshd runs the ForceCommand for every session: if it cannot start, nobody can log in (exit status 127)" };
  if (b.mode === undefined) {
    return [{ id: "wrapper-binary-missing", severity: "high", ...base, found: "the ForceCommand's program does not exist", fix: `install -m 0755 rationale-server ${b.path}` }];
  }
  if (!b.isFile || (b.mode & 0o111) !== 0o111) {
    return [
      {
        id: "wrapper-binary-not-executable",
        severity: "high",
        ...base,
        found: `the ForceCommand's program is not an executable file for everyone (mode ${(b.mode & 0o7777).toString(8)})`,
        fix: `chmod 0755 ${b.path}`,
      },
    ];
  }
  if (b.mode & 0o022) {
    return [
      {
        id: "wrapper-binary-writable",
        severity: "high",
        ...base,
        why: "anyone who can write the program can replace what every session runs",
        found: `the ForceCommand's program is writable by group or others (mode ${(b.mode & 0o7777).toString(8)})`,
        fix: `chmod 0755 ${b.path}`,
      },
    ];
  }
  return [];
}

export function checkWrapperSettings(configPath: string, argProblems: readonly string[], configProblems: readonly string[]): Finding[] {
  return [
    ...argProblems.map((p) => ({
      id: "wrapper-arguments",
      severity: "medium" as const,
      subject: "ForceCommand",
      found: p.replace(/^ForceCommand: /, ""),
      why: "the wrapper ignores what it does not understand and writes a config-error record for every session",
      fix: EXAMPLE_LINE,
    })),
    ...configProblems.map((p) => ({
      id: "wrapper-config",
      severity: "medium" as const,
      subject: configPath,
      found: p,
      why: "the wrapper runs with that setting's default and writes a config-error record (severity err) for every session",
      fix: `correct the line in ${configPath}; 'rationale-server help wrap' lists every keyword`,
    })),
  ];
}
