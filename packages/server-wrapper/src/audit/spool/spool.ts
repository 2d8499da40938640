/**
 * A sink's spool: records that could not be delivered, one file each, under
 * SPOOL_DIR/UID/SINK_ID/. Contracts:
 *  - a record file appears whole or not at all (written as a dot-file, then
 *    renamed), so many sessions can spool at once;
 *  - delivery is in creation order and by one process at a time per
 *    directory (flock on SINK_ID.lock); a record is deleted only after its
 *    sink accepted it, so a crash in between re-sends it (at least once);
 *  - the spool is bounded: past `max` records new ones are not written but
 *    counted (one empty `.lost` file each), and the count is delivered as a
 *    loss record after the kept ones;
 *  - a directory that exists means "something is spooled": the hot path
 *    checks that with one access() call, and an emptied spool is removed.
 *
 * Each user's sessions write under their own uid directory (0700), because
 * the wrapper runs as the logged-in user; SPOOL_DIR itself is root's, mode
 * 1733 (anyone may create an entry, nobody may list or remove others').
 * `rationale-server flush` as root delivers everyone's; as a user, their own.
 * node:fs is imported on first use: healthy sessions never touch the spool.
 */
import { closeFd, exists, tryLockFile } from "../../platform/libc.js";
import { parseJsonBody } from "@rationale/shared/records/parse-json";
import { parseStructuredData } from "@rationale/shared/records/parse-structured-data";
import { isLostMarker, isRecordFile, LOST_SUFFIX, QUARANTINE_SUFFIX, RECORD_SUFFIX, spoolFileName } from "./spool-names.js";

type Fs = typeof import("node:fs");
let fsModule: Fs | undefined;
const loadFs = async (): Promise<Fs> => (fsModule ??= await import("node:fs"));

export type AppendResult = "spooled" | "lost";

export interface DrainResult {
  delivered: number;
  lost: number;
  remaining: number;
  quarantined: number;
}

/** Delivers lines in order, all or none (a Sink's deliver, bound to a deadline). */
export type Deliver = (lines: readonly string[]) => Promise<void>;

const BATCH = 100;

export class Spool {
  readonly userDir: string;
  readonly dir: string;

  constructor(
    root: string,
    private readonly uid: number,
    sinkId: string,
  ) {
    this.userDir = `${root}/${uid}`;
    this.dir = `${this.userDir}/${sinkId}`;
  }

  /** Cheap: is anything waiting here? */
  hasRecords(): boolean {
    return exists(this.dir);
  }

  private async ensureDir(fs: Fs): Promise<void> {
    for (const d of [this.userDir, this.dir]) {
      try {
        fs.mkdirSync(d, { mode: 0o700 });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      }
      // Someone else may have created our directory first, to read our records.
      const st = fs.lstatSync(d);
      if (!st.isDirectory() || st.uid !== this.uid || (st.mode & 0o077) !== 0) {
        throw new Error(`spool directory ${d} is not a private directory owned by uid ${this.uid}; refusing to use it`);
      }
    }
  }

  async append(line: string, max: number): Promise<AppendResult> {
    const fs = await loadFs();
    await this.ensureDir(fs);
    const count = fs.readdirSync(this.dir).filter(isRecordFile).length;
    const full = count >= max;
    const name = spoolFileName(Date.now(), process.hrtime.bigint(), process.pid, full ? LOST_SUFFIX : RECORD_SUFFIX);
    const tmp = `${this.dir}/.${name}`;
    fs.writeFileSync(tmp, full ? "" : line, { mode: 0o600, flag: "wx" });
    fs.renameSync(tmp, `${this.dir}/${name}`);
    return full ? "lost" : "spooled";
  }

  /**
   * Deliver what is spooled, oldest first, then the loss count. Returns at
   * once (nothing delivered) when another process is draining this spool.
   */
  async drain(deliver: Deliver, lossLine: (count: number) => string): Promise<DrainResult> {
    const result: DrainResult = { delivered: 0, lost: 0, remaining: 0, quarantined: 0 };
    if (!this.hasRecords()) return result;
    const fs = await loadFs();
    const lock = tryLockFile(`${this.dir}.lock`);
    if (lock === undefined) {
      result.remaining = fs.readdirSync(this.dir).filter(isRecordFile).length;
      return result;
    }
    try {
      const names = fs.readdirSync(this.dir);
      const records = names.filter(isRecordFile).sort();
      for (let i = 0; i < records.length; i += BATCH) {
        const batch = records.slice(i, i + BATCH);
        const lines: string[] = [];
        const files: string[] = [];
        for (const name of batch) {
          const line = this.readOwnRecord(fs, name);
          if (line === undefined) {
            fs.renameSync(`${this.dir}/${name}`, `${this.dir}/${name}${QUARANTINE_SUFFIX}`);
            result.quarantined++;
          } else {
            lines.push(line);
            files.push(name);
          }
        }
        try {
          if (lines.length) await deliver(lines);
        } catch {
          result.remaining = records.length - i - result.quarantined;
          return result;
        }
        for (const f of files) fs.unlinkSync(`${this.dir}/${f}`);
        result.delivered += lines.length;
      }
      const lost = names.filter(isLostMarker);
      if (lost.length) {
        try {
          await deliver([lossLine(lost.length)]);
        } catch {
          return result;
        }
        for (const f of lost) fs.unlinkSync(`${this.dir}/${f}`);
        result.lost = lost.length;
      }
      try {
        fs.rmdirSync(this.dir); // empty again: the hot path goes straight to the sink
      } catch {
        // a session spooled a new record meanwhile, or a quarantined one stays
      }
      return result;
    } finally {
      closeFd(lock);
    }
  }

  /**
   * Read a spooled record, refusing anything that is not a plain file of the
   * spool's owner holding that owner's record: `flush` runs as root over
   * directories users control, and must neither follow a symlink to a
   * secret file nor relay a record forged in another user's name.
   */
  private readOwnRecord(fs: Fs, name: string): string | undefined {
    let fd: number | undefined;
    try {
      fd = fs.openSync(`${this.dir}/${name}`, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK);
      const st = fs.fstatSync(fd);
      if (!st.isFile() || st.uid !== this.uid || st.nlink !== 1 || st.size > 64 * 1024) return undefined;
      const line = fs.readFileSync(fd, "utf8");
      const fields = parseStructuredData(line) ?? parseJsonBody(line);
      return fields?.uid === String(this.uid) ? line : undefined;
    } catch {
      return undefined;
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
  }
}
