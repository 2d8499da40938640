/**
 * 4. An interactive login through a real pseudo-terminal (node-pty), bare
 * sshd (and the control, a second bare sshd) vs the wrapper's PTY proxy, in
 * rotating rounds: output throughput of a large `seq`, and keystroke echo
 * latency. Targets: throughput >= 0.8 x bare; added echo
 * latency p99 <= 2 ms.
 */
import { spawn } from "node-pty";
import { type Bench, COMPARED, type Compared, elapsedMs, median, quantile, roundOrder, type Row } from "../support.js";

class Terminal {
  private out = "";
  private waiters: { test: (s: string) => boolean; resolve: () => void }[] = [];
  readonly pty;

  constructor(argv: string[], env: Record<string, string>) {
    this.pty = spawn(argv[0]!, argv.slice(1), { name: "xterm", cols: 200, rows: 50, env: { ...env, TERM: "xterm" } });
    this.pty.onData((d) => {
      this.out += d;
      this.waiters = this.waiters.filter((w) => (w.test(this.out) ? (w.resolve(), false) : true));
    });
  }

  /** Resolves when the output since now satisfies `test`. */
  until(test: (since: string) => boolean): Promise<void> {
    const start = this.out.length;
    return new Promise((resolve) => this.waiters.push({ test: (all) => test(all.slice(start)), resolve }));
  }

  kill() {
    this.pty.kill("SIGKILL");
  }
}

async function measure(b: Bench, name: Compared, lines: number, keys: number) {
  const t = new Terminal(["ssh", "-tt", ...b.sshArgs(name), "127.0.0.1"], b.env);
  try {
    const ready = t.until((s) => s.includes("READY>"));
    t.pty.write("PS1='READY> '; export PS1\r");
    await ready;
    // Throughput: `seq` to the terminal; the end mark is computed so the echoed command line cannot match it.
    const done = t.until((s) => s.includes("END-3"));
    const t0 = process.hrtime.bigint();
    t.pty.write(`seq 1 ${lines}; echo END-$((1+2))\r`);
    await done;
    const seqMs = elapsedMs(t0);
    const bytes = Array.from({ length: lines }, (_, i) => String(i + 1).length + 2).reduce((a, c) => a + c, 0);
    // Echo latency: one key at a time, wait for it to come back.
    const lat: number[] = [];
    for (let i = 0; i < keys; i++) {
      if (i % 60 === 59) {
        const cleared = t.until((s) => s.length > 0);
        t.pty.write("\x15"); // Ctrl-U: keep the line short
        await cleared;
      }
      const echoed = t.until((s) => s.includes("k"));
      const k0 = process.hrtime.bigint();
      t.pty.write("k");
      await echoed;
      lat.push(elapsedMs(k0));
    }
    return { mibPerS: bytes / 1048576 / (seqMs / 1000), lat };
  } finally {
    t.kill();
  }
}

export async function interactive(b: Bench, lines: number, keys: number, rounds: number): Promise<Row[]> {
  for (const n of COMPARED) b.openMaster(n);
  for (const n of COMPARED) await measure(b, n, 1000, 20); // warm-up
  const r: Record<Compared, { mibPerS: number; lat: number[] }[]> = { bare: [], control: [], wrapper: [] };
  for (let i = 0; i < rounds; i++) for (const n of roundOrder(i)) r[n].push(await measure(b, n, lines, keys));
  // Throughput: the median of per-round ratios, as in the transfer case.
  const throughput = (n: Compared) => median(r[n].map((x, i) => x.mibPerS / r.bare[i]!.mibPerS));
  // Echo latency: every key of every round, pooled per side.
  const lat = (n: Compared) => r[n].flatMap((x) => x.lat);
  const p = (n: Compared, q: number) => quantile(lat(n), q);
  const mib = (n: Compared) => median(r[n].map((x) => x.mibPerS)).toFixed(1);
  return [
    {
      metric: "interactive: terminal output throughput, wrapper / bare",
      value: throughput("wrapper"),
      unit: "x",
      target: { op: ">=", value: 0.8 },
      detail: `seq 1 ${lines}, ${rounds} rounds, median of per-round ratios: bare ${mib("bare")} MiB/s, wrapper ${mib("wrapper")} MiB/s; control (a second bare sshd) ${throughput("control").toFixed(2)}x`,
    },
    {
      metric: "interactive: added keystroke echo latency p99",
      value: p("wrapper", 0.99) - p("bare", 0.99),
      unit: "ms",
      target: { op: "<=", value: 2 },
      detail:
        `${rounds} x ${keys} keys: p50 bare ${p("bare", 0.5).toFixed(2)} / wrapper ${p("wrapper", 0.5).toFixed(2)} ms, p99 bare ${p("bare", 0.99).toFixed(2)} / wrapper ${p("wrapper", 0.99).toFixed(2)} ms; ` +
        `control p99 ${p("control", 0.99).toFixed(2)} ms (${(p("control", 0.99) - p("bare", 0.99)).toFixed(2)} added)`,
    },
  ];
}
