/** The wrapper's settings and their safe defaults. */
import { DEFAULT_SD_ID } from "../audit/format/structured-data.js";

export type MissingRationalePolicy = "allow" | "deny";
export type SyslogFormat = "traditional" | "rfc5424";

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
  syslogFormat: SyslogFormat;
  syslogTag: string;
  sdId: string;
  /** What `internal-sftp` runs as, since it cannot be exec'd outside sshd. */
  sftpServer: string;
}

export const DEFAULT_CONFIG_PATH = "/etc/rationale/server.conf";

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
});
