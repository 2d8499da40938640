/**
 * 4. An interactive login through a real pseudo-terminal (node-pty), bare
 * sshd vs the wrapper's PTY proxy: output throughput of a large `seq`, and
 * keystroke echo latency. Targets: throughput >= 0.8 x bare; added echo
 * latency p99 <= 2 ms.
 */
import { spawn } from "node-pty";
import { type Bench, elapsedMs, quantile, type Row } from "../support.js";

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

async function measure(b: Bench, name: "bare" | "wrapper", lines: number, keys: number) {
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
    return { mibPerS: bytes / 1048576 / (seqMs / 1000), p50: quantile(lat, 0.5), p99: quantile(lat, 0.99) };
  } finally {
    t.kill();
  }
}

export async function interactive(b: Bench, lines: number, keys: number): Promise<Row[]> {
  b.openMaster("bare");
  b.openMaster("wrapper");
  await measure(b, "bare", 1000, 20); // warm-up
  await measure(b, "wrapper", 1000, 20);
  const bare = await measure(b, "bare", lines, keys);
  const wrapper = await measure(b, "wrapper", lines, keys);
  return [
    {
      metric: "interactive: terminal output throughput, wrapper / bare",
      value: wrapper.mibPerS / bare.mibPerS,
      unit: "x",
      target: { op: ">=", value: 0.8 },
      detail: `seq 1 ${lines}: bare ${bare.mibPerS.toFixed(1)} MiB/s, wrapper ${wrapper.mibPerS.toFixed(1)} MiB/s`,
    },
    {
      metric: "interactive: added keystroke echo latency p99",
      value: wrapper.p99 - bare.p99,
      unit: "ms",
      target: { op: "<=", value: 2 },
      detail: `${keys} keys: p50 bare ${bare.p50.toFixed(2)} / wrapper ${wrapper.p50.toFixed(2)} ms, p99 bare ${bare.p99.toFixed(2)} / wrapper ${wrapper.p99.toFixed(2)} ms`,
    },
  ];
}
