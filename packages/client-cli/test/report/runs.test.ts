import { describe, expect, test } from "vitest";
import { type Run, RunGrouper } from "../../src/report/runs/group-runs.js";
import type { Session } from "../../src/report/sessions/session.js";
import { TrendFit } from "../../src/report/stats/trend.js";

const MIN = 60_000;
const DAY = 86_400_000;
const session = (host: string, start: number, durationMs: number, rationale = "OPS-1 patch", client = "ansible", exit = "0"): Session => ({
  host, session: host + start, user: "deploy", client, rationale, rationaleSource: "client", rationaleInvalid: false, src: "", command: "",
  start, durationMs, status: "ended", exit, startSeen: true,
});

function group(sessions: Session[], gap = 10 * MIN): Run[] {
  const runs: Run[] = [];
  const g = new RunGrouper(gap, (r) => runs.push(r));
  for (const s of sessions) g.add(s);
  g.finish();
  return runs;
}

describe("RunGrouper", () => {
  test("sessions of one client and rationale within the gap form one run with its hosts, count and wall time", () => {
    const runs = group([session("web1", 0, 5000), session("web2", 1000, 5000), session("web1", 20_000, 5000, undefined, undefined, "2"), session("web3", 3 * MIN, 60_000)]);
    expect(runs).toEqual([expect.objectContaining({ hosts: ["web1", "web2", "web3"], hostCount: 3, sessions: 4, failed: 1, start: 0, wallMs: 4 * MIN })]);
  });

  test("a pause longer than the gap starts a new run; another rationale or client is another run", () => {
    const runs = group([
      session("web1", 0, 1000), session("web1", 30 * MIN, 1000),
      session("web1", 10, 1000, "OPS-2 other"), session("app1", 20, 1000, "OPS-1 patch", "capistrano"),
    ]);
    expect(runs.map((r) => `${r.client}/${r.rationale}/${r.start}`).sort()).toEqual([
      "ansible/OPS-1 patch/0", "ansible/OPS-1 patch/1800000", "ansible/OPS-2 other/10", "capistrano/OPS-1 patch/20",
    ]);
  });

  test("advance() closes the runs that nothing later can join, and keeps the others", () => {
    const runs: Run[] = [];
    const g = new RunGrouper(10 * MIN, (r) => runs.push(r));
    g.add(session("web1", 0, 1000));
    g.add(session("web1", 30 * MIN, 1000, "OPS-9 later"));
    g.advance(20 * MIN);
    expect(runs.map((r) => r.rationale)).toEqual(["OPS-1 patch"]);
  });
});

describe("TrendFit", () => {
  const fit = (points: [number, number][]) => {
    const t = new TrendFit();
    for (const [day, wall] of points) t.add(Date.UTC(2026, 0, 1) + day * DAY, wall);
    return t.result();
  };

  test("runs that take longer over the weeks are slower, by the fitted change per 30 days", () => {
    const r = fit(Array.from({ length: 30 }, (_, d) => [d, 60_000 + d * 2000] as [number, number]));
    expect(r.direction).toBe("slower");
    // slope 2000 ms/day, mean 89 000 ms: 60 000 / 89 000 = 67.4 % per 30 days
    expect(r.changePer30DaysPct).toBeCloseTo(67.4, 0);
  });

  test("faster, steady, and too little data to tell", () => {
    expect(fit(Array.from({ length: 10 }, (_, d) => [d, 100_000 - d * 5000] as [number, number])).direction).toBe("faster");
    expect(fit(Array.from({ length: 10 }, (_, d) => [d, 100_000 + (d % 2) * 1000] as [number, number])).direction).toBe("steady");
    expect(fit([[0, 1000], [1, 9000]]).direction).toBe("steady");
  });
});
