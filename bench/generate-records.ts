/**
 * A corpus for `rationale report`: N records of a realistic mix, written
 * the way rsyslog stores them (RSYSLOG_FileFormat, Debian's default) by the
 * wrapper's own formatter, interleaved with other programs' lines, a few
 * malformed ones, and rotated: the older half in auth.log.1.gz.
 *
 *   tsx bench/generate-records.ts [--records N] [--out DIR] [--seed S]
 *
 * Mix: interactive logins (minutes to hours; a few lasting days, some never
 * ended), one-off commands, scp/rsync, Ansible runs over 10-40 hosts whose
 * wall time grows over the 60 days (so the report must find a trend),
 * Capistrano deploys over 4 hosts, 5 % sessions without a rationale, 3 %
 * with a weak one. Deterministic for a seed.
 */
import { createReadStream, createWriteStream, mkdirSync, rmSync, writeSync, openSync, closeSync } from "node:fs";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import { createGzip } from "node:zlib";
import { structuredData } from "../packages/server-wrapper/src/audit/format/structured-data.js";
import type { AuditRecord } from "../packages/server-wrapper/src/audit/record.js";

const DAY = 86_400_000;
const START = Date.UTC(2026, 8, 1);
const SPAN = 60 * DAY;

/** mulberry32: small, seedable, good enough for a workload mix. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Pending {
  time: number;
  line: string;
}

/** A min-heap of lines by time: ends wait here until the clock passes them. */
class Queue {
  private h: Pending[] = [];
  get size() {
    return this.h.length;
  }
  push(p: Pending) {
    const h = this.h;
    h.push(p);
    for (let i = h.length - 1; i > 0; ) {
      const up = (i - 1) >> 1;
      if (h[up]!.time <= h[i]!.time) break;
      [h[up], h[i]] = [h[i]!, h[up]!];
      i = up;
    }
  }
  peek() {
    return this.h[0];
  }
  pop(): Pending {
    const h = this.h;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length) {
      h[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && h[l]!.time < h[m]!.time) m = l;
        if (r < h.length && h[r]!.time < h[m]!.time) m = r;
        if (m === i) break;
        [h[m], h[i]] = [h[i]!, h[m]!];
        i = m;
      }
    }
    return top;
  }
}

