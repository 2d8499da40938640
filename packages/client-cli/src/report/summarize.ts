/**
 * Folds records into the report as they stream past: sessions are rebuilt,
 * filtered by window, user, client and host, and counted into aggregates of
 * bounded size. Nothing here grows with the number of records; memory grows
 * only with the sessions open at one time and with the distinct users,
 * clients and days in the window.
 */
import { formatDuration } from "./render/format-values.js";
import type { Report, RunRow, SessionRow } from "./report.js";
import { type Run, RunGrouper } from "./runs/group-runs.js";
import { type RationaleQuality, rationaleQuality } from "./sessions/rationale-quality.js";
import { SessionRebuilder } from "./sessions/rebuild-sessions.js";
import type { LogRecord, Session } from "./sessions/session.js";
import { LogHistogram } from "./stats/log-histogram.js";
import { Recent, TopN } from "./stats/top-n.js";
import { TrendFit } from "./stats/trend.js";

export interface SummaryOptions {
  since?: number;
  until?: number;
  users: string[];
  clients: string[];
  hosts: string[];
  /** Clients whose sessions are grouped into runs (e.g. ansible, capistrano). */
  automation: string[];
  runGapMs: number;
  lostAfterMs: number;
  /** Length of the longest-sessions and recent lists. */
  top: number;
  /** Called with every session kept by the filters, as soon as it is known (for --csv). */
  onSession?: (s: Session, quality: RationaleQuality) => void;
}

const DAY = 86_400_000;
const CHART_RUNS = 2000;
/** Upper bounds of the duration chart's buckets, in ms. */
const DURATION_BUCKETS: [string, number][] = [
  ["< 1 s", 1000], ["1-10 s", 10_000], ["10-60 s", 60_000], ["1-10 min", 600_000], ["10-60 min", 3_600_000],
  ["1-8 h", 8 * 3_600_000], ["8-24 h", DAY], ["> 1 day", Infinity],
];

const iso = (ms: number) => new Date(ms).toISOString();
/** ISO start times sort as text. */
const newestFirst = <T extends { start: string }>(rows: T[]) => rows.sort((a, b) => (a.start < b.start ? 1 : a.start > b.start ? -1 : 0));

interface ClientStats {
  sessions: number;
  durations: LogHistogram;
  buckets: number[];
}

interface UserStats {
  sessions: number;
  clients: Map<string, number>;
  none: number;
  invalid: number;
  weak: number;
  refused: number;
}

interface RunStats {
  wall: LogHistogram;
  trend: TrendFit;
  points: Recent<Report["charts"]["runPoints"][number]>;
}

export class ReportBuilder {
  private readonly users = new Set<string>();
  private readonly clientsFilter: Set<string>;
  private readonly hostsFilter: Set<string>;
  private readonly automation: Set<string>;
  private readonly rebuilder: SessionRebuilder;
  private readonly grouper: RunGrouper;
  private readonly counts = { total: 0, ended: 0, open: 0, lost: 0, endOnly: 0 };
  private readonly byClient = new Map<string, ClientStats>();
  private readonly byUser = new Map<string, UserStats>();
  private readonly perDay = new Map<number, Map<string, number>>();
  private readonly longest: TopN<SessionRow>;
  private readonly weakRecent: Recent<SessionRow>;
  private readonly runStats = new Map<string, RunStats>();
  private readonly recentRuns: Recent<RunRow>;
  private readonly events = { refused: 0, configError: 0, crash: 0, spoolLoss: 0, recordsLostInSpool: 0 };
  private readonly malformedExamples: Report["input"]["malformed"]["examples"] = [];
  private readonly input = { lines: 0, records: 0, otherLines: 0, malformed: 0 };
  private first = Infinity;
  private last = -Infinity;
  private sinceAdvance = 0;

  constructor(private readonly o: SummaryOptions) {
    for (const u of o.users) this.users.add(u);
    this.clientsFilter = new Set(o.clients);
    this.hostsFilter = new Set(o.hosts);
    this.automation = new Set(o.automation);
    this.rebuilder = new SessionRebuilder({ emit: (s) => this.session(s) });
    this.grouper = new RunGrouper(o.runGapMs, (r) => this.run(r));
    this.longest = new TopN(o.top, (s) => s.durationMs);
    this.weakRecent = new Recent(o.top);
    this.recentRuns = new Recent(o.top);
  }

  other(): void {
    this.input.lines++;
    this.input.otherLines++;
  }

