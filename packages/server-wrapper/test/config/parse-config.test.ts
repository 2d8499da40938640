import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { DEFAULTS } from "../../src/config/config.js";
import { loadConfig } from "../../src/config/load-config.js";
import { parseConfig } from "../../src/config/parse-config.js";
import { describeSink, parseSinkSpec, type SinkSpec } from "../../src/config/sink-spec.js";

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

describe("Sink lines", () => {
  test("several sinks, each with its transport, address, port and format", () => {
    const { config, problems } = parseConfig(
      "Sink unix:/dev/log\nSink udp://10.0.0.1:514 format=rfc3164\nSink tcp://relay.example.com:514\nSink tls://[::1]:6514 format=json ca=/etc/ca.pem cert=/etc/c.pem key=/etc/c.key\nSinkTimeout 500\nSpoolDir /var/spool/x\nSpoolMaxRecords 5\n",
      "f",
    );
    expect(problems).toEqual([]);
    expect(config.sinks).toEqual([
      { transport: "unix", address: "/dev/log", format: "traditional" },
      { transport: "udp", address: "10.0.0.1", port: 514, format: "rfc3164" },
      { transport: "tcp", address: "relay.example.com", port: 514, format: "rfc5424" },
      { transport: "tls", address: "::1", port: 6514, format: "json", ca: "/etc/ca.pem", cert: "/etc/c.pem", key: "/etc/c.key" },
    ]);
    expect(config).toMatchObject({ sinkTimeoutMs: 500, spoolDir: "/var/spool/x", spoolMaxRecords: 5 });
  });

  test("a bad Sink line is skipped with a message; the others stay", () => {
    const { config, problems } = parseConfig("Sink http://x:80\nSink tcp://a:99999\nSink tcp://a:514 ca=/x\nSink tls://a:1 cert=/c\nSink tcp://ok:514\n", "f");
    expect(config.sinks.map((s) => s.address)).toEqual(["ok"]);
    expect(problems.join("\n")).toMatch(/is not unix:\/PATH[\s\S]*port 99999 is out of range[\s\S]*applies to tls:\/\/ sinks only[\s\S]*cert= and key= go together/);
  });

  test("a sink is described by the URL that configures it, an IPv6 address in brackets for every transport", () => {
    for (const url of ["unix:/dev/log", "file:/tmp/a.log", "udp://10.0.0.1:514", "udp://[::1]:514", "tcp://relay.example.com:514", "tls://[2001:db8::1]:6514"]) {
      expect(describeSink(parseSinkSpec(url) as SinkSpec)).toBe(url);
    }
  });
});

describe("file sinks and StateDir", () => {
  test("Sink file:/PATH appends rfc5424 by default, any format on request", () => {
    const { config, problems } = parseConfig("Sink file:/tmp/a.log\nSink file:/tmp/b.log format=json\n", "f");
    expect(problems).toEqual([]);
    expect(config.sinks).toEqual([
      { transport: "file", address: "/tmp/a.log", format: "rfc5424" },
      { transport: "file", address: "/tmp/b.log", format: "json" },
    ]);
  });
  test("StateDir takes an absolute path or none; the default is under /run", () => {
    expect(parseConfig("", "f").config.stateDir).toBe("/run/rationale/sessions");
    expect(parseConfig("StateDir /var/lib/r\n", "f").config.stateDir).toBe("/var/lib/r");
    expect(parseConfig("StateDir none\n", "f").config.stateDir).toBeUndefined();
    const bad = parseConfig("StateDir relative/dir\n", "f");
    expect(bad.config.stateDir).toBe("/run/rationale/sessions");
    expect(bad.problems[0]).toMatch(/expected an absolute path/);
  });
});
