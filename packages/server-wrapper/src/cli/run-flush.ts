/**
 * `rationale-server flush`: deliver spooled records now (from cron or a
 * systemd timer, and after an outage). As root it delivers every user's
 * spool; as a user, their own. Exit 0 when nothing is left, 75 (EX_TEMPFAIL)
 * when a sink still refuses, so a timer's failure state means "records are
 * waiting".
 */
import { readdirSync } from "node:fs";
import { spoolLossRecord } from "../audit/record.js";
import { openSink } from "../audit/sink/open-sinks.js";
import { Spool } from "../audit/spool/spool.js";
import { effectiveSinks } from "../config/config.js";
import { loadConfig } from "../config/load-config.js";
import { currentAccount, hostname, localTime, readFile } from "../platform/libc.js";
import type { MainResult } from "./main.js";
import { EX_TEMPFAIL } from "../sysexits.js";

const FLUSH_TIMEOUT_MS = 10_000;

export async function runFlush(configPath: string | undefined): Promise<MainResult> {
  const { config, problems } = loadConfig(configPath, readFile);
  for (const p of problems) process.stderr.write(`rationale-server flush: ${p}\n`);
  const me = currentAccount();
  const uids = me.uid === 0 ? spooledUids(config.spoolDir) : [me.uid];
  const formatOptions = { facility: config.syslogFacility, tag: config.syslogTag, sdId: config.sdId, localTime };
  const host = hostname();
  let remaining = 0;
  for (const spec of effectiveSinks(config)) {
    const sink = openSink(spec, formatOptions);
    for (const uid of uids) {
      const spool = new Spool(config.spoolDir, uid, sink.id);
      if (!spool.hasRecords()) continue;
      const writer = { session: "flush", host, user: String(uid), uid, pid: process.pid };
      const r = await spool.drain(
        (lines) => sink.deliver(lines, performance.now() + FLUSH_TIMEOUT_MS),
        (count) => sink.format(spoolLossRecord(writer, count, sink.description, new Date())),
      );
      remaining += r.remaining;
      process.stdout.write(
        `${sink.description} uid ${uid}: delivered ${r.delivered}, ${r.remaining} waiting` +
          (r.lost ? `, reported ${r.lost} lost` : "") +
          (r.quarantined ? `, quarantined ${r.quarantined} (not this user's records: see ${spool.dir}/*.bad)` : "") +
          "\n",
      );
    }
    sink.close();
  }
  if (remaining) process.stderr.write(`rationale-server flush: ${remaining} record(s) still waiting; a sink is not accepting them\n`);
  return { status: remaining ? EX_TEMPFAIL : 0 };
}

function spooledUids(root: string): number[] {
  try {
    return readdirSync(root)
      .filter((n) => /^\d+$/.test(n))
      .map(Number);
  } catch {
    return [];
  }
}
