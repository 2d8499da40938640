/**
 * Environment variables a client must never set: each is read by the login
 * shell, the dynamic linker, an interpreter or the compiled wrapper itself
 * before the wrapper has decided anything. sshd passes a client's variable
 * only when an AcceptEnv pattern matches it. Pure.
 */
import { patternsOverlap } from "./sshd-patterns.js";

export const DANGEROUS_NAMES: readonly { pattern: string; why: string }[] = [
  { pattern: "LD_*", why: "the dynamic linker loads LD_PRELOAD/LD_AUDIT libraries into the shell and the wrapper" },
  { pattern: "GCONV_PATH", why: "glibc loads character-set modules from it" },
  { pattern: "GLIBC_TUNABLES", why: "changes glibc's behaviour (CVE-2023-4911)" },
  { pattern: "BASH_ENV", why: "bash sources this file before running the ForceCommand" },
  { pattern: "ENV", why: "POSIX shells source this file when interactive" },
  { pattern: "BASH_FUNC_*", why: "bash imports shell functions from these variables" },
  { pattern: "SHELLOPTS", why: "sets bash options (xtrace with PS4 runs code)" },
  { pattern: "BASHOPTS", why: "sets bash options" },
  { pattern: "PS4", why: "expanded, with command substitution, under xtrace" },
  { pattern: "PROMPT_COMMAND", why: "run by bash before each prompt" },
  { pattern: "ZDOTDIR", why: "zsh reads .zshenv from this directory before running the ForceCommand" },
  { pattern: "PYTHON*", why: "PYTHONSTARTUP/PYTHONPATH run code in any Python the session starts" },
  { pattern: "PERL5*", why: "PERL5OPT/PERL5LIB run code in any Perl" },
  { pattern: "PERLLIB", why: "Perl module path" },
  { pattern: "RUBY*", why: "RUBYOPT/RUBYLIB run code in any Ruby" },
  { pattern: "NODE_*", why: "NODE_OPTIONS --require runs code in any Node" },
  { pattern: "BUN_*", why: "BUN_BE_BUN makes the compiled wrapper run as the bun CLI instead of recording the session" },
  { pattern: "PATH", why: "decides which programs a command name runs" },
  { pattern: "IFS", why: "changes how shells split words" },
  { pattern: "TMPDIR", why: "points temporary files at attacker-chosen places" },
  { pattern: "HOME", why: "decides which start-up files shells read" },
  { pattern: "SHELL", why: "programs start this as the user's shell" },
  { pattern: "SSL_CERT_*", why: "replaces the CAs a TLS sink trusts" },
];

/** The two names the wrapper reads; RATIONALE* beyond them is ignored by it. */
export const RATIONALE_NAMES = ["RATIONALE", "RATIONALE_CLIENT"] as const;

export interface AcceptEnvVerdict {
  pattern: string;
  /** Dangerous families the pattern lets through. */
  dangerous: { pattern: string; why: string }[];
  /** Lets through RATIONALE-prefixed names other than the two the wrapper reads. */
  widerRationale: boolean;
}

export function judgeAcceptEnv(pattern: string): AcceptEnvVerdict {
  return {
    pattern,
    dangerous: DANGEROUS_NAMES.filter((d) => patternsOverlap(pattern, d.pattern)),
    widerRationale: patternsOverlap(pattern, "RATIONALE*") && !(RATIONALE_NAMES as readonly string[]).includes(pattern),
  };
}
