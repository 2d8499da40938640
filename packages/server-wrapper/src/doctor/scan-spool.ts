/** What waits in the spool: SPOOL/UID/SINK_ID/*.rec, *.lost, *.bad (see audit/spool/). */
import { readdirSync, statSync } from "node:fs";
import { isLostMarker, isRecordFile, QUARANTINE_SUFFIX } from "../audit/spool/spool-names.js";
import type { SpoolDirFacts, SpoolEntry } from "./check-spool.js";

export function scanSpool(root: string): { dir: SpoolDirFacts; entries: SpoolEntry[] } {
  let st;
  try {
    st = statSync(root);
  } catch {
    return { dir: { path: root }, entries: [] };
  }
  const entries: SpoolEntry[] = [];
  const list = (d: string) => {
    try {
      return readdirSync(d);
    } catch {
      return [];
    }
  };
  for (const uid of list(root).filter((n) => /^\d+$/.test(n))) {
    for (const sinkId of list(`${root}/${uid}`)) {
      if (sinkId.endsWith(".lock") || !statSync(`${root}/${uid}/${sinkId}`, { throwIfNoEntry: false })?.isDirectory()) continue;
      const names = list(`${root}/${uid}/${sinkId}`);
      const records = names.filter(isRecordFile).sort();
      // The name starts with the creation time in ms (spool-names.ts), so no stat per file.
      const oldest = records.length ? Number(records[0]!.slice(0, 15)) : undefined;
      entries.push({
        uid: Number(uid),
        sinkId,
        records: records.length,
        oldestMs: oldest,
        lost: names.filter(isLostMarker).length,
        quarantined: names.filter((n) => n.endsWith(QUARANTINE_SUFFIX)).length,
      });
    }
  }
  return { dir: { path: root, uid: st.uid, mode: st.mode }, entries };
}
