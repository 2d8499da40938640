/**
 * Options of `rationale-server install` and `uninstall`, parsed once (pure).
 * Every path is overridable so that tests run against a scratch tree and a
 * test sshd without touching /etc.
 */
import { DEFAULT_CONFIG_PATH, DEFAULT_STATE_DIR, DEFAULTS } from "../config/config.js";

export interface InstallOptions {
  root: string;
  bin: string;
  sshdConfig: string;
  dropin: string;
  config: string;
  spoolDir: string;
  stateDir: string;
  tmpfiles: string;
  manifest: string;
  matchGroups: string[];
  matchUsers: string[];
  matchAddresses: string[];
  exempt: string[];
  checkUser?: string;
  addInclude: boolean;
  reload: "auto" | "none";
  /** Undefined: the default, and `--reload auto` may prefer systemctl; given: HUP this pid. */
  sshdPidFile?: string;
  sshd: string;
  dryRun: boolean;
  json: boolean;
}

export const DEFAULT_SSHD_PID_FILE = "/run/sshd.pid";

export const INSTALL_DEFAULTS: Readonly<InstallOptions> = Object.freeze({
  root: "",
  bin: "/usr/local/sbin/rationale-server",
  sshdConfig: "/etc/ssh/sshd_config",
  // 20: sshd keeps the first value it reads for most keywords, and Include
  // reads files in lexical order. Debian ships sshd_config.d empty, Ubuntu's
  // cloud images add 50-cloud-init.conf and 60-cloudimg-settings.conf: below
  // them our Match block is read first, while 00-19 stay free for a site's
  // own break-glass rules that must win over ours.
  dropin: "/etc/ssh/sshd_config.d/20-rationale.conf",
  // The wrapper's own defaults, not copies: install must make what the
  // wrapper uses when nothing is set, and the config template comments a
  // directory out only when it equals the wrapper's default.
  config: DEFAULT_CONFIG_PATH,
  spoolDir: DEFAULTS.spoolDir,
  stateDir: DEFAULT_STATE_DIR,
  tmpfiles: "/etc/tmpfiles.d/rationale.conf",
  manifest: "/var/lib/rationale/install-manifest.json",
  matchGroups: [],
  matchUsers: [],
  matchAddresses: [],
  exempt: [],
  addInclude: false,
  reload: "auto",
  sshd: "/usr/sbin/sshd",
  dryRun: false,
  json: false,
});

/** The defaults with lists of their own: INSTALL_DEFAULTS' lists are shared, and options are filled in by pushing. */
export function installDefaults(): InstallOptions {
  return { ...INSTALL_DEFAULTS, matchGroups: [], matchUsers: [], matchAddresses: [], exempt: [] };
}

type ValueKey = "root" | "bin" | "sshdConfig" | "dropin" | "config" | "spoolDir" | "stateDir" | "tmpfiles" | "manifest" | "sshdPidFile" | "sshd" | "checkUser";
type ListKey = "matchGroups" | "matchUsers" | "matchAddresses" | "exempt";
type FlagKey = "addInclude" | "dryRun" | "json";

const VALUES: Record<string, ValueKey> = {
  "--root": "root", "--bin": "bin", "--sshd-config": "sshdConfig", "--dropin": "dropin", "--config": "config",
  "--spool-dir": "spoolDir", "--state-dir": "stateDir", "--tmpfiles": "tmpfiles", "--manifest": "manifest",
  "--sshd-pid-file": "sshdPidFile", "--sshd": "sshd", "--check-user": "checkUser",
};
const LISTS: Record<string, ListKey> = {
  "--match-group": "matchGroups", "--match-user": "matchUsers", "--match-address": "matchAddresses", "--exempt": "exempt",
};
const FLAGS: Record<string, FlagKey> = {
  "--add-include": "addInclude", "--dry-run": "dryRun", "-n": "dryRun", "--json": "json",
};

/**
 * A name sshd reads as one pattern: no white space, quotes, commas or "!"
 * (which would split it, end the Match line or negate it). sshd accepts
 * almost anything else, so this does not try to be a user-name validator.
 */
const PATTERN = /^[^\s"'\\,!#]+$/;

export function parseInstallArgs(args: readonly string[], command: "install" | "uninstall"): { options: InstallOptions; problems: string[] } {
  const o = installDefaults();
  const problems: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const takeValue = (): string | undefined => {
      if (inline !== undefined) return inline;
      const v = args[++i];
      if (v === undefined) problems.push(`${name} needs a value`);
      return v;
    };
    if (name in FLAGS && inline === undefined) {
      o[FLAGS[name]!] = true;
    } else if (name in VALUES) {
      const v = takeValue();
      if (v !== undefined) o[VALUES[name]!] = v;
    } else if (name in LISTS) {
      const v = takeValue();
      if (v === undefined) continue;
      for (const item of v.split(",")) {
        if (!PATTERN.test(item)) problems.push(`${name} "${item}": expected a name or pattern without spaces, quotes, "!" or "#"`);
        else o[LISTS[name]!].push(item);
      }
    } else if (name === "--reload") {
      const v = takeValue();
      if (v === "auto" || v === "none") o.reload = v;
      else if (v !== undefined) problems.push(`--reload "${v}": expected auto or none`);
    } else {
      problems.push(`unknown option "${arg.slice(0, 80)}"`);
    }
  }
  for (const key of ["bin", "sshdConfig", "dropin", "config", "spoolDir", "stateDir", "tmpfiles", "manifest", "sshdPidFile", "sshd"] as const) {
    const v = o[key];
    if (v === undefined) continue;
    if (!v.startsWith("/")) problems.push(`--${flagName(key)} "${v}": expected an absolute path`);
    else o[key] = normalise(v);
  }
  if (o.root) o.root = normalise(o.root).replace(/\/$/, "");
  if (o.root && !o.root.startsWith("/")) problems.push(`--root "${o.root}": expected an absolute path`);
  if (command === "uninstall") {
    const scoped = [...o.matchGroups, ...o.matchUsers, ...o.matchAddresses, ...o.exempt];
    if (scoped.length || o.addInclude) problems.push("uninstall takes no scoping options: it undoes what the manifest records");
  }
  return { options: o, problems };
}

const flagName = (key: string) => Object.entries(VALUES).find(([, v]) => v === key)![0].slice(2);

function normalise(p: string): string {
  const out: string[] = [];
  for (const part of p.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") out.pop();
    else out.push(part);
  }
  return "/" + out.join("/");
}
