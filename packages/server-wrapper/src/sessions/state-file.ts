/**
 * A live session's state file: `<StateDir>/<uid>.<session>.json`, written
 * just before the start record and removed after the end record, so
 * `rationale-server sessions` can say who is in right now with the rationale
 * they gave (which no process listing shows: a prompted answer lives only in
 * the wrapper's memory).
 *
 * On the hot path: one open/write/close at start and one unlink at the end.
 * Any failure is silent; a session is never refused or delayed for its state
 * file, and `sessions` also finds wrapper processes that have none.
 * The file is created O_EXCL|O_NOFOLLOW in a sticky 1733 directory, so a
 * user can neither redirect it through a planted link nor touch another
 * user's file; what a user writes about their own session is checked against
 * /proc by the reader (sessions/read-sessions.ts).
 */
import { jsonFields } from "../audit/format/json.js";
import type { AuditRecord } from "../audit/record.js";
import { closeFd, createFile, readFile, unlinkFile, writeAll } from "../platform/libc.js";
import { encodeState, procStatField } from "./session-state.js";

export function writeStateFile(dir: string | undefined, start: AuditRecord): string | undefined {
  if (!dir) return undefined;
  const path = `${dir}/${start.uid}.${start.session}.json`;
  let created = false;
  try {
    // 0600: rationales can be sensitive; root (who runs `sessions`) reads them all.
    const fd = createFile(path, "new", 0o600);
    created = true;
    try {
      const ok = writeAll(fd, encodeState(jsonFields(start), start.time, ownStartTicks()));
      if (!ok) throw new Error("short write");
    } finally {
      closeFd(fd);
    }
    return path;
  } catch {
    // No StateDir (not installed), full disk, no permission: see the header.
    if (created) unlinkFile(path);
    return undefined;
  }
}

export function removeStateFile(path: string | undefined): void {
  if (path) unlinkFile(path);
}

/** Field 22 of /proc/self/stat: when this process started, in clock ticks since boot. */
function ownStartTicks(): string {
  return procStatField(new TextDecoder().decode(readFile("/proc/self/stat")), 22) ?? "";
}
