/**
 * The arguments `rationale ssh` gives the real ssh. Pure.
 *
 * SendEnv, not SetEnv: SendEnv carries the exported value as raw bytes, so
 * any text arrives intact; SetEnv splits on spaces, needs nested quoting,
 * keeps only its first occurrence (ours would silently replace the user's),
 * expands % and ${} from OpenSSH 10, and shows the value in `ps`
 * (shared/notes/client-integrations.md). Our -o options come first, and
 * SendEnv adds up across command line and config, so nothing the user
 * configured is replaced.
 */
import { RATIONALE, RATIONALE_CLIENT } from "@rationale/shared/variables";
import { multiplexes, type SshConfig, sendsVariable } from "./effective-config.js";

export const SEND_ENV_OPTIONS = ["-o", `SendEnv=${RATIONALE}`, "-o", `SendEnv=${RATIONALE_CLIENT}`];

/**
 * Our own masters, started by us and so always with SendEnv for both
 * variables: HOME/.ssh/rationale-%C (%C is a hash of the connection).
 */
export const ownControlPath = (home: string) => `${home}/.ssh/rationale-%C`;

/** The user chose a control socket on the command line (-S PATH, -o ControlPath=...). */
function choosesControlPath(args: readonly string[]): boolean {
  return args.some((a, i) => {
    if (a.startsWith("-S")) return true;
    const opt = a === "-o" ? args[i + 1] : a.startsWith("-o") ? a.slice(2) : undefined;
    return opt !== undefined && /^\s*controlpath\s*[=\s]/i.test(opt);
  });
}

/**
 * A session through a master connection carries a variable only if the
 * master itself was started with SendEnv for it; a master that a plain
 * `ssh` started would silently drop the rationale. Unless the configuration
 * sends both variables anyway (then every master has them), multiplexed
 * connections get a control path of their own.
 */
export function needsOwnMaster(config: SshConfig, userArgs: readonly string[]): boolean {
  if (!multiplexes(config) || choosesControlPath(userArgs)) return false;
  return !(sendsVariable(config, RATIONALE) && sendsVariable(config, RATIONALE_CLIENT));
}

/** @param ownMaster the control path to use instead of the configured one, if any */
export function sshArgv(userArgs: readonly string[], ownMaster?: string): string[] {
  return [...SEND_ENV_OPTIONS, ...(ownMaster ? ["-o", `ControlPath=${ownMaster}`] : []), ...userArgs];
}