export async function generate(records: number, out: string, seed = 1): Promise<string[]> {
  const rnd = prng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const users = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "deploy", "ansible"];
  const hosts = Array.from({ length: 60 }, (_, i) => `web${i + 1}`);
  const reasons = ["INC-4211 restart stuck worker", "OPS-112 rotate certificates", "CHG-88 kernel update", "DB-17 check replication lag", "debug slow checkout for SUP-903"];
  const weak = ["test", "asdf", "fix", "x", "..."];

  mkdirSync(out, { recursive: true });
  const older = join(out, "auth.log.1");
  const current = join(out, "auth.log");
  const files = [openSync(older, "w"), openSync(current, "w")];
  let fileIndex = 0;
  let chunk = "";
  const flush = () => {
    writeSync(files[fileIndex]!, chunk);
    chunk = "";
  };
  const queue = new Queue();
  let written = 0;
  let lineCount = 0;
  let pid = 1000;

  /** A line as RSYSLOG_FileFormat stores it. */
  const fileLine = (time: number, host: string, msg: string) => `${new Date(time).toISOString().replace("Z", "+00:00")} ${host} ${msg}\n`;
  const emit = (time: number, host: string, msg: string) => {
    chunk += fileLine(time, host, msg);
    lineCount++;
    if (chunk.length > 1 << 20) flush();
    if (fileIndex === 0 && written >= records / 2) {
      flush();
      fileIndex = 1;
    }
  };
  const drainUntil = (t: number) => {
    while (queue.size && queue.peek()!.time <= t) {
      const p = queue.pop();
      chunk += p.line;
      lineCount++;
    }
  };
  const message = (r: AuditRecord) => {
    written++;
    return `rationale[${r.pid}]: session ${r.event} ${structuredData(r)}`;
  };
  /** A session: its start now, its end queued (or never, for a lost one). */
  const session = (t: number, host: string, s: Partial<AuditRecord>, durationMs: number | undefined) => {
    const base: AuditRecord = {
      event: "start", session: (written + 1).toString(16).padStart(16, "0"), time: new Date(t), host, user: pick(users), uid: 1000,
      srcIp: "10.0.0." + Math.floor(rnd() * 250), srcPort: String(40000 + Math.floor(rnd() * 20000)), dstIp: "10.0.1.1", dstPort: "22",
      client: "command", detectedClient: "command", rationaleSource: "client", rationale: pick(reasons), tty: false, pid: pid++, ...s,
    };
    emit(t, host, message(base));
    if (durationMs === undefined) return;
    const end: AuditRecord = { ...base, event: "end", time: new Date(t + durationMs), durationMs, exitCode: rnd() < 0.05 ? 1 : 0, reason: "exit" };
    queue.push({ time: t + durationMs, line: fileLine(t + durationMs, end.host, message(end)) });
  };

  /** Rationale of one unit of work (a session, a run, a deploy): 5 % none, 3 % weak. */
  const why = (given: string): Partial<AuditRecord> => {
    const r = rnd();
    return r < 0.05 ? { rationale: undefined, rationaleSource: "none" } : r < 0.08 ? { rationale: pick(weak) } : { rationale: given };
  };

  // Work arrives at an even rate across the span, whatever the number of records.
  let t = START;
  while (written < records) {
    t = Math.max(t, START + (SPAN * written) / records) + rnd() * 60_000;
    drainUntil(t);
    const before = written;
    const kind = rnd();
    if (kind < 0.25) {
      const days = rnd() < 0.01 ? 1 + rnd() * 3 : 0;
      const lost = rnd() < 0.002;
      session(t, pick(hosts), { client: "interactive", detectedClient: "interactive", tty: true, rationaleSource: "prompt", ...why(pick(reasons)) }, lost ? undefined : days * DAY + Math.exp(8 + rnd() * 7));
    } else if (kind < 0.4) {
      session(t, pick(hosts), { command: "uptime", ...why(pick(reasons)) }, 50 + rnd() * 2000);
    } else if (kind < 0.5) {
      const c = rnd() < 0.5 ? "scp" : "rsync";
      session(t, pick(hosts), { client: c, detectedClient: c, command: c === "scp" ? "scp -t /srv" : "rsync --server -a . /srv", ...why(pick(reasons)) }, 500 + rnd() * 60_000);
    } else if (kind < 0.9) {
      // One Ansible run: hosts x tasks sessions, slower as the weeks pass.
      const slow = 1 + (t - START) / SPAN;
      const n = 10 + Math.floor(rnd() * 30);
      const reason = why(pick(reasons));
      const runHosts = Array.from({ length: n }, (_, i) => hosts[(i * 7 + Math.floor(t)) % hosts.length]!);
      for (let task = 0; task < 4 && written < records; task++) {
        for (const h of runHosts) session(t + task * 20_000 * slow, h, { client: "ansible", declaredClient: "ansible", user: "ansible", ...reason, command: "/bin/sh -c 'python3'" }, (1000 + rnd() * 4000) * slow);
      }
      t += 4 * 20_000 * slow;
    } else {
      const reason = why("DEPLOY-" + Math.floor(rnd() * 900) + " release");
      for (let k = 0; k < 10 && written < records; k++) for (let h = 1; h <= 4; h++) session(t + k * 3000, `app${h}`, { client: "capistrano", declaredClient: "capistrano", user: "deploy", ...reason, command: "git fetch" }, 500 + rnd() * 2000);
      t += 30_000;
    }
    // Other programs share the file: about one of their lines per two records.
    for (let k = Math.floor(rnd() * (written - before)); k > 0; k--) {
      emit(t, pick(hosts), rnd() < 0.7 ? `sshd[${pid}]: Accepted publickey for ${pick(users)} from 10.0.0.9 port 52100 ssh2: ED25519 SHA256:abc` : `CRON[${pid}]: pam_unix(cron:session): session opened for user root(uid=0) by (uid=0)`);
    }
    // A few lines of ours cut short (a full disk, a relay's size limit).
    if (rnd() < 0.0005) emit(t, pick(hosts), `rationale[${pid}]: session start [rationale@32473 event="start" session="cut-short`);
  }
  drainUntil(Infinity);
  flush();
  files.forEach((fd) => closeSync(fd));
  await pipeline(createReadStream(older), createGzip({ level: 6 }), createWriteStream(older + ".gz"));
  rmSync(older);
  console.error(`generated ${written} records in ${lineCount} lines: ${older}.gz ${current}`);
  return [older + ".gz", current];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { records: { type: "string", default: "1000000" }, out: { type: "string", default: "/tmp/rationale-report-corpus" }, seed: { type: "string", default: "1" } } });
  await generate(Number(values.records), values.out!, Number(values.seed));
}
