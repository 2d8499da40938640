/**
 * Which files a login shell reads when sshd starts the ForceCommand as
 * `SHELL -c 'COMMAND'` (OpenSSH session.c, do_child: argv[0] is the shell's
 * base name without '-', so it is not a login shell, and it is not
 * interactive). Code in any of those files runs as the user before the
 * wrapper, and can `exec` something else instead of it.
 *
 * - bash: run_startup_files() in shell.c sources the system bashrc and
 *   ~/.bashrc when it believes sshd started it (SSH_CLIENT set, with
 *   SSH_SOURCE_BASHRC as Debian, Ubuntu and Fedora build it, or stdin a
 *   socket) and SHLVL < 2.
 * - zsh: ~/.zshenv ($ZDOTDIR/.zshenv) is read by every zsh, -c or not.
 * - fish: ~/.config/fish/config.fish and conf.d/*.fish, always.
 * - csh/tcsh: ~/.tcshrc or ~/.cshrc, always (unless -f).
 * - dash, sh, ksh, mksh, posh: $ENV for interactive shells only; nothing for -c.
 * The bash, zsh, fish, tcsh and dash rows are shown against a real sshd in
 * test/doctor.test.ts.
 */
export interface ShellStartup {
  /** Files relative to the home directory that the shell reads for `-c`. */
  userFiles: string[];
  /** How the claim was established. */
  source: string;
}

const TABLE: Record<string, ShellStartup> = {
  bash: { userFiles: [".bashrc"], source: "bash shell.c run_startup_files (SSH_SOURCE_BASHRC)" },
  rbash: { userFiles: [".bashrc"], source: "bash shell.c run_startup_files (SSH_SOURCE_BASHRC)" },
  zsh: { userFiles: [".zshenv"], source: "zsh reads ~/.zshenv for every invocation" },
  fish: { userFiles: [".config/fish/config.fish", ".config/fish/conf.d"], source: "fish reads config.fish for every invocation" },
  csh: { userFiles: [".cshrc"], source: "csh reads ~/.cshrc for every invocation" },
  tcsh: { userFiles: [".tcshrc", ".cshrc"], source: "tcsh reads ~/.tcshrc or ~/.cshrc for every invocation" },
  sh: { userFiles: [], source: "POSIX sh reads $ENV only when interactive" },
  dash: { userFiles: [], source: "dash reads $ENV only when interactive" },
  ksh: { userFiles: [], source: "ksh reads $ENV only when interactive" },
  ksh93: { userFiles: [], source: "ksh reads $ENV only when interactive" },
  mksh: { userFiles: [], source: "mksh reads $ENV only when interactive" },
  posh: { userFiles: [], source: "posh reads $ENV only when interactive" },
};

export function shellStartup(shell: string): ShellStartup | undefined {
  return TABLE[shell.slice(shell.lastIndexOf("/") + 1)];
}

/** Shells that refuse logins: an account with one of these cannot start a session, wrapper or not. */
export function isNoLoginShell(shell: string): boolean {
  return /(^|\/)(nologin|false)$/.test(shell) || shell === "/bin/sync" || shell === "";
}

export interface PathFacts {
  uid: number;
  gid: number;
  mode: number;
  isDirectory: boolean;
  /** chattr +i: nobody, root included, may change, rename or remove it. */
  immutable: boolean;
}

export interface Who {
  uid: number;
  gids: readonly number[];
}

function writableBy(f: PathFacts | undefined, who: Who): boolean {
  if (!f || f.immutable) return false;
  if (who.uid === 0) return true;
  if (f.uid === who.uid) return true; // an owner can always chmod it writable
  if (who.gids.includes(f.gid)) return (f.mode & 0o020) !== 0;
  return (f.mode & 0o002) !== 0;
}

/** Sticky directories (/tmp) let only an entry's owner rename or remove it. */
function canReplaceEntry(dir: PathFacts | undefined, entry: PathFacts | undefined, who: Who): boolean {
  if (!writableBy(dir, who)) return false;
  if (entry?.immutable) return false;
  if (dir && dir.mode & 0o1000 && entry && entry.uid !== who.uid && dir.uid !== who.uid) return false;
  return true;
}

/**
 * Can `who` change what the shell reads at `path` (inside `home`)? True when
 * the user may write the file, or replace it or any directory on the way to
 * it below the home directory's parent (a user who owns ~ can rename a
 * root-owned ~/.bashrc away, unless it is immutable).
 */
export function userCanChange(path: string, home: string, who: Who, facts: (p: string) => PathFacts | undefined): boolean {
  if (writableBy(facts(path), who)) return true;
  let child = path;
  for (;;) {
    const dir = child.slice(0, child.lastIndexOf("/")) || "/";
    if (canReplaceEntry(facts(dir), facts(child), who)) return true;
    if (dir === home) {
      const parent = home.slice(0, home.lastIndexOf("/")) || "/";
      return canReplaceEntry(facts(parent), facts(home), who);
    }
    if (dir === "/" || !dir.startsWith(home)) return false;
    child = dir;
  }
}
