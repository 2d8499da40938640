/**
 * `rationale doctor [ssh args] HOST`: checks the local ssh configuration for
 * HOST, then connects (without any shared master) and has the server echo
 * what it received, and says what to fix.
 */
import { execFile } from "node:child_process";
import { RATIONALE, RATIONALE_CLIENT } from "@rationale/shared/variables";
import { EXIT } from "../cli/exit-codes.js";
import { querySshConfig } from "../ssh/query-ssh-config.js";
import { SEND_ENV_OPTIONS } from "../ssh/ssh-argv.js";
import { type Finding, interpretLocal, interpretProbe, PROBE_COMMAND, type ProbeResult } from "./interpret.js";

export const DOCTOR_CLIENT = "rationale-doctor";
export const DEFAULT_PROBE_RATIONALE = "rationale doctor: checking that the rationale reaches this server";

function probe(args: readonly string[], env: Record<string, string>): Promise<ProbeResult> {
  const argv = [...SEND_ENV_OPTIONS, "-o", "ControlPath=none", "-o", "BatchMode=yes", "-T", ...args, PROBE_COMMAND];
  return new Promise((resolve) => {
    execFile("ssh", argv, { env: { ...process.env, ...env }, encoding: "utf8", timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === "number" ? err.code : undefined) : 0;
      resolve({ exitCode: code, stdout, stderr });
    });
  });
}

export async function runDoctor(o: { args: string[]; rationale: string; out: (s: string) => void; json: boolean }): Promise<number> {
  const host = o.args.at(-1)!;
  const local = interpretLocal(host, querySshConfig(o.args));
  const sent = { rationale: o.rationale, client: DOCTOR_CLIENT };
  const remote = interpretProbe(sent, await probe(o.args, { [RATIONALE]: sent.rationale, [RATIONALE_CLIENT]: sent.client }));
  const findings: Finding[] = [...remote, ...local];
  if (o.json) o.out(JSON.stringify({ host, findings }, null, 2) + "\n");
  else o.out(render(host, findings));
  return findings.some((f) => f.level === "problem") ? EXIT.problem : EXIT.ok;
}

function render(host: string, findings: Finding[]): string {
  const mark = { ok: "ok     ", warning: "warning", problem: "PROBLEM" } as const;
  const lines = [`rationale doctor: ${host}`];
  for (const f of findings) {
    lines.push(`  ${mark[f.level]}  ${f.message}`);
    if (f.fix) lines.push(...f.fix.split("\n").map((l, i) => `           ${i === 0 ? "fix: " : "     "}${l}`));
  }
  return lines.join("\n") + "\n";
}
