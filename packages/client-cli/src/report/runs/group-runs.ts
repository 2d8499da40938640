/**
 * The SSH sessions of one Ansible run or one Capistrano deploy become one
 * run: same client and rationale, each session starting within `gapMs` of
 * the run's last activity. Sessions arrive as they end, so a run is closed
 * (handed on) once the input has moved `gapMs` past its last activity.
 * Only runs still open are kept in memory.
 */
import type { Session } from "../sessions/session.js";

export interface Run {
  client: string;
  rationale: string;
  users: string[];
  /** Up to HOST_SAMPLE host names, in order of first appearance. */
  hosts: string[];
  /** Distinct hosts (exact up to MAX_TRACKED_HOSTS per run, a lower bound past it). */
  hostCount: number;
  sessions: number;
  failed: number;
  start: number;
  end: number;
  wallMs: number;
}

const HOST_SAMPLE = 8;
const MAX_TRACKED_HOSTS = 10_000;
const MAX_USERS = 5;

interface Open {
  run: Run;
  hosts: Set<string>;
}

export class RunGrouper {
  private readonly open = new Map<string, Open>();

  constructor(
    private readonly gapMs: number,
    private readonly emit: (run: Run) => void,
  ) {}

  add(s: Session): void {
    const key = s.client + "\0" + s.rationale;
    const end = s.start + s.durationMs;
    let o = this.open.get(key);
    if (o && s.start > o.run.end + this.gapMs) {
      this.close(key, o);
      o = undefined;
    }
    if (!o) {
      o = {
        run: { client: s.client, rationale: s.rationale, users: [], hosts: [], hostCount: 0, sessions: 0, failed: 0, start: s.start, end, wallMs: 0 },
        hosts: new Set(),
      };
      this.open.set(key, o);
    }
    const r = o.run;
    r.sessions++;
    if (s.exit !== undefined && s.exit !== "0") r.failed++;
    if (s.signal) r.failed++;
    r.start = Math.min(r.start, s.start);
    r.end = Math.max(r.end, end);
    if (!r.users.includes(s.user) && r.users.length < MAX_USERS) r.users.push(s.user);
    if (!o.hosts.has(s.host) && o.hosts.size < MAX_TRACKED_HOSTS) {
      o.hosts.add(s.host);
      if (r.hosts.length < HOST_SAMPLE) r.hosts.push(s.host);
    }
  }

  /** Closes the runs that nothing read after `now - gapMs` can still join. */
  advance(now: number): void {
    for (const [key, o] of this.open) if (o.run.end + this.gapMs < now) this.close(key, o);
  }

  finish(): void {
    for (const [key, o] of this.open) this.close(key, o);
  }

  private close(key: string, o: Open): void {
    this.open.delete(key);
    o.run.hostCount = o.hosts.size;
    o.run.wallMs = o.run.end - o.run.start;
    this.emit(o.run);
  }
}
