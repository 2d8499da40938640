/** What `rationale report` produces: the shape printed by --json and read by every renderer. */
import type { Trend } from "./stats/trend.js";
import type { Run } from "./runs/group-runs.js";
import type { RationaleQuality } from "./sessions/rationale-quality.js";
import type { SessionStatus } from "./sessions/session.js";

export interface SessionRow {
  start: string;
  host: string;
  user: string;
  client: string;
  session: string;
  durationMs: number;
  status: SessionStatus;
  rationale: string;
  quality: RationaleQuality;
}

export interface RunRow extends Omit<Run, "start" | "end"> {
  start: string;
  end: string;
}

export interface Report {
  input: {
    sources: string[];
    lines: number;
    records: number;
    /** Lines of other programs (or not ours) that were skipped. */
    otherLines: number;
    malformed: { count: number; examples: { source: string; line: number; reason: string }[] };
    /** Records read twice (the same log given twice) and dropped. */
    duplicates: number;
  };
  window: { since?: string; until?: string; firstRecord?: string; lastRecord?: string };
  filters: { users: string[]; clients: string[]; hosts: string[] };
  sessions: { total: number; ended: number; open: number; lost: number; endOnly: number };
  byUser: { user: string; sessions: number; clients: Record<string, number> }[];
  byClient: { client: string; sessions: number; ended: number; p50Ms?: number; p95Ms?: number; maxMs?: number }[];
  longest: SessionRow[];
  rationale: {
    byUser: { user: string; none: number; invalid: number; weak: number; refused: number }[];
    recent: SessionRow[];
  };
  events: { refused: number; configError: number; crash: number; spoolLoss: number; recordsLostInSpool: number };
  runs: {
    gapMs: number;
    clients: string[];
    byClient: { client: string; runs: number; p50WallMs?: number; p95WallMs?: number; trend: Trend }[];
    recent: RunRow[];
  };
  charts: {
    /** Runs over time for the chart (the last CHART_RUNS per client). */
    runPoints: { client: string; start: number; wallMs: number; hosts: number; sessions: number; rationale: string }[];
    /** Sessions per UTC day by client. */
    perDay: { days: string[]; clients: string[]; counts: number[][] };
    /** Ended sessions per duration bucket by client. */
    durations: { buckets: string[]; clients: string[]; counts: number[][] };
  };
  /** Which figures are approximate, and how. */
  notes: string[];
}
