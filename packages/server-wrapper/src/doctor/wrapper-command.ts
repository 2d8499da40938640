/**
 * Is sshd's effective ForceCommand the rationale wrapper, and with which
 * settings file? Recognised by its argv: an absolute path ending in
 * /rationale-server followed by `wrap`. Pure.
 */
import { shellWords } from "../classify/shell-words.js";
import { parseWrapArgs } from "../cli/wrap-args.js";
import { DEFAULT_CONFIG_PATH } from "../config/config.js";

export interface WrapperCommand {
  binary: string;
  configPath: string;
  /** --config was on the line (else the default, which may legitimately be absent). */
  configGiven: boolean;
  /** Arguments the wrapper would ignore (it never refuses a login over them). */
  problems: string[];
}

export function parseForceCommand(forceCommand: string | undefined): WrapperCommand | undefined {
  if (!forceCommand || forceCommand === "none") return undefined;
  const words = shellWords(forceCommand) ?? forceCommand.split(/\s+/);
  const at = words.findIndex((w, i) => /^\/.*\/rationale-server$/.test(w) && words[i + 1] === "wrap");
  if (at === -1) return undefined;
  const args = parseWrapArgs(words.slice(at + 2));
  return { binary: words[at]!, configPath: args.configPath ?? DEFAULT_CONFIG_PATH, configGiven: args.configPath !== undefined, problems: args.problems };
}