  malformed(source: string, line: number, reason: string): void {
    this.input.lines++;
    this.input.malformed++;
    if (this.malformedExamples.length < 10) this.malformedExamples.push({ source, line, reason });
  }

  record(r: LogRecord): void {
    this.input.lines++;
    this.input.records++;
    if (r.time < this.first) this.first = r.time;
    if (r.time > this.last) this.last = r.time;
    if (!this.rebuilder.add(r)) this.otherEvent(r);
    // Runs that nothing later can join are closed every so often, so few stay in memory.
    if (++this.sinceAdvance >= 4096) {
      this.sinceAdvance = 0;
      this.grouper.advance(this.last);
    }
  }

  finish(sources: string[]): Report {
    const horizon = this.o.until ?? (Number.isFinite(this.last) ? this.last : Date.now());
    this.rebuilder.finish(horizon, this.o.lostAfterMs);
    this.grouper.finish();
    return this.build(sources);
  }

  private passes(user: string, client: string, host: string): boolean {
    return (
      (!this.users.size || this.users.has(user)) &&
      (!this.clientsFilter.size || this.clientsFilter.has(client)) &&
      (!this.hostsFilter.size || this.hostsFilter.has(host))
    );
  }

  private inWindow(t: number): boolean {
    return (this.o.since === undefined || t >= this.o.since) && (this.o.until === undefined || t <= this.o.until);
  }

  private otherEvent(r: LogRecord): void {
    const f = r.fields;
    if (!this.inWindow(r.time) || !this.passes(f.user ?? "", f.client ?? "", r.host)) return;
    if (r.event === "refused") {
      this.events.refused++;
      this.user(f.user ?? "").refused++;
    } else if (r.event === "config-error") this.events.configError++;
    else if (r.event === "crash") this.events.crash++;
    else if (r.event === "spool-loss") {
      this.events.spoolLoss++;
      this.events.recordsLostInSpool += Number(f.lost) || 0;
    }
  }

  /** The sessions of a run share their rationale: judge each text once (a bounded memo). */
  private readonly qualityMemo = new Map<string, RationaleQuality>();
  private quality(s: Session): RationaleQuality {
    if (s.rationaleSource === "none" || s.rationaleInvalid) return rationaleQuality(s.rationale, s.rationaleSource, s.rationaleInvalid);
    let q = this.qualityMemo.get(s.rationale);
    if (q === undefined) {
      if (this.qualityMemo.size >= 1024) this.qualityMemo.clear();
      this.qualityMemo.set(s.rationale, (q = rationaleQuality(s.rationale, s.rationaleSource, false)));
    }
    return q;
  }

  private user(name: string): UserStats {
    let u = this.byUser.get(name);
    if (!u) this.byUser.set(name, (u = { sessions: 0, clients: new Map(), none: 0, invalid: 0, weak: 0, refused: 0 }));
    return u;
  }

  private session(s: Session): void {
    if (!this.inWindow(s.start) || !this.passes(s.user, s.client, s.host)) return;
    const quality = this.quality(s);
    this.o.onSession?.(s, quality);
    this.counts.total++;
    this.counts[s.status]++;
    if (!s.startSeen) this.counts.endOnly++;

    let c = this.byClient.get(s.client);
    if (!c) this.byClient.set(s.client, (c = { sessions: 0, durations: new LogHistogram(), buckets: DURATION_BUCKETS.map(() => 0) }));
    c.sessions++;
    if (s.status === "ended") {
      c.durations.add(s.durationMs);
      c.buckets[DURATION_BUCKETS.findIndex(([, max]) => s.durationMs < max)]!++;
    }

    const u = this.user(s.user);
    u.sessions++;
    u.clients.set(s.client, (u.clients.get(s.client) ?? 0) + 1);
    if (quality !== "ok") u[quality]++;

    const day = Math.floor(s.start / DAY);
    let d = this.perDay.get(day);
    if (!d) this.perDay.set(day, (d = new Map()));
    d.set(s.client, (d.get(s.client) ?? 0) + 1);

    const row = (): SessionRow => ({
      start: iso(s.start), host: s.host, user: s.user, client: s.client, session: s.session,
      durationMs: s.durationMs, status: s.status, rationale: s.rationale, quality,
    });
    if (this.longest.accepts(s.durationMs)) this.longest.add(row());
    if (quality !== "ok") this.weakRecent.add(row());
    if (s.status === "ended" && this.automation.has(s.client)) this.grouper.add(s);
  }

