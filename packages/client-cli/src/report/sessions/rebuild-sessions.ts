/**
 * Joins start and end records by host and session id as they stream past.
 * Only sessions still open are kept; a session is handed on (`emit`) as soon
 * as its end arrives, and those never ended are handed on by finish().
 */
import { type LogRecord, type Session, sessionFrom } from "./session.js";

export interface RebuildOptions {
  emit: (s: Session) => void;
  /**
   * Bound on the sessions kept open; past it the oldest is handed on as
   * lost. Keeps memory constant when a log holds many starts without ends.
   */
  maxOpen?: number;
  /**
   * How many recent end keys to remember, to drop a record that arrives
   * twice close together (one stream fed by two relays). Bounded, so a log
   * given twice in full is not caught: give each log once.
   */
  rememberEnded?: number;
}

export class SessionRebuilder {
  private readonly open = new Map<string, LogRecord>();
  /**
   * Ends seen recently, in two generations: when the newer one is full it
   * becomes the older one. (Deleting a Set's oldest entry one at a time
   * leaves holes that every later lookup of "the oldest" walks over: that
   * made a million records take four times as long.)
   */
  private ended = new Set<string>();
  private endedBefore = new Set<string>();
  private readonly maxOpen: number;
  private readonly rememberEnded: number;
  duplicates = 0;
  evicted = 0;

  constructor(private readonly o: RebuildOptions) {
    this.maxOpen = o.maxOpen ?? 100_000;
    this.rememberEnded = o.rememberEnded ?? 4096;
  }

  /** Takes start and end records; returns false for any other event. */
  add(r: LogRecord): boolean {
    const key = this.keyOf(r);
    if (r.event === "start") {
      if (this.open.has(key) || this.wasEnded(key)) {
        this.duplicates++;
        return true;
      }
      this.open.set(key, r);
      if (this.open.size > this.maxOpen) this.evictOldest(r.time);
      return true;
    }
    if (r.event !== "end") return false;
    if (this.wasEnded(key)) {
      this.duplicates++;
      return true;
    }
    this.remember(key);
    const start = this.open.get(key);
    this.open.delete(key);
    const duration = Number(r.fields.duration_ms);
    const durationMs = Number.isFinite(duration) ? duration : start ? r.time - start.time : 0;
    this.o.emit(sessionFrom(r, start ? start.time : r.time - durationMs, "ended", durationMs, !!start));
    return true;
  }

  /**
   * Hands on every session still open, aged at `horizon` (the end of the
   * window, or the last record read): open when younger than lostAfterMs.
   */
  finish(horizon: number, lostAfterMs: number): void {
    for (const r of this.open.values()) {
      const age = Math.max(0, horizon - r.time);
      this.o.emit(sessionFrom(r, r.time, age > lostAfterMs ? "lost" : "open", age, true));
    }
    this.open.clear();
  }

  private evictOldest(now: number): void {
    const [key, r] = this.open.entries().next().value!;
    this.open.delete(key);
    this.evicted++;
    this.o.emit(sessionFrom(r, r.time, "lost", Math.max(0, now - r.time), true));
  }

  /**
   * Session ids are 64 random bits, so the id alone is the key (building a
   * host + id string for every record cost 8 % of a report). The same id
   * held open by another host (only a forged record would do that) is kept
   * apart under host and id.
   */
  private keyOf(r: LogRecord): string {
    const id = r.fields.session!;
    const held = this.open.get(id);
    return held && held.host !== r.host ? r.host + " " + id : id;
  }

  private wasEnded(key: string): boolean {
    return this.ended.has(key) || this.endedBefore.has(key);
  }

  private remember(key: string): void {
    this.ended.add(key);
    if (this.ended.size >= this.rememberEnded) {
      this.endedBefore = this.ended;
      this.ended = new Set();
    }
  }
}
