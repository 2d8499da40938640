/**
 * Parse the wrapper's config file: sshd_config syntax (`Keyword value`,
 * keywords case-insensitive, `#` comments), because the people who edit it
 * edit sshd_config next to it. Hand-written rather than a TOML/YAML library:
 * it runs at the start of every SSH session, and twenty lines cost nothing.
 *
 * Never throws. A bad line keeps that setting's default and is reported as a
 * problem, so a typo cannot lock anyone out; the caller logs the problems
 * loudly.
 */
import { FORMAT_NAMES, type FormatName } from "../audit/format/formats.js";
import { FACILITIES } from "../audit/format/priority.js";
import { type Config, DEFAULTS } from "./config.js";
import { parseSinkSpec } from "./sink-spec.js";

export interface ConfigResult {
  config: Config;
  problems: string[];
}

type Setter = (c: Config, v: string) => string | undefined; // returns an error message

const positiveInt = (v: string, max: number): number | undefined =>
  /^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= max ? Number(v) : undefined;

const SETTERS: Record<string, Setter> = {
  missingrationale: (c, v) => {
    const p = v.toLowerCase();
    if (p !== "allow" && p !== "deny") return `expected "allow" or "deny"`;
    c.missingRationale = p;
  },
  rationaleminlength: (c, v) => {
    const n = positiveInt(v, 1000);
    if (n === undefined) return "expected a whole number from 1 to 1000";
    c.rationaleMinLength = n;
  },
  rationalepattern: (c, v) => {
    try {
      c.rationalePattern = new RegExp(v, "u");
    } catch (e) {
      return `not a valid regular expression (${(e as Error).message})`;
    }
  },
  prompttimeout: (c, v) => {
    const n = positiveInt(v, 86400);
    if (n === undefined) return "expected seconds, a whole number from 1 to 86400";
    c.promptTimeoutSeconds = n;
  },
  syslogsocket: (c, v) => {
    if (!v.startsWith("/")) return "expected an absolute path such as /dev/log";
    c.syslogSocket = v;
  },
  syslogfacility: (c, v) => {
    const f = FACILITIES[v.toLowerCase()];
    if (f === undefined) return `expected one of ${Object.keys(FACILITIES).join(", ")}`;
    c.syslogFacility = f;
  },
  syslogformat: (c, v) => {
    const f = v.toLowerCase();
    if (!(FORMAT_NAMES as readonly string[]).includes(f)) return `expected one of ${FORMAT_NAMES.join(", ")}`;
    c.syslogFormat = f as FormatName;
  },
  syslogtag: (c, v) => {
    if (!/^[\w.-]{1,32}$/.test(v)) return "expected 1-32 letters, digits, '.', '_' or '-'";
    c.syslogTag = v;
  },
  sdid: (c, v) => {
    if (!/^[\x21-\x7e]{1,32}$/.test(v) || /[= \]"]/.test(v) || !/@\d+(\.\d+)*$/.test(v)) {
      return "expected NAME@ENTERPRISE-NUMBER, e.g. rationale@32473";
    }
    c.sdId = v;
  },
  sink: (c, v) => {
    const spec = parseSinkSpec(v);
    if (typeof spec === "string") return spec;
    c.sinks = [...c.sinks, spec];
  },
  sinktimeout: (c, v) => {
    const n = positiveInt(v, 60000);
    if (n === undefined) return "expected milliseconds, a whole number from 1 to 60000";
    c.sinkTimeoutMs = n;
  },
  spooldir: (c, v) => {
    if (!v.startsWith("/")) return "expected an absolute path such as /var/spool/rationale";
    c.spoolDir = v;
  },
  spoolmaxrecords: (c, v) => {
    const n = positiveInt(v, 10_000_000);
    if (n === undefined) return "expected a whole number from 1 to 10000000";
    c.spoolMaxRecords = n;
  },
  statedir: (c, v) => {
    if (v.toLowerCase() === "none") return void (c.stateDir = undefined);
    if (!v.startsWith("/")) return "expected an absolute path such as /run/rationale/sessions, or none";
    c.stateDir = v;
  },
  sftpserver: (c, v) => {
    if (!v.startsWith("/")) return "expected the absolute path of sftp-server";
    c.sftpServer = v;
  },
};

/** The keywords as written in documentation (lookup is case-insensitive). */
const KEYWORDS = [
  "MissingRationale", "RationaleMinLength", "RationalePattern", "PromptTimeout", "SyslogSocket", "SyslogFacility",
  "SyslogFormat", "SyslogTag", "SdId", "Sink", "SinkTimeout", "SpoolDir", "SpoolMaxRecords", "StateDir", "SftpServer",
];

export function parseConfig(text: string, source: string): ConfigResult {
  const config: Config = { ...DEFAULTS };
  const problems: string[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === "" || line.startsWith("#")) continue;
    const m = /^(\S+)(?:\s+|\s*=\s*)(.*)$/.exec(line);
    const where = `${source}:${i + 1}`;
    if (!m) {
      problems.push(`${where}: "${line.slice(0, 80)}" has no value; write "Keyword value"`);
      continue;
    }
    const keyword = m[1]!;
    const value = m[2]!.replace(/^"(.*)"$/, "$1");
    const set = SETTERS[keyword.toLowerCase()];
    if (!set) {
      problems.push(`${where}: unknown keyword "${keyword.slice(0, 40)}"; known: ${knownKeywords()}`);
      continue;
    }
    const err = set(config, value);
    if (err) problems.push(`${where}: ${keyword} "${value.slice(0, 80)}": ${err}; using the default`);
  }
  return { config, problems };
}

function knownKeywords(): string {
  return KEYWORDS.join(", ");
}
