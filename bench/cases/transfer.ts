/**
 * 3. A large file through scp, sftp and rsync to bare sshd and to the
 * wrapper, interleaved. Target: wrapper throughput >= 0.97 x bare.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { type Bench, elapsedMs, median, type Row } from "../support.js";

export async function transfer(b: Bench, mib: number, runs: number): Promise<Row[]> {
  const src = join(b.dir, "payload.bin");
  // Random bytes: compression cannot flatter either side.
  spawnSync("sh", ["-c", `head -c ${mib}M /dev/urandom > '${src}'`]);
  const dest = join(b.dir, "incoming");
  mkdirSync(dest);
  chmodSync(dest, 0o1777);
  const remote = (n: string) => join(dest, `${n}.bin`);
  const tools: Record<string, (n: "bare" | "wrapper") => { argv: string[]; input?: string }> = {
    scp: (n) => ({ argv: ["scp", "-q", ...scpArgs(b, n), src, `127.0.0.1:${remote(n)}`] }),
    sftp: (n) => ({ argv: ["sftp", "-q", "-b", "-", ...scpArgs(b, n), "127.0.0.1"], input: `put ${src} ${remote(n)}\n` }),
    rsync: (n) => ({ argv: ["rsync", "--whole-file", "-e", `ssh ${quote(b.sshArgs(n))}`, src, `127.0.0.1:${remote(n)}`] }),
  };
  b.openMaster("bare");
  b.openMaster("wrapper");
  const rows: Row[] = [];
  for (const [tool, argv] of Object.entries(tools)) {
    const t: Record<string, number[]> = { bare: [], wrapper: [] };
    for (let i = 0; i < runs; i++) {
      for (const n of ["bare", "wrapper"] as const) {
        rmSync(remote(n), { force: true });
        const { argv: cmd, input } = argv(n);
        const t0 = process.hrtime.bigint();
        const r = spawnSync(cmd[0]!, cmd.slice(1), { env: b.env, encoding: "utf8", input });
        const ms = elapsedMs(t0);
        if (r.status !== 0) throw new Error(`${tool} to ${n} failed: ${r.stderr}`);
        t[n]!.push(ms);
      }
    }
    const bare = median(t.bare!);
    const wrapper = median(t.wrapper!);
    rows.push({
      metric: `${mib} MiB through ${tool}: throughput, wrapper / bare`,
      value: bare / wrapper,
      unit: "x",
      target: { op: ">=", value: 0.97 },
      detail: `${runs} runs each, medians: bare ${((mib / bare) * 1000).toFixed(0)} MiB/s, wrapper ${((mib / wrapper) * 1000).toFixed(0)} MiB/s`,
    });
  }
  rmSync(dest, { recursive: true, force: true });
  rmSync(src, { force: true });
  return rows;
}

/** scp and sftp take ssh's -o options but spell the port -P, and -l means something else. */
function scpArgs(b: Bench, n: "bare" | "wrapper"): string[] {
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
