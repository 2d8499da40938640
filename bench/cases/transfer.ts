/**
 * 3. A large file through scp, sftp and rsync to bare sshd, to a second
 * bare sshd (the control) and to the wrapper, interleaved. Target: wrapper
 * throughput >= 0.97 x bare.
 *
 * The wrapper is not in the data path (the command inherits the session's
 * pipes; /proc/PID/io of the wrapper showed 0 reads and writes during a
 * 512 MiB rsync), so any ratio away from 1 is the machine, not the wrapper.
 * The control shows how far from 1 the machine alone puts it: on the 2-core
 * VM this was written on, the second bare sshd came out 0.81-1.04x the first
 * (median per run and tool), whichever of the two was started first and
 * whether connections were multiplexed or new for each transfer.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { type Bench, COMPARED, type Compared as Side, elapsedMs, median, roundOrder, type Row } from "../support.js";

export async function transfer(b: Bench, mib: number, runs: number): Promise<Row[]> {
  const src = join(b.dir, "payload.bin");
  // Random bytes: compression cannot flatter either side.
  spawnSync("sh", ["-c", `head -c ${mib}M /dev/urandom > '${src}'`]);
  // Received into tmpfs: writing 1 GiB to disk twice per round made the
  // second writer wait for the first one's write-back (0.66x one run, 1.40x
  // the next); the wrapper is not in the data path, so disk is only noise.
  const dest = mkdtempSync("/dev/shm/rationale-bench-");
  chmodSync(dest, 0o1777);
  const remote = (n: string) => join(dest, `${n}.bin`);
  const tools: Record<string, (n: Side) => { argv: string[]; input?: string }> = {
    scp: (n) => ({ argv: ["scp", "-q", ...scpArgs(b, n), src, `127.0.0.1:${remote(n)}`] }),
    sftp: (n) => ({ argv: ["sftp", "-q", "-b", "-", ...scpArgs(b, n), "127.0.0.1"], input: `put ${src} ${remote(n)}\n` }),
    rsync: (n) => ({ argv: ["rsync", "--whole-file", "-e", `ssh ${quote(b.sshArgs(n))}`, src, `127.0.0.1:${remote(n)}`] }),
  };
  for (const n of COMPARED) b.openMaster(n);
  const rows: Row[] = [];
  for (const [tool, argv] of Object.entries(tools)) {
    const t: Record<Side, number[]> = { bare: [], control: [], wrapper: [] };
    for (let i = 0; i < runs; i++) {
      for (const n of roundOrder(i)) {
        rmSync(remote(n), { force: true });
        const { argv: cmd, input } = argv(n);
        const t0 = process.hrtime.bigint();
        const r = spawnSync(cmd[0]!, cmd.slice(1), { env: b.env, encoding: "utf8", input });
        const ms = elapsedMs(t0);
        if (r.status !== 0) throw new Error(`${tool} to ${n} failed: ${r.stderr}`);
        t[n].push(ms);
      }
    }
    const rate = (ms: number) => ((mib / ms) * 1000).toFixed(0);
    // The spread is printed because on two cores it dwarfs any difference:
    // one 256 MiB rsync took 1.1-2.2 s on the same side in one run.
    const spread = (ms: number[]) => `${rate(Math.max(...ms))}-${rate(Math.min(...ms))}`;
    // Each figure is the median of per-round ratios: a run is set against the
    // bare run of the same round, so a slow minute of the machine weighs on
    // both sides of a ratio instead of on one median.
    const ratios = (n: Side) => t.bare.map((bareMs, i) => bareMs / t[n][i]!);
    const range = (r: number[]) => `${Math.min(...r).toFixed(2)}-${Math.max(...r).toFixed(2)}`;
    const wrapper = ratios("wrapper");
    // Two identical bare servers, measured the same way: how far apart they
    // come out is how much of the wrapper's figure is this machine.
    const control = ratios("control");
    rows.push({
      metric: `${mib} MiB through ${tool}: throughput, wrapper / bare`,
      value: median(wrapper),
      unit: "x",
      target: { op: ">=", value: 0.97 },
      detail:
        `${runs} rounds, median of per-round ratios (range ${range(wrapper)}); control, a second bare sshd / bare: ${median(control).toFixed(2)}x (${range(control)}); ` +
        `medians: bare ${rate(median(t.bare))} MiB/s (${spread(t.bare)}), control ${rate(median(t.control))}, wrapper ${rate(median(t.wrapper))} MiB/s (${spread(t.wrapper)})`,
    });
  }
  rmSync(dest, { recursive: true, force: true });
  rmSync(src, { force: true });
  return rows;
}

/** scp and sftp take ssh's -o options but spell the port -P, and -l means something else. */
function scpArgs(b: Bench, n: Side): string[] {
  const a = b.sshArgs(n);
  const out: string[] = [];
  for (let i = 0; i < a.length; i++) {
    if (a[i] === "-p") out.push("-P", a[++i]!);
    else if (a[i] === "-l") out.push("-o", `User=${a[++i]}`);
    else out.push(a[i]!);
  }
  return out;
}

const quote = (args: string[]) => args.map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(" ");
