/**
 * /etc/rationale/server.conf as install writes it when there is none: every
 * setting, commented out at its default, so an operator sees what can be set.
 * Only the directories chosen with --spool-dir/--state-dir are set, since the
 * wrapper must use the ones install created.
 */
import { DEFAULTS } from "../config/config.js";

export function renderConfigTemplate(o: { spoolDir: string; stateDir: string }, version: string): string {
  const setting = (keyword: string, value: string, isDefault: boolean) => `${isDefault ? "#" : ""}${keyword} ${value}`;
  return `# /etc/rationale/server.conf: settings of \`rationale-server wrap\`, written by
# rationale-server install ${version}. sshd_config syntax: "Keyword value".
# Every setting is shown at its default; remove the "#" to change one. A bad
# line never locks anyone out: its default applies and a config-error record
# is written at severity err. \`rationale-server help wrap\` explains them.

# A non-interactive session (ansible, scp, a command) without a rationale:
# allow = run it and record that none was given; deny = refuse it (exit 77).
#MissingRationale ${DEFAULTS.missingRationale}

# What counts as a rationale (what clients send and what is typed at the prompt).
#RationaleMinLength ${DEFAULTS.rationaleMinLength}
#RationalePattern [A-Z]+-[0-9]+

# Seconds of silence at the RATIONALE: prompt before the connection is closed.
#PromptTimeout ${DEFAULTS.promptTimeoutSeconds}

# The local syslog socket and how records look there.
#SyslogSocket ${DEFAULTS.syslogSocket}
#SyslogFacility authpriv
#SyslogFormat ${DEFAULTS.syslogFormat}
#SyslogTag ${DEFAULTS.syslogTag}
#SdId ${DEFAULTS.sdId}

# Destinations; repeat for several. Without Sink lines: unix:SyslogSocket.
#Sink unix:/dev/log
#Sink tls://logs.example.com:6514 ca=/etc/rationale/ca.pem
#SinkTimeout ${DEFAULTS.sinkTimeoutMs}

# Where records wait while a sink is down (root's, mode 1733).
${setting("SpoolDir", o.spoolDir, o.spoolDir === DEFAULTS.spoolDir)}
#SpoolMaxRecords ${DEFAULTS.spoolMaxRecords}

# Where live sessions leave state files for \`rationale-server sessions\`
# (root's, mode 1733; "none" for no state files).
${setting("StateDir", o.stateDir, o.stateDir === DEFAULTS.stateDir)}

# What \`Subsystem sftp internal-sftp\` runs as under the wrapper.
#SftpServer ${DEFAULTS.sftpServer}
`;
}
