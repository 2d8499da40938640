import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { DEFAULTS } from "../../src/config/config.js";
import { loadConfig } from "../../src/config/load-config.js";
import { parseConfig } from "../../src/config/parse-config.js";

describe("parseConfig", () => {
  test("reads sshd_config-style keywords case-insensitively, with comments", () => {
    const { config, problems } = parseConfig(
      "# site policy\nMissingRationale deny\nrationaleminlength 8\nRationalePattern [A-Z]+-[0-9]+\nPromptTimeout=30\nSyslogFacility local3\nSyslogFormat RFC5424\nSyslogTag audit\nSdId rationale@99999\nSftpServer /opt/sftp-server\nSyslogSocket \"/run/log.sock\"\n",
      "f",
    );
    expect(problems).toEqual([]);
    expect(config).toMatchObject({
      missingRationale: "deny",
      rationaleMinLength: 8,
      promptTimeoutSeconds: 30,
      syslogFacility: 19,
      syslogFormat: "rfc5424",
      syslogTag: "audit",
      sdId: "rationale@99999",
      sftpServer: "/opt/sftp-server",
      syslogSocket: "/run/log.sock",
    });
    expect(config.rationalePattern!.test("OPS-1")).toBe(true);
  });

  test("a bad line keeps that setting's default and says where, what and how to fix it", () => {
    const { config, problems } = parseConfig("MissingRationale maybe\nPromptTimeout -1\nBogus x\nRationalePattern ([\nSdId bad\nlonely\n", "/etc/r.conf");
    expect(config).toEqual({ ...DEFAULTS });
    expect(problems).toHaveLength(6);
    expect(problems[0]).toBe('/etc/r.conf:1: MissingRationale "maybe": expected "allow" or "deny"; using the default');
    expect(problems[1]).toContain("/etc/r.conf:2: PromptTimeout");
    expect(problems[2]).toContain('unknown keyword "Bogus"; known: MissingRationale');
    expect(problems[3]).toContain("not a valid regular expression");
    expect(problems[4]).toContain("NAME@ENTERPRISE-NUMBER");
    expect(problems[5]).toContain('"lonely" has no value');
  });
});

describe("loadConfig", () => {
  test("no --config and no default file: defaults, silently", () => {
    // The default path does not exist on a test machine.
    expect(loadConfig(undefined, readFileSync).problems).toEqual([]);
  });
  test("an explicitly named file that cannot be read: defaults, with a problem naming it", () => {
    const r = loadConfig("/nonexistent/server.conf", readFileSync);
    expect(r.config).toEqual({ ...DEFAULTS });
    expect(r.problems[0]).toBe("cannot read config /nonexistent/server.conf (ENOENT); running with defaults");
  });
});
