/** The wrapper's settings and their safe defaults. */
import { DEFAULT_SD_ID } from "../audit/format/structured-data.js";
import type { SinkSpec } from "./sink-spec.js";

export type MissingRationalePolicy = "allow" | "deny";
export type { FormatName as SyslogFormat } from "../audit/format/formats.js";
import type { FormatName } from "../audit/format/formats.js";

export interface Config {
  /** Non-interactive session without a rationale: run it and record the absence, or refuse it. */
  missingRationale: MissingRationalePolicy;
  rationaleMinLength: number;
  /** A rationale must contain a match (e.g. a ticket id); undefined accepts any text. */
  rationalePattern?: RegExp;
  /** Seconds of silence at the prompt before the connection is closed. */
  promptTimeoutSeconds: number;
  syslogSocket: string;
  syslogFacility: number;
  syslogFormat: FormatName;
  syslogTag: string;
  sdId: string;
  /** What `internal-sftp` runs as, since it cannot be exec'd outside sshd. */
  sftpServer: string;
  /** `Sink` lines; none means one unix sink at syslogSocket in syslogFormat. */
  sinks: SinkSpec[];
  /** Longest a sink may hold up a session for one record (ms) before the record is spooled. */
  sinkTimeoutMs: number;
  spoolDir: string;
  /** Records kept per user and sink while a sink is down; newer ones are counted as lost. */
  spoolMaxRecords: number;
  /** Where each live session leaves a small state file for `rationale-server sessions`; undefined: none. */
  stateDir: string | undefined;
}

export const DEFAULT_CONFIG_PATH = "/etc/rationale/server.conf";
/** Named on its own because Config types StateDir as optional ("none"), and install needs it as a string. */
export const DEFAULT_STATE_DIR = "/run/rationale/sessions";

export const DEFAULTS: Readonly<Config> = Object.freeze({
  missingRationale: "allow",
  rationaleMinLength: 1,
  rationalePattern: undefined,
  promptTimeoutSeconds: 300,
  syslogSocket: "/dev/log",
  syslogFacility: 10, // authpriv: readable by root only on most systems
  syslogFormat: "traditional",
  syslogTag: "rationale",
  sdId: DEFAULT_SD_ID,
  sftpServer: "/usr/lib/openssh/sftp-server",
  sinks: [],
  sinkTimeoutMs: 250,
  spoolDir: "/var/spool/rationale",
  spoolMaxRecords: 10000,
  stateDir: DEFAULT_STATE_DIR,
});

/** The sinks in effect: the `Sink` lines, or the local socket of the Syslog* settings. */
export function effectiveSinks(c: Config): SinkSpec[] {
  return c.sinks.length ? c.sinks : [{ transport: "unix", address: c.syslogSocket, format: c.syslogFormat }];
}
