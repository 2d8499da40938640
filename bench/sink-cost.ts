/**
 * Benchmark: what each kind of sink costs a session. Runs `rationale-server
 * wrap` directly (no sshd, so only the wrapper is measured) for a trivial
 * command under hyperfine, with the records going to a real rsyslogd over
 * the local socket only, plus TCP, plus TLS. Prints hyperfine's table and
 * the medians; no pass/fail.
 *
 *   pnpm bench:sinks          # 200 runs each
 *   pnpm bench:sinks -- 500
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { makeCerts } from "../test/support/certs.js";
import { WRAPPER } from "../test/support/paths.js";
import { freePorts } from "../test/support/ports.js";
import { startRsyslog } from "../test/support/rsyslog.js";
import { scratchDir } from "../test/support/scratch-dir.js";
import { checkPrerequisites } from "../test/support/server.js";

const runs = Number(process.argv[2] ?? 200);

async function main() {
  checkPrerequisites();
  const dir = scratchDir("bench-sinks");
  try {
    const certs = makeCerts(dir.path);
    const [tcp, tls] = (await freePorts(2)) as [number, number];
    const log = await startRsyslog(join(dir.path, "rsyslog"), {
      net: { tcpPort: tcp, tls: { port: tls, ca: certs.ca, cert: certs.cert, key: certs.key } },
    });
    try {
      const setups: Record<string, string> = {
        unix: `Sink unix:${log.socket}`,
        "unix+tcp": `Sink unix:${log.socket}\nSink tcp://127.0.0.1:${tcp}`,
        "unix+tls": `Sink unix:${log.socket}\nSink tls://127.0.0.1:${tls} ca=${certs.ca}`,
      };
      const args: string[] = [];
      for (const [name, sinks] of Object.entries(setups)) {
        const conf = join(dir.path, `${name}.conf`);
        writeFileSync(conf, `${sinks}\nSpoolDir ${join(dir.path, "spool")}\n`);
        args.push("-n", name, `${WRAPPER} wrap --config ${conf}`);
      }
      const json = join(dir.path, "results.json");
      // The environment sshd would give a session (and no NODE_EXTRA_CA_CERTS).
      const env = {
        PATH: "/usr/bin:/bin",
        SHELL: "/bin/sh",
        USER: "root",
        SSH_ORIGINAL_COMMAND: "true",
        SSH_CONNECTION: "127.0.0.1 50000 127.0.0.1 22",
        RATIONALE: "benchmark",
      };
      const r = spawnSync("hyperfine", ["-N", "-w", "10", "-r", String(runs), "--export-json", json, ...args], { env, stdio: ["ignore", "inherit", "inherit"] });
      if (r.status !== 0) throw new Error(`hyperfine failed (is it installed? apt-get install hyperfine)`);
      const results = JSON.parse(readFileSync(json, "utf8")).results as { command: string; median: number; min: number }[];
      const base = results[0]!.median;
      console.log("\nsinks        median     min   added to unix");
      for (const x of results) {
        console.log(`${x.command.padEnd(10)} ${(x.median * 1e3).toFixed(1).padStart(7)} ms ${(x.min * 1e3).toFixed(1).padStart(6)} ms ${((x.median - base) * 1e3).toFixed(1).padStart(8)} ms`);
      }
    } finally {
      await log.stop();
    }
  } finally {
    dir.remove();
  }
}

await main();
