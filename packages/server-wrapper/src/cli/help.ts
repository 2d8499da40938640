/** Help texts, written like the SYNOPSIS/DESCRIPTION of a man page. */
export const USAGE = `Usage: rationale-server <command> [options]

Record why every SSH session happens. Set as sshd's ForceCommand, the wrapper
asks interactive users for a rationale, runs what the client asked for, and
writes an audit record to syslog when the session starts and when it ends.

Commands:
  wrap [--config FILE]   Run one SSH session (use as ForceCommand; see below)
  flush [--config FILE]  Deliver records spooled while a sink was down
  sessions [--json]      List the SSH sessions running now, with their rationale
  sandbox                Try it: a private sshd with the wrapper, no root needed
  doctor [--json]        Check sshd, shells, sinks and spool; say how to fix (root)
  install [OPTIONS]      Install on this server: binary, sshd drop-in, settings, spool
  uninstall [OPTIONS]    Undo install exactly, from its manifest
  help [COMMAND]         Show help for a command

Options:
  -h, --help             Show this help
  -V, --version          Show the version

Set up a server (shows every change first, keeps root out of the wrapper):
  rationale-server install --dry-run --exempt root
  rationale-server install --exempt root

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
                                 (RFC 6587 octet counting), tls://HOST:PORT
                                 (RFC 5425) or file:/PATH (trials: users can
                                 edit it); F is traditional, rfc3164, rfc5424
                                 or json (@cee). Without Sink lines:
                                 unix:SyslogSocket in SyslogFormat.
  SinkTimeout MS                 longest a sink may hold a login per record
                                 before the record is spooled (default 250)
  SpoolDir PATH                  default /var/spool/rationale (root, mode 1733)
  SpoolMaxRecords N              per user and sink (default 10000); newer
                                 records are counted and reported as lost
  StateDir PATH|none             one small file per live session, for
                                 'rationale-server sessions' (default
                                 /run/rationale/sessions, root, mode 1733;
                                 skipped silently when it does not exist)

Exit status: the command's own status (a command killed by a signal kills
the wrapper with the same signal); 77 when a session is refused for lack of
a rationale; 1 when the prompt ends without one; 70 on an internal error,
in which case no command was run.
`;

export const SESSIONS_HELP = `Usage: rationale-server sessions [--json] [--sort KEY] [--older-than AGE]
                                [--prune] [--wide] [--config FILE] [--state-dir DIR]

List the SSH sessions that are running now: user, source address and port,
client, rationale, command, when it started, how long it has run, and the
wrapper's pid. Each wrapper leaves a small state file in StateDir for the
length of its session; the list joins those files with the process table:

  live       the wrapper is running
  crashed    the file is there but its wrapper is gone (killed before it
             could clean up); its end record may be missing
  untracked  a wrapper is running without a file: still at the rationale
             prompt, StateDir missing when it started, or its user removed it

Run it as root: state files are private to their user (mode 0600), and
another user's process environment (source, command of an untracked
session) is readable by root only. Values are escaped for the terminal.

  --json             one JSON document: {"time", "sessions": [{status, user,
                     uid, src, client, rationale, command, started,
                     running_for_s, pid, session, file}]}
  --sort KEY         started (default, oldest first), duration (longest
                     first), user or client
  --older-than AGE   only sessions running at least AGE: 90m, 24h, 7d, 1d12h
  --prune            remove the state files of crashed sessions
  -w, --wide         do not shorten rationale and command
  -c, --config FILE  read StateDir from FILE (default /etc/rationale/server.conf)
  --state-dir DIR    look in DIR instead

Examples:
  rationale-server sessions
  rationale-server sessions --older-than 24h --sort duration
  rationale-server sessions --json | jq -r '.sessions[] | select(.status=="crashed") | .file'

Exit status: 0 (also when nobody is in), 64 usage error, 66 when StateDir
does not exist or is none.
`;

export const SANDBOX_HELP = `Usage: rationale-server sandbox [--port N] [--keep]

Try the wrapper without root and without touching this machine's sshd:
starts a private sshd as you on 127.0.0.1 (a free port, new host and client
keys, everything in one temporary directory), with this rationale-server as
its ForceCommand and the audit records going to a file there. It prints the
ssh line to connect with and then every record as it is written. Ctrl-C ends
the open sessions (their end records are printed), stops sshd and removes
the directory.

  --port N   listen on port N instead of a free one
  --keep     keep the directory (keys, configs, audit.log) after Ctrl-C

Needs /usr/sbin/sshd (openssh-server) and ssh-keygen (openssh-client).
Only the user who started the sandbox can log in to it.

Exit status: 0 after Ctrl-C, 1 when sshd stopped by itself, 64 usage
error, 69 when sshd or ssh-keygen is missing.
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

export const INSTALL_HELP = `Usage: rationale-server install [OPTIONS]

