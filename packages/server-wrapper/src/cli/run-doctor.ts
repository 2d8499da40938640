/**
 * `rationale-server doctor`: check that every SSH session really goes through
 * the wrapper and that its records reach the log. Exit 0 without high
 * findings, 1 with; 64 usage; 77 not root; 69 sshd missing; 78 sshd rejects
 * its configuration.
 */
import { runChecks, UnknownUserError } from "../doctor/doctor.js";
import { exitStatus } from "../doctor/finding.js";
import { renderJson, renderText } from "../doctor/render.js";
import { SshdError } from "../doctor/run-sshd.js";
import { parseDoctorArgs } from "./doctor-args.js";
import type { MainResult } from "./main.js";
import { EX_CONFIG, EX_NOPERM, EX_UNAVAILABLE, EX_USAGE } from "../sysexits.js";


export async function runDoctor(argv: readonly string[]): Promise<MainResult> {
  const args = parseDoctorArgs(argv);
  if ("error" in args) {
    process.stderr.write(`rationale-server doctor: ${args.error}\nRun 'rationale-server doctor --help' for the options.\n`);
    return { status: EX_USAGE };
  }
  if (process.getuid?.() !== 0) {
    process.stderr.write("rationale-server doctor: run as root (sudo rationale-server doctor): sshd -T reads the host keys, and every account's files are checked\n");
    return { status: EX_NOPERM };
  }
  try {
    const report = await runChecks(args);
    process.stdout.write(args.json ? renderJson(report) : renderText(report));
    return { status: exitStatus(report.findings) };
  } catch (e) {
    if (e instanceof UnknownUserError) {
      process.stderr.write(`rationale-server doctor: ${e.message}\n`);
      return { status: EX_USAGE };
    }
    if (e instanceof SshdError) {
      process.stderr.write(`rationale-server doctor: ${e.message}\n`);
      return { status: e.kind === "missing" ? EX_UNAVAILABLE : e.kind === "not-root" ? EX_NOPERM : EX_CONFIG };
    }
    throw e;
  }
}
