import { describe, expect, test } from "vitest";
import { parseDoctorArgs } from "../../src/cli/doctor-args.js";
import { renderJson, renderText } from "../../src/doctor/render.js";
import type { Finding } from "../../src/doctor/finding.js";

const findings: Finding[] = [
  { id: "sink-not-probed", severity: "info", subject: "udp://r:514", found: "skipped", why: "w", fix: "" },
  { id: "force-command-missing", severity: "high", subject: "users bob", found: "no ForceCommand", why: "w", fix: "ForceCommand X", users: ["bob"] },
];
const checked = { sshdConfig: "/etc/ssh/sshd_config", accounts: 1, sshdRuns: 2, durationMs: 30 };

describe("output", () => {
  test("JSON: version 1, ok, counts, findings worst first with every key", () => {
    const j = JSON.parse(renderJson({ findings, checked }));
    expect(j).toMatchObject({ version: 1, ok: false, summary: { high: 1, medium: 0, low: 0, info: 1 }, checked: { ...checked, wrapper: null } });
    expect(j.findings.map((f: Finding) => f.id)).toEqual(["force-command-missing", "sink-not-probed"]);
    expect(Object.keys(j.findings[1])).toEqual(["id", "severity", "subject", "found", "why", "fix", "users"]);
  });

  test("text: grouped by severity, fix lines shown, the exit status said", () => {
    const t = renderText({ findings, checked });
    expect(t.indexOf("HIGH (1)")).toBeLessThan(t.indexOf("INFO (1)"));
    expect(t).toContain("    fix:   ForceCommand X");
    expect(t).toContain("1 high-severity finding(s): exit status 1");
  });
});

describe("arguments", () => {
  test("defaults, repeatable and comma lists, --opt=value", () => {
    const a = parseDoctorArgs(["--user", "alice", "-u", "bob,carol", "--sshd-config=/tmp/c", "--spool-age", "60", "--json"], 4);
    expect(a).toMatchObject({ users: ["alice", "bob", "carol"], sshdConfig: "/tmp/c", spoolAgeMs: 60_000, json: true, jobs: 4, sshd: "/usr/sbin/sshd" });
  });

  test("errors name the option", () => {
    expect(parseDoctorArgs(["--user"])).toEqual({ error: "--user needs a value" });
    expect(parseDoctorArgs(["--spool-age", "soon"])).toEqual({ error: '--spool-age "soon": expected seconds, e.g. 300' });
    expect(parseDoctorArgs(["--bogus"])).toEqual({ error: 'unknown option "--bogus"' });
  });
});
