/**
 * Who is in right now: state files joined with the process table. Pure; the
 * shell (read-sessions.ts) supplies both.
 *
 * The process table is the truth about liveness, the state file the source
 * of what the wrapper knew (a prompted rationale exists nowhere else):
 *   live       the file's pid runs as the file's uid and started at the same tick
 *   crashed    the file is there but its process is gone or is someone else
 *              (the wrapper was killed before it could remove it)
 *   untracked  a wrapper process without a file: still at the prompt, or no
 *              StateDir, or the user deleted their own file
 */
import type { SessionState } from "./session-state.js";

export interface WrapperProcess {
  pid: number;
  uid: number;
  startTicks: string;
  /** When it started, from boot time + start ticks. */
  started: Date;
  /** SSH_CONNECTION / SSH_ORIGINAL_COMMAND / RATIONALE(_CLIENT) from its environment, when readable (root). */
  env: Record<string, string>;
}

export type Status = "live" | "crashed" | "untracked";

export interface SessionRow {
  status: Status;
  user: string;
  uid: number;
  src: string;
  client: string;
  rationale: string;
  command: string;
  started: string;
  runningForMs: number;
  pid: number;
  session: string;
  /** The state file, for --prune and for the operator to look at. */
  file?: string;
}

export interface StateOnDisk {
  file: string;
  state: SessionState;
}

export function listSessions(
  states: readonly StateOnDisk[],
  processes: readonly WrapperProcess[],
  userName: (uid: number) => string,
  now: Date,
): SessionRow[] {
  const byPid = new Map(processes.map((p) => [p.pid, p]));
  const tracked = new Set<number>();
  const rows: SessionRow[] = [];
  for (const { file, state } of states) {
    const f = state.fields;
    const pid = Number(f.pid);
    const uid = Number(f.uid);
    const p = byPid.get(pid);
    const alive = p !== undefined && p.uid === uid && p.startTicks === state.startTicks;
    if (alive) tracked.add(pid);
    rows.push({
      status: alive ? "live" : "crashed",
      user: f.user ?? userName(uid),
      uid,
      src: joinSource(f.src, f.src_port),
      client: f.client ?? "",
      rationale: f.rationale ?? "",
      command: f.command ?? "",
      started: state.started,
      runningForMs: Math.max(0, now.getTime() - Date.parse(state.started)),
      pid,
      session: f.session ?? "",
      file,
    });
  }
  for (const p of processes) {
    if (tracked.has(p.pid)) continue;
    const [srcIp, srcPort] = (p.env.SSH_CONNECTION ?? "").split(" ");
    rows.push({
      status: "untracked",
      user: userName(p.uid),
      uid: p.uid,
      src: joinSource(srcIp, srcPort),
      client: p.env.RATIONALE_CLIENT ?? "",
      rationale: p.env.RATIONALE ?? "",
      command: p.env.SSH_ORIGINAL_COMMAND ?? "",
      started: p.started.toISOString(),
      runningForMs: Math.max(0, now.getTime() - p.started.getTime()),
      pid: p.pid,
      session: "",
    });
  }
  return rows;
}

const joinSource = (ip?: string, port?: string) => (ip ? (port ? `${ip}:${port}` : ip) : "");

export const SORT_KEYS = ["started", "user", "duration", "client"] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export function sortSessions(rows: SessionRow[], key: SortKey): SessionRow[] {
  const by: Record<SortKey, (a: SessionRow, b: SessionRow) => number> = {
    started: (a, b) => a.started.localeCompare(b.started),
    duration: (a, b) => b.runningForMs - a.runningForMs,
    user: (a, b) => a.user.localeCompare(b.user) || a.started.localeCompare(b.started),
    client: (a, b) => a.client.localeCompare(b.client) || a.started.localeCompare(b.started),
  };
  return [...rows].sort(by[key]);
}

/** `90s`, `45m`, `24h`, `7d` (or a combination such as `1d12h`) in milliseconds; undefined if not that shape. */
export function parseAge(text: string): number | undefined {
  const unit: Record<string, number> = { s: 1e3, m: 60e3, h: 3600e3, d: 86400e3, w: 7 * 86400e3 };
  if (!/^(\d+[smhdw])+$/.test(text)) return undefined;
  let ms = 0;
  for (const [, n, u] of text.matchAll(/(\d+)([smhdw])/g)) ms += Number(n) * unit[u!]!;
  return ms;
}

/** `3d 4h`, `2h 05m`, `4m 10s`: the two largest units, for a terminal column. */
export function formatAge(ms: number): string {
  const s = Math.floor(ms / 1000);
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, "0");
  if (d) return `${d}d ${pad(h)}h`;
  if (h) return `${h}h ${pad(m)}m`;
  if (m) return `${m}m ${pad(s % 60)}s`;
  return `${s}s`;
}
