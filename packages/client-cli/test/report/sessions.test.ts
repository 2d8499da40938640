import { describe, expect, test } from "vitest";
import { SessionRebuilder } from "../../src/report/sessions/rebuild-sessions.js";
import { rationaleQuality } from "../../src/report/sessions/rationale-quality.js";
import type { LogRecord, Session } from "../../src/report/sessions/session.js";

const H = 3_600_000;
const rec = (event: "start" | "end", session: string, time: number, extra: Record<string, string> = {}, host = "web1"): LogRecord => ({
  event, time, host, fields: { event, session, user: "alice", client: "interactive", rationale: "INC-1 disk full", rationale_source: "client", ...extra },
});

function rebuild(records: LogRecord[], horizon: number, lostAfter = 24 * H) {
  const out: Session[] = [];
  const r = new SessionRebuilder({ emit: (s) => out.push(s) });
  for (const x of records) r.add(x);
  r.finish(horizon, lostAfter);
  return { sessions: out, rebuilder: r };
}

describe("SessionRebuilder", () => {
  test("a start and its end make one ended session with the end's duration and status", () => {
    const { sessions } = rebuild([rec("start", "a", 1000), rec("end", "a", 6000, { duration_ms: "5012", exit: "3" })], 10_000);
    expect(sessions).toEqual([expect.objectContaining({ session: "a", status: "ended", start: 1000, durationMs: 5012, exit: "3", startSeen: true })]);
  });

  test("an end without its start (the start lies before the input) is dated back by its duration", () => {
    const { sessions } = rebuild([rec("end", "b", 10_000, { duration_ms: "4000" })], 10_000);
    expect(sessions).toEqual([expect.objectContaining({ status: "ended", start: 6000, startSeen: false })]);
  });

  test("a start without an end is open while young and lost when older than lostAfter, aged at the horizon", () => {
    const { sessions } = rebuild([rec("start", "old", 0), rec("start", "new", 47 * H)], 48 * H);
    expect(sessions.find((s) => s.session === "old")).toMatchObject({ status: "lost", durationMs: 48 * H });
    expect(sessions.find((s) => s.session === "new")).toMatchObject({ status: "open", durationMs: H });
  });

  test("the same session id on two hosts is two sessions; records read again after the end are dropped", () => {
    const { sessions, rebuilder } = rebuild(
      [rec("start", "a", 0), rec("start", "a", 0, {}, "web2"), rec("end", "a", 10, { duration_ms: "10" }), rec("end", "a", 10, { duration_ms: "10" }), rec("start", "a", 0)],
      100,
    );
    expect(sessions.map((s) => `${s.host}:${s.status}`).sort()).toEqual(["web1:ended", "web2:open"]);
    expect(rebuilder.duplicates).toBe(2);
  });

  test("past maxOpen the oldest open session is handed on as lost, so memory stays bounded", () => {
    const out: Session[] = [];
    const r = new SessionRebuilder({ emit: (s) => out.push(s), maxOpen: 2 });
    for (const [i, id] of ["a", "b", "c"].entries()) r.add(rec("start", id, i));
    expect(out).toEqual([expect.objectContaining({ session: "a", status: "lost" })]);
    expect(r.evicted).toBe(1);
  });
});

describe("rationaleQuality", () => {
  test.each([
    ["INC-42 restart queue", "client", false, "ok"],
    ["rotate logs on the api nodes", "prompt", false, "ok"],
    ["fix #123", "client", false, "ok"],
    ["", "none", false, "none"],
    ["   ", "client", false, "none"],
    ["anything", "client", true, "invalid"],
    ["test", "client", false, "weak"],
    ["asdf", "prompt", false, "weak"],
    ["Fix.", "client", false, "weak"],
    ["....", "client", false, "weak"],
    ["1234567", "client", false, "weak"],
    ["xxxxxxxxxx", "client", false, "weak"],
  ])("%j (%s, invalid %s) is %s", (text, source, invalid, want) => {
    expect(rationaleQuality(text, source, invalid)).toBe(want);
  });
});
