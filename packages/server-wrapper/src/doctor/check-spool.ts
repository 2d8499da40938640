/** Records waiting in the spool, and a spool directory that cannot take any. Pure. */
import type { Finding } from "./finding.js";

export interface SpoolDirFacts {
  path: string;
  /** undefined: missing. */
  uid?: number;
  mode?: number;
}

export interface SpoolEntry {
  uid: number;
  sinkId: string;
  records: number;
  /** Creation time of the oldest record (ms since the epoch, from its name). */
  oldestMs?: number;
  lost: number;
  quarantined: number;
}

export interface SpoolInput {
  dir: SpoolDirFacts;
  entries: readonly SpoolEntry[];
  /** Sink ids of the configured sinks (audit/sink: sinkId). */
  sinkIds: ReadonlySet<string>;
  nowMs: number;
  maxAgeMs: number;
  configPath: string;
}

const FLUSH_FIX = (configPath: string) =>
  `rationale-server flush --config ${configPath}  (and deliver it on a timer: systemctl enable --now rationale-flush.timer, units in examples/systemd/)`;

export function checkSpool(i: SpoolInput): Finding[] {
  const out: Finding[] = [];
  const { dir } = i;
  if (dir.mode === undefined) {
    out.push({
      id: "spool-dir-missing",
      severity: "medium",
      subject: dir.path,
      found: "the spool directory does not exist",
      why: "when a sink is down, the wrapper cannot keep the records for later: they are lost",
      fix: `install -d -m 1733 -o root -g root ${dir.path}`,
    });
    return out;
  }
  if (dir.uid !== 0 || (dir.mode & 0o7777) !== 0o1733) {
    out.push({
      id: "spool-dir-mode",
      severity: "medium",
      subject: dir.path,
      found: `the spool directory is owned by uid ${dir.uid} with mode ${(dir.mode & 0o7777).toString(8)}, not root's with 1733`,
      why: "users must be able to create their own spool there without listing or removing anyone else's",
      fix: `chown root:root ${dir.path} && chmod 1733 ${dir.path}`,
    });
  }
  for (const e of i.entries) {
    const subject = `${dir.path}/${e.uid}/${e.sinkId}`;
    const age = e.oldestMs === undefined ? 0 : i.nowMs - e.oldestMs;
    if (e.records && !i.sinkIds.has(e.sinkId)) {
      out.push({
        id: "spool-orphaned",
        severity: "high",
        subject,
        found: `${e.records} record(s) wait for a sink that is no longer configured`,
        why: "flush delivers only to configured sinks, so these records will never reach the log",
        fix: `add the Sink back until 'rationale-server flush --config ${i.configPath}' has delivered them, or archive ${subject} by hand`,
      });
    } else if (e.records && age >= i.maxAgeMs) {
      out.push({
        id: "spool-not-delivered",
        severity: "high",
        subject,
        found: `${e.records} record(s) waiting, the oldest for ${Math.round(age / 1000)} s`,
        why: "audit records are not reaching the log: until they are, nobody reviewing the log sees these sessions",
        fix: FLUSH_FIX(i.configPath),
      });
    }
    if (e.lost) {
      out.push({
        id: "spool-records-lost",
        severity: "medium",
        subject,
        found: `${e.lost} record(s) were dropped because the spool was full`,
        why: "those sessions' records are gone; only their count will be delivered (a spool-loss record)",
        fix: `${FLUSH_FIX(i.configPath)}; raise SpoolMaxRecords if outages last longer`,
      });
    }
    if (e.quarantined) {
      out.push({
        id: "spool-quarantined",
        severity: "medium",
        subject,
        found: `${e.quarantined} file(s) quarantined as *.bad (not this user's records)`,
        why: "someone put files in a user's spool that claim another identity; flush refuses to send them",
        fix: `inspect and remove ${subject}/*.bad`,
      });
    }
  }
  return out;
}
