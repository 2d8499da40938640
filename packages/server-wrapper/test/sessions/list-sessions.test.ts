import { describe, expect, test } from "vitest";
import { formatAge, listSessions, parseAge, sortSessions, type WrapperProcess } from "../../src/sessions/list-sessions.js";
import { renderTable } from "../../src/sessions/render-sessions.js";
import { encodeState, parseState, procStatField } from "../../src/sessions/session-state.js";

const SID = "0123456789abcdef";
const fields = { event: "start", session: SID, user: "alice", uid: "1000", src: "10.0.0.5", src_port: "50123", client: "ansible", rationale: "OPS-1", command: "uptime", pid: "4242" };
const text = encodeState(fields, new Date("2026-11-23T08:00:00Z"), "777");

describe("procStatField", () => {
  test("fields are numbered as in proc(5), counted after the last parenthesis of the command name", () => {
    const stat = "4242 (a) b (c)) S 17 4242 4242 0 -1 4194560 1 0 0 0 0 0 0 0 20 0 1 0 777 0 0\n";
    expect(procStatField(stat, 3)).toBe("S");
    expect(procStatField(stat, 4)).toBe("17");
    expect(procStatField(stat, 22)).toBe("777");
    expect(procStatField("1 (x) S 0", 22)).toBeUndefined();
  });
});

describe("parseState", () => {
  test("a file whose name, owner and content agree is believed", () => {
    const r = parseState(`1000.${SID}.json`, text, 1000);
    expect(r).toEqual({ ok: true, state: { fields, started: "2026-11-23T08:00:00.000Z", startTicks: "777" } });
  });
  test("a user cannot speak for another uid or session", () => {
    expect(parseState(`1000.${SID}.json`, text, 1001)).toMatchObject({ ok: false, problem: expect.stringContaining("disagree") });
    expect(parseState(`0.${SID}.json`, text, 0)).toMatchObject({ ok: false });
    expect(parseState(`1000.fedcba9876543210.json`, text, 1000)).toMatchObject({ ok: false, problem: expect.stringContaining("session id") });
  });
  test("junk is reported, not thrown", () => {
    expect(parseState(`1000.${SID}.json`, "{", 1000)).toEqual({ ok: false, problem: "not valid JSON" });
    expect(parseState(`1000.${SID}.json`, "[]", 1000)).toEqual({ ok: false, problem: "not a JSON object" });
    expect(parseState(`1000.${SID}.json`, JSON.stringify({ ...fields, pid: "x" }), 1000)).toMatchObject({ ok: false });
    expect(parseState("evil.json", text, 1000)).toEqual({ ok: false, problem: "not a state file name" });
  });
});

describe("listSessions", () => {
  const state = (parseState(`1000.${SID}.json`, text, 1000) as { ok: true; state: never }).state;
  const now = new Date("2026-11-23T10:30:00Z");
  const proc = (o: Partial<WrapperProcess>): WrapperProcess => ({ pid: 4242, uid: 1000, startTicks: "777", started: new Date("2026-11-23T08:00:00Z"), env: {}, ...o });
  const name = (uid: number) => (uid === 1000 ? "alice" : `u${uid}`);

  test("live when the pid runs as the uid since the same tick", () => {
    const [row] = listSessions([{ file: "/s/f", state }], [proc({})], name, now);
    expect(row).toMatchObject({ status: "live", user: "alice", src: "10.0.0.5:50123", client: "ansible", rationale: "OPS-1", runningForMs: 9_000_000 });
  });
  test("crashed when the pid is gone, reused by another process, or another user's", () => {
    for (const procs of [[], [proc({ startTicks: "900" })], [proc({ uid: 0 })]]) {
      const out = listSessions([{ file: "/s/f", state }], procs, name, now);
      expect(out[0]!.status).toBe("crashed");
    }
  });
  test("a wrapper without a file is untracked, described from its environment", () => {
    const rows = listSessions([], [proc({ pid: 9, uid: 1001, env: { SSH_CONNECTION: "10.1.1.1 4000 10.0.0.1 22", SSH_ORIGINAL_COMMAND: "ls" } })], name, now);
    expect(rows).toEqual([expect.objectContaining({ status: "untracked", user: "u1001", src: "10.1.1.1:4000", command: "ls", pid: 9 })]);
  });
  test("sorting by duration puts the longest first", () => {
    const rows = listSessions([], [proc({ pid: 1, started: new Date("2026-11-23T10:00:00Z") }), proc({ pid: 2 })], name, now);
    expect(sortSessions(rows, "duration").map((r) => r.pid)).toEqual([2, 1]);
    expect(sortSessions(rows, "started").map((r) => r.pid)).toEqual([2, 1]);
  });
});

describe("ages and rendering", () => {
  test("parseAge understands s m h d w and combinations, nothing else", () => {
    expect(parseAge("90s")).toBe(90_000);
    expect(parseAge("24h")).toBe(86_400_000);
    expect(parseAge("1d12h")).toBe(129_600_000);
    expect(parseAge("1w")).toBe(604_800_000);
    expect(parseAge("24")).toBeUndefined();
    expect(parseAge("-1h")).toBeUndefined();
    expect(parseAge("")).toBeUndefined();
  });
  test("formatAge shows the two largest units", () => {
    expect(formatAge(5_000)).toBe("5s");
    expect(formatAge(250_000)).toBe("4m 10s");
    expect(formatAge(7_500_000)).toBe("2h 05m");
    expect(formatAge(3 * 86_400_000 + 4 * 3_600_000)).toBe("3d 04h");
  });
  test("cells from a user's own file are escaped and one row stays one line", () => {
    const rows = listSessions([], [{ pid: 1, uid: 5, startTicks: "1", started: new Date(0), env: { SSH_ORIGINAL_COMMAND: "ls\n\x1b]0;pwned\x07", RATIONALE: "a\u202eb" } }], () => "mallory", new Date(1000));
    const out = renderTable(rows, true);
    expect(out.split("\n").filter(Boolean)).toHaveLength(2);
    expect(out).toContain("ls\\x0a\\x1b]0;pwned\\x07");
    expect(out).toContain("a\\u{202e}b");
  });
  test("a cell cut short says so, also when the byte bound did the cutting", () => {
    // 20 emoji are 80 UTF-8 bytes: the escaping bound (4 bytes a character
    // for 16 characters, the CLIENT column) cuts it to 16 emoji, which used
    // to be shown whole with no mark that anything was missing.
    const rows = listSessions([], [{ pid: 1, uid: 5, startTicks: "1", started: new Date(0), env: { RATIONALE_CLIENT: "\u{1F600}".repeat(20) } }], () => "mallory", new Date(1000));
    expect(rows[0]!.client).toBe("\u{1F600}".repeat(20));
    expect(renderTable(rows, true)).toContain("\u{1F600}".repeat(15) + "…");
  });
});
