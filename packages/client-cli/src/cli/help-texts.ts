/** Examples shown after each command's --help, written like a man page's EXAMPLES. */
export const MAIN_EXAMPLES = `
Where the rationale comes from, first match wins:
  -m/--rationale TEXT, then an exported RATIONALE, then a prompt on the
  terminal that offers your recent rationales. With none of them (no
  terminal: cron, CI), rationale exits with status 2 and runs nothing.

Examples:
  rationale ssh web1                            ask why, then log in
  rationale -m "INC-42 restart queue" ssh web1 sudo systemctl restart queue
  rationale exec -- scp backup.tar web1:/srv/   any tool, RATIONALE exported
  rationale setup 'web-*' 'db-*'                make plain ssh send the rationale
  rationale doctor web1                         check that web1 receives it
  rationale report /var/log/auth.log*           summarise the servers' records

Rules (minimum length, a ticket pattern) come from
$XDG_CONFIG_HOME/rationale/config.json, under a team file in
$XDG_CONFIG_DIRS/rationale/config.json (/etc/xdg by default) that may pin them.
Exit status: the tool's own (or its signal); 2 for usage errors and a missing
rationale; 1 when setup fails or doctor finds a problem; report: 66 when an
input cannot be read, 73 when the page cannot be written.
`;

export const SSH_EXAMPLES = `
Runs the real ssh with -o SendEnv=RATIONALE -o SendEnv=RATIONALE_CLIENT
before your arguments (your own ssh options and config still apply) and
RATIONALE_CLIENT=ssh unless --client or $RATIONALE_CLIENT says otherwise.
If your configuration shares master connections (ControlMaster) without
sending the variables, rationale ssh uses masters of its own
(~/.ssh/rationale-%C) so that an old master cannot drop the rationale.
Put rationale's own options before "ssh": everything after it goes to ssh.

Examples:
  rationale ssh web1
  rationale -m "OPS-7 rotate logs" ssh -p 2222 admin@web1 'logrotate -f /etc/logrotate.conf'
  tar c site | rationale -m "DEPLOY-3 static files" ssh web1 'tar x -C /srv'
`;

export const EXEC_EXAMPLES = `
Exports RATIONALE and RATIONALE_CLIENT (default: the command's name) and
runs COMMAND; the tool must send them (ssh-based tools do, with SendEnv set
by 'rationale setup'). The exit status and signal are COMMAND's.

Examples:
  rationale exec -- scp -r site web1:/srv/
  rationale exec -m "INC-9 pull logs" -- rsync -a web1:/var/log/app/ logs/
  rationale exec --client ansible -- ansible-playbook site.yml
`;

export const SETUP_EXAMPLES = `
Adds (or updates) one marked block at the end of ~/.ssh/config:

  # BEGIN rationale: managed by \`rationale setup\`; ...
  Host PATTERN...
      SendEnv RATIONALE RATIONALE_CLIENT
  # END rationale

Lines outside the block are never changed. The previous file is kept as
~/.ssh/config.rationale-backup. Running it again with the same patterns
changes nothing. Check the result with: ssh -G HOST | grep -i sendenv

Examples:
  rationale setup                       every host (pattern *)
  rationale setup --dry-run 'web-*'     show the change, write nothing
  rationale setup --remove              delete the block
`;

export const DOCTOR_EXAMPLES = `
Connects to HOST without any shared master, sends a probe rationale (yours
with -m, else $RATIONALE, else a fixed text) and RATIONALE_CLIENT=rationale-doctor,
and has the session print what arrived. Reports whether the wrapper runs,
whether each variable arrived intact, and whether plain ssh to HOST sends
them, each with the line that fixes it. Exit status 1 when something is wrong.

Examples:
  rationale doctor web1
  rationale doctor -p 2222 admin@web1
  rationale doctor --json web1
`;

export const COMPLETION_EXAMPLES = `
Examples:
  rationale completion bash > ~/.local/share/bash-completion/completions/rationale
  rationale completion zsh > "\${fpath[1]}/_rationale"
`;

export const REPORT_EXAMPLES = `
Reads the records the servers wrote (rationale[PID] lines) from log files,
plain or gzip-rotated (auth.log.2.gz is read before auth.log.1 and auth.log),
or from stdin (-, or no FILE): syslog lines in any of the wrapper's formats,
the @cee: JSON form, or journalctl -o json. Lines of other programs are
skipped; malformed lines of rationale are counted and shown, never fatal.
Sessions are rebuilt from start and end records (a start without an end is
"open", or "lost" after --lost-after); sessions of --automation clients with
the same client and rationale, less than --run-gap apart, form one run.
Reads line by line in constant memory; duration percentiles are within 4.4 %.

Output: a summary on the terminal; --json the whole report; --csv one row per
session (cells that a spreadsheet would run as a formula start with ');
--html FILE a self-contained page with charts that opens offline.
Times: 2026-11-01, 2026-11-01T08:00 (local time unless a zone is given) or an
age: 90s, 15m, 24h, 7d, 2w. Exit status 0; 2 for usage errors; 66 when a file
cannot be read; 73 when the --html file cannot be written.

Examples:
  rationale report /var/log/auth.log*
  rationale report --since 7d --client ansible,capistrano /var/log/rationale.log*
  journalctl -o json -t rationale --since -7d | rationale report --html report.html
  rationale report --json --user alice /var/log/auth.log > alice.json
  zcat /var/log/auth.log.*.gz | rationale report --csv - > sessions.csv
`;
