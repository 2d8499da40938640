/**
 * Names of spooled files. Sorting the names sorts the records by creation:
 * milliseconds since the epoch and a high-resolution counter, zero-padded,
 * then pid and a per-process sequence so concurrent sessions never collide.
 */
export const RECORD_SUFFIX = ".rec";
export const LOST_SUFFIX = ".lost";
export const QUARANTINE_SUFFIX = ".bad";

let seq = 0;

export function spoolFileName(nowMs: number, hrNs: bigint, pid: number, suffix: string): string {
  return (
    String(Math.floor(nowMs)).padStart(15, "0") +
    "-" +
    String(hrNs % 10n ** 12n).padStart(12, "0") +
    "-" +
    String(pid).padStart(8, "0") +
    "-" +
    String(seq++).padStart(6, "0") +
    suffix
  );
}

export const isRecordFile = (name: string) => name.endsWith(RECORD_SUFFIX) && !name.startsWith(".");
export const isLostMarker = (name: string) => name.endsWith(LOST_SUFFIX) && !name.startsWith(".");
