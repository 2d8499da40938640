/**
 * 1. A trivial command over a multiplexed connection: bare sshd, the
 * wrapper, and the bash reference (logger at start and end, bash -c).
 * Target: the wrapper's added latency <= 1.5 x the reference's.
 */
import { spawnSync } from "node:child_process";
import { type Bench, elapsedMs, median, quantile, type Row, type ServerName } from "../support.js";

export async function latency(b: Bench, rounds: number): Promise<Row[]> {
  // control, a second bare sshd, shows what "added latency" reads when nothing is added.
  const names: ServerName[] = ["bare", "control", "wrapper", "reference"];
  const times: Record<string, number[]> = { bare: [], control: [], wrapper: [], reference: [] };
  for (const n of names) b.openMaster(n);
  for (let i = 0; i < rounds + 20; i++) {
    for (const n of names) {
      const t0 = process.hrtime.bigint();
      const r = spawnSync("ssh", [...b.sshArgs(n), "127.0.0.1", "true"], { env: b.env });
      const ms = elapsedMs(t0);
      if (r.status !== 0) throw new Error(`ssh to ${n} failed: ${r.stderr}`);
      if (i >= 20) times[n]!.push(ms); // the first rounds warm caches
    }
  }
  const m = Object.fromEntries(names.map((n) => [n, median(times[n]!)])) as Record<ServerName, number>;
  const p90 = (n: ServerName) => quantile(times[n]!, 0.9).toFixed(1);
  return [
    {
      metric: "trivial command: added latency, wrapper / bash reference",
      value: (m.wrapper - m.bare) / (m.reference - m.bare),
      unit: "x",
      target: { op: "<=", value: 1.5 },
      detail: `${rounds} rounds, medians (p90): bare ${m.bare.toFixed(1)} (${p90("bare")}) ms, wrapper ${m.wrapper.toFixed(1)} (${p90("wrapper")}) ms, reference ${m.reference.toFixed(1)} (${p90("reference")}) ms, control ${m.control.toFixed(1)} (${p90("control")}) ms`,
    },
  ];
}
