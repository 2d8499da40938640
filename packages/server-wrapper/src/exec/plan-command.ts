/**
 * How to run what the client asked for, the way sshd would have
 * (session.c do_child): a command runs as `$SHELL -c COMMAND`; no command
 * runs the login shell with a leading '-' in argv[0]. The one exception:
 * `internal-sftp` lives inside sshd and cannot be exec'd, so the configured
 * sftp-server binary stands in for it.
 */
export interface ExecPlan {
  argv: string[];
  argv0: string;
  /** Run under a new pseudo-terminal (the client asked for a tty). */
  pty: boolean;
}

export interface PlanInput {
  shell: string;
  command: string | undefined;
  tty: boolean;
  sftpServer: string;
}

const INTERNAL_SFTP = /^internal-sftp(?=$|[ \t])/;

export function planCommand(i: PlanInput): ExecPlan {
  const base = i.shell.slice(i.shell.lastIndexOf("/") + 1);
  if (i.command === undefined) {
    return { argv: [i.shell], argv0: "-" + base, pty: i.tty };
  }
  const command = INTERNAL_SFTP.test(i.command) ? i.sftpServer + i.command.slice("internal-sftp".length) : i.command;
  return { argv: [i.shell, "-c", command], argv0: base, pty: i.tty };
}