Make this server ask every SSH session why it happens. install copies this
binary into place, writes an sshd drop-in that makes \`rationale-server wrap\`
the ForceCommand of the accounts you choose, creates the settings file (only
if there is none), the spool and the session state directory, checks the
result with sshd itself and only then reloads sshd. Any failure puts every
file back as it was. A second run with the same options changes nothing.

Scope (repeatable; comma lists as sshd_config has them):
  --match-group GROUP    wrap members of GROUP only
  --match-user USER      wrap USER only (groups and users are OR'ed)
  --match-address CIDR   wrap only connections from these addresses (AND)
  --exempt USER          never wrap USER: a break-glass account that keeps a
                         plain shell if the wrapper ever fails. Without any
                         exempt account or scope, everyone is wrapped and
                         install warns: the wrapper fails closed.

Paths (defaults in brackets; paths inside the files are written without --root):
  --bin PATH             [/usr/local/sbin/rationale-server] where the binary
                         goes (0755 root); the running binary is used where
                         it is when PATH is that file
  --sshd-config FILE     [/etc/ssh/sshd_config] must Include the drop-in's
                         directory before its first Match block
  --dropin FILE          [/etc/ssh/sshd_config.d/20-rationale.conf] sshd keeps
                         the first value it reads, so 20 sorts before the
                         distributions' and cloud images' 50-*.conf and
                         leaves 00-19 for site rules that must win
  --config FILE          [/etc/rationale/server.conf] written only if absent:
                         every setting, commented, at its default
  --spool-dir DIR        [/var/spool/rationale] root:root 1733
  --state-dir DIR        [/run/rationale/sessions] root:root 1733
  --tmpfiles FILE        [/etc/tmpfiles.d/rationale.conf] recreates the state
                         directory at boot (when it is under /run)
  --manifest FILE        [/var/lib/rationale/install-manifest.json] what was
                         done, for uninstall; originals of replaced files are
                         kept beside it in backup/
  --root DIR             prefix every path read or written with DIR (like
                         DESTDIR); sshd validates DIR/--sshd-config, and an
                         Include line naming DIR/... or the unrooted path
                         both count. Not reloaded unless --sshd-pid-file.

sshd:
  --add-include          add the missing Include line to --sshd-config
                         (backed up, shown in the diff, removed by uninstall)
                         instead of refusing
  --reload auto|none     [auto] auto: systemctl reload ssh when systemd runs,
                         else SIGHUP to the pid in --sshd-pid-file
  --sshd-pid-file FILE   [/run/sshd.pid] send SIGHUP to this sshd
  --sshd PATH            [/usr/sbin/sshd] used for sshd -t and sshd -T
  --check-user USER      a wrapped account to prove the ForceCommand with
                         (default: the first --match-user, a member of the
                         first --match-group, or nobody)

Output:
  -n, --dry-run          print every change (a unified diff for each file)
                         and change nothing
  --json                 print one JSON object: changes, warnings, notes
  -h, --help             show this help

Order of work: refuse if sshd -t already fails or the drop-in would not be
read; write everything (originals kept in memory and, for uninstall, beside
the manifest); sshd -t; sshd -T -C user=... must show the wrapper for a
wrapped account and not for any exempt one; reload. A failure at any step
restores every path and reloads nothing (a failed reload is retried on the
restored files).

Files:
  /etc/ssh/sshd_config.d/20-rationale.conf   0644 root  AcceptEnv + Match + ForceCommand
  /etc/rationale/server.conf                 0644 root  the wrapper's settings
  /usr/local/sbin/rationale-server           0755 root  this binary
  /var/spool/rationale                       1733 root  records waiting for a sink
  /run/rationale/sessions                    1733 root  live sessions' state
  /etc/tmpfiles.d/rationale.conf             0644 root  recreates the above at boot
  /var/lib/rationale/install-manifest.json   0600 root  what uninstall undoes

Exit status: 0 installed or nothing to change; 1 a step failed and every
change was undone (sshd's message says why); 64 usage error; 70 a step
failed and some path could not be restored (listed); 78 refused before any
change (no Include of the drop-in directory, or sshd -t already failing).

Examples:
  rationale-server install --dry-run --exempt root
  rationale-server install --match-group ops,dev --exempt breakglass
  rationale-server install --add-include --exempt root --json
`;

export const UNINSTALL_HELP = `Usage: rationale-server uninstall [--dry-run] [--json] [PATH OPTIONS]

Undo what install did, as its manifest records: first remove the drop-in,
check sshd -t and reload sshd, so no new session is wrapped; then remove what
install created and restore what it replaced (content, mode and owner).
Kept, and said so: a spool that still holds undelivered records, a state
directory with live sessions, a settings file changed since install.

Options: --root, --manifest, --sshd-config, --sshd, --reload,
--sshd-pid-file, --dry-run (-n), --json, as for install. Give the same
--root and --manifest as install had; the other paths come from the manifest.

Exit status: 0 done or nothing to change; 1 a step failed (the drop-in step
is undone; a later step leaves sshd unwrapped: run uninstall again); 64
usage error; 70 some path could not be restored (listed).

Example:
  rationale-server uninstall --dry-run
`;
