/**
 * Benchmark: the wrapper's added latency per SSH command, measured in one
 * run against a bare sshd and against the bash reference ForceCommand
 * (reference-forcecommand.sh), all three over multiplexed connections to
 * servers on this machine logging to one real rsyslogd. Rounds interleave the
 * three so that machine noise hits them alike. Prints medians, p90s and
 * the ratio of added latencies; no pass/fail here (see README "Benchmarks").
 *
 *   pnpm bench            # default 300 rounds
 *   pnpm bench -- 1000    # more rounds
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { ROOT } from "../test/support/paths.js";
import { startRsyslog } from "../test/support/rsyslog.js";
import { scratchDir } from "../test/support/scratch-dir.js";
import { checkPrerequisites } from "../test/support/server.js";
import { type Sshd, startSshd } from "../test/support/sshd.js";

const rounds = Number(process.argv[2] ?? 300);

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

async function main() {
  checkPrerequisites();
  const { path: dir, remove } = scratchDir("bench");
  const syslog = await startRsyslog(dir);
  const servers: Record<string, Sshd> = {
    bare: await startSshd({ dir, wrapped: false, name: "bare" }),
    wrapper: await startSshd({ dir, name: "wrapper", wrapperConfig: `SyslogSocket ${syslog.socket}\n` }),
    "bash reference": await startSshd({
      dir,
      name: "reference",
      forceCommand: `${join(ROOT, "bench", "reference-forcecommand.sh")} ${syslog.socket}`,
    }),
  };
  const env = { ...process.env, RATIONALE: "benchmark", RATIONALE_CLIENT: "bench" };
  delete (env as Record<string, string | undefined>).NODE_EXTRA_CA_CERTS;
  const argv = (name: string, s: Sshd, extra: string[]) => [
    ...s.clientArgs(),
    "-o", "ControlMaster=auto",
    "-o", `ControlPath=${join(dir, `cm-${name.replace(/\W/g, "")}`)}`,
    "-o", "ControlPersist=120",
    ...extra,
    "127.0.0.1",
    "true",
  ];
  const times: Record<string, number[]> = {};
  for (const [name, s] of Object.entries(servers)) {
    times[name] = [];
    const r = spawnSync("ssh", argv(name, s, []), { env }); // opens the master connection
    if (r.status !== 0) throw new Error(`ssh to ${name} failed: ${r.stderr}`);
  }
  for (let i = 0; i < rounds + 20; i++) {
    for (const [name, s] of Object.entries(servers)) {
      const t0 = process.hrtime.bigint();
      const r = spawnSync("ssh", argv(name, s, []), { env });
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (r.status !== 0) throw new Error(`ssh to ${name} failed: ${r.stderr}`);
      if (i >= 20) times[name]!.push(ms); // the first rounds warm caches
    }
  }
  for (const [name, s] of Object.entries(servers)) {
    spawnSync("ssh", argv(name, s, ["-O", "exit"]), { env, stdio: "ignore" });
    await s.stop();
  }
  await syslog.stop();
  remove();

  const stats = Object.fromEntries(
    Object.entries(times).map(([n, t]) => {
      const s = [...t].sort((a, b) => a - b);
      return [n, { median: quantile(s, 0.5), p90: quantile(s, 0.9) }];
    }),
  );
  const bare = stats.bare!.median;
  console.log(`Trivial command ('true') over a multiplexed ssh connection, ${rounds} interleaved rounds`);
  console.log("server            median ms   p90 ms   added ms");
  for (const [n, s] of Object.entries(stats)) {
    console.log(`${n.padEnd(16)} ${s.median.toFixed(2).padStart(9)} ${s.p90.toFixed(2).padStart(8)} ${(s.median - bare).toFixed(2).padStart(10)}`);
  }
  const ratio = (stats.wrapper!.median - bare) / (stats["bash reference"]!.median - bare);
  console.log(`wrapper added latency = ${ratio.toFixed(2)} x the bash reference's (target <= 1.5, aim 1.0)`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
