/** Help texts, written like the SYNOPSIS/DESCRIPTION of a man page. */
export const USAGE = `Usage: rationale-server <command> [options]

Record why every SSH session happens. Set as sshd's ForceCommand, the wrapper
asks interactive users for a rationale, runs what the client asked for, and
writes an audit record to syslog when the session starts and when it ends.

Commands:
  wrap [--config FILE]   Run one SSH session (use as ForceCommand; see below)
  flush [--config FILE]  Deliver records spooled while a sink was down
  doctor [--json]        Check sshd, shells, sinks and spool; say how to fix (root)
  help [COMMAND]         Show help for a command

Options:
  -h, --help             Show this help
  -V, --version          Show the version

Example /etc/ssh/sshd_config.d/50-rationale.conf:
  AcceptEnv RATIONALE RATIONALE_CLIENT
  ForceCommand /usr/local/bin/rationale-server wrap --config /etc/rationale/server.conf

Exit status: the session's own status, unchanged; 64 for a usage error.
Documentation: README.md in the rationale repository.
`;

export const FLUSH_HELP = `Usage: rationale-server flush [--config FILE]

Deliver the records that were spooled while a sink was down, oldest first,
followed by a count of any that the full spool had to drop. Sessions also
deliver the spool whenever their sink answers again; run this from cron or a
systemd timer so that records do not wait for the next login. As root it
delivers every user's spool; as a user, their own.

Exit status: 0 when nothing is left, 75 when a sink still refuses records.
`;

export const WRAP_HELP = `Usage: rationale-server wrap [--config FILE]

Run one SSH session: sshd starts this for every session when it is the
ForceCommand. It reads from the environment only what sshd sets
(SSH_ORIGINAL_COMMAND, SSH_CONNECTION) and what the client may send
(RATIONALE, RATIONALE_CLIENT); the account comes from the real uid.

  -c, --config FILE   Settings file (default /etc/rationale/server.conf, if present).
                      A missing or broken file never blocks a login: defaults apply
                      and a config-error record is written at severity err.

Interactive sessions without a RATIONALE are asked for one at a
"RATIONALE:" prompt that Ctrl-C, Ctrl-Z and Ctrl-\\ cannot leave; Ctrl-D or
the idle timeout closes the connection. Non-interactive sessions without one
are run and recorded (MissingRationale allow, the default) or refused
(MissingRationale deny).

Settings (sshd_config syntax, "Keyword value"):
  MissingRationale allow|deny    non-interactive session without a rationale
  RationaleMinLength N           minimum characters (default 1)
  RationalePattern REGEX         must contain a match, e.g. [A-Z]+-[0-9]+
  PromptTimeout SECONDS          idle time at the prompt (default 300)
  SyslogSocket PATH              local syslog socket (default /dev/log)
  SyslogFacility NAME            default authpriv
  SyslogFormat traditional|rfc5424
                                 traditional (default) is what every local
                                 daemon parses on /dev/log; rfc5424 needs an
                                 imuxsock with useSpecialParser="off"
  SyslogTag NAME                 default rationale
  SdId NAME@PEN                  structured-data id (default rationale@32473)
  SftpServer PATH                what internal-sftp runs as
                                 (default /usr/lib/openssh/sftp-server)
  Sink URL [format=F] [ca=FILE] [cert=FILE] [key=FILE]
                                 where records go; repeat for several. URL is
                                 unix:/PATH, udp://HOST:PORT, tcp://HOST:PORT
                                 (RFC 6587 octet counting) or tls://HOST:PORT
                                 (RFC 5425); F is traditional, rfc3164, rfc5424
                                 or json (@cee). Without Sink lines:
                                 unix:SyslogSocket in SyslogFormat.
  SinkTimeout MS                 longest a sink may hold a login per record
                                 before the record is spooled (default 250)
  SpoolDir PATH                  default /var/spool/rationale (root, mode 1733)
  SpoolMaxRecords N              per user and sink (default 10000); newer
                                 records are counted and reported as lost

Exit status: the command's own status (a command killed by a signal kills
the wrapper with the same signal); 77 when a session is refused for lack of
a rationale; 1 when the prompt ends without one; 70 on an internal error,
in which case no command was run.
`;

export const DOCTOR_HELP = `Usage: rationale-server doctor [options]

Check, as root, that every SSH session really goes through the wrapper and
that its records reach the log. Reads sshd's effective configuration
(sshd -T, once per class of accounts and once per Match block), the
accounts (getent passwd), the wrapper's settings, its sinks and its spool,
and reports each finding with why it matters and the line that fixes it:
  - accounts and Match blocks where the ForceCommand is not the wrapper,
    and a ForceCommand program that is missing (every login would fail);
  - forwarding and tunnels, which ssh -N opens without running it;
  - PermitUserEnvironment and AcceptEnv patterns that let a client set
    LD_PRELOAD, BASH_ENV, BUN_BE_BUN... before the wrapper starts;
  - login shells that run user-writable files (~/.bashrc, ~/.zshenv...)
    before the wrapper;
  - sinks that do not answer, and spooled records that are not delivered.

Options:
  -f, --sshd-config FILE  sshd's main file (default /etc/ssh/sshd_config)
      --sshd PATH         the sshd binary (default /usr/sbin/sshd)
  -u, --user NAME         check only these accounts (repeatable, or a,b,c);
                          default every account with a login shell
      --exempt NAME       an account deliberately without the wrapper
                          (break-glass): reported as info, not high
      --spool-age SECONDS records spooled longer than this are high (default 300)
      --sink-timeout SECONDS  time each sink has to answer (default 3)
  -j, --jobs N            sshd -T runs at once (default: number of CPUs)
      --json              machine-readable output (see README.md, "Doctor")

Exit status: 0 no high-severity finding; 1 high-severity findings; 64 usage
error or unknown account; 69 sshd not found; 77 not run as root; 78 sshd
rejects its configuration (sshd -T failed: fix that first).
`;