  private run(r: Run): void {
    let st = this.runStats.get(r.client);
    if (!st) this.runStats.set(r.client, (st = { wall: new LogHistogram(), trend: new TrendFit(), points: new Recent(CHART_RUNS) }));
    st.wall.add(r.wallMs);
    st.trend.add(r.start, r.wallMs);
    st.points.add({ client: r.client, start: r.start, wallMs: r.wallMs, hosts: r.hostCount, sessions: r.sessions, rationale: r.rationale });
    this.recentRuns.add({ ...r, start: iso(r.start), end: iso(r.end) });
  }

  private build(sources: string[]): Report {
    const o = this.o;
    const clients = [...this.byClient.keys()].sort();
    const days = [...this.perDay.keys()].sort((a, b) => a - b);
    const runClients = [...this.runStats.keys()].sort();
    return {
      input: {
        sources,
        lines: this.input.lines,
        records: this.input.records,
        otherLines: this.input.otherLines,
        malformed: { count: this.input.malformed, examples: this.malformedExamples },
        duplicates: this.rebuilder.duplicates,
      },
      window: {
        since: o.since === undefined ? undefined : iso(o.since),
        until: o.until === undefined ? undefined : iso(o.until),
        firstRecord: Number.isFinite(this.first) ? iso(this.first) : undefined,
        lastRecord: Number.isFinite(this.last) ? iso(this.last) : undefined,
      },
      filters: { users: o.users, clients: o.clients, hosts: o.hosts },
      sessions: { ...this.counts },
      byUser: [...this.byUser]
        .filter(([, u]) => u.sessions > 0)
        .sort((a, b) => b[1].sessions - a[1].sessions || a[0].localeCompare(b[0]))
        .map(([user, u]) => ({ user, sessions: u.sessions, clients: Object.fromEntries([...u.clients].sort((a, b) => b[1] - a[1])) })),
      byClient: clients
        .map((client) => {
          const c = this.byClient.get(client)!;
          return {
            client, sessions: c.sessions, ended: c.durations.count,
            p50Ms: c.durations.quantile(0.5), p95Ms: c.durations.quantile(0.95), maxMs: c.durations.count ? c.durations.max : undefined,
          };
        })
        .sort((a, b) => b.sessions - a.sessions),
      longest: this.longest.items(),
      rationale: {
        byUser: [...this.byUser]
          .filter(([, u]) => u.none + u.invalid + u.weak + u.refused > 0)
          .map(([user, u]) => ({ user, none: u.none, invalid: u.invalid, weak: u.weak, refused: u.refused }))
          .sort((a, b) => b.none + b.invalid + b.weak + b.refused - (a.none + a.invalid + a.weak + a.refused)),
        recent: newestFirst(this.weakRecent.items()),
      },
      events: { ...this.events },
      runs: {
        gapMs: o.runGapMs,
        clients: o.automation,
        byClient: runClients.map((client) => {
          const st = this.runStats.get(client)!;
          return { client, runs: st.wall.count, p50WallMs: st.wall.quantile(0.5), p95WallMs: st.wall.quantile(0.95), trend: st.trend.result() };
        }),
        recent: newestFirst(this.recentRuns.items()),
      },
      charts: {
        // Runs are handed on as they close, not as they start: the chart draws them in time order.
        runPoints: runClients.flatMap((c) => this.runStats.get(c)!.points.items().sort((a, b) => a.start - b.start)),
        perDay: {
          days: days.map((d) => iso(d * DAY).slice(0, 10)),
          clients,
          counts: clients.map((c) => days.map((d) => this.perDay.get(d)!.get(c) ?? 0)),
        },
        durations: {
          buckets: DURATION_BUCKETS.map(([label]) => label),
          clients,
          counts: clients.map((c) => this.byClient.get(c)!.buckets),
        },
      },
      notes: [
        "Duration percentiles come from a log-scale histogram: within 4.4 % of the exact value.",
        `Runs: sessions of ${o.automation.join(", ") || "no client"} with the same client and rationale, each starting within ${formatDuration(o.runGapMs)} of the run's last activity; the trend is a least-squares fit of wall time over start time.`,
        `Sessions with no end record are open when younger than ${formatDuration(o.lostAfterMs)} at the end of the input, else lost; their duration is their age.`,
        `The run chart shows the last ${CHART_RUNS} runs per client; "recent" lists are the last ones handed on, newest first.`,
        "Days are UTC.",
      ],
    };
  }
}
