/**
 * What a state file holds and how it is read back. Pure: the reader gets the
 * file's text and owner from the shell and decides whether to believe it.
 */

/** The record fields (escaped, bounded strings, as in the JSON format) plus when and which process. */
export interface SessionState {
  fields: Record<string, string>;
  /** ISO 8601 time the session started. */
  started: string;
  /** Process start time in clock ticks since boot (/proc/PID/stat field 22): tells a live pid from a reused one. */
  startTicks: string;
}

/**
 * Field `n` of a /proc/PID/stat line, numbered from 1 as in proc(5); n is 3 or
 * more. The command name (field 2) may contain spaces and parentheses, so the
 * count starts after the last ")". Here rather than beside the /proc scan:
 * the state-file writer runs in every session and must not load node:fs.
 */
export function procStatField(stat: string, n: number): string | undefined {
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[n - 3];
}

export function encodeState(fields: Record<string, string>, started: Date, startTicks: string): string {
  return JSON.stringify({ ...fields, started: started.toISOString(), start_ticks: startTicks }) + "\n";
}

/** `<uid>.<session>.json`, as written by state-file.ts. */
const NAME = /^(\d{1,10})\.([0-9a-f]{16})\.json$/;

export type ParsedState = { ok: true; state: SessionState } | { ok: false; problem: string };

/**
 * Believe a state file only when its name, its owner and its content agree
 * on the uid and session: a user can write anything into their own file, but
 * cannot make it speak for someone else.
 */
export function parseState(name: string, text: string, ownerUid: number): ParsedState {
  const m = NAME.exec(name);
  if (!m) return { ok: false, problem: "not a state file name" };
  let obj: unknown;
  try {
    obj = JSON.parse(text);
  } catch {
    return { ok: false, problem: "not valid JSON" };
  }
  if (typeof obj !== "object" || obj === null || Array.isArray(obj)) return { ok: false, problem: "not a JSON object" };
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj)) if (typeof v === "string") fields[k] = v;
  const { started, start_ticks: startTicks, ...rest } = fields;
  if (String(ownerUid) !== m[1] || rest.uid !== m[1]) return { ok: false, problem: `owner uid ${ownerUid}, name and content disagree` };
  if (rest.session !== m[2]) return { ok: false, problem: "session id in the name and the content disagree" };
  if (!started || Number.isNaN(Date.parse(started)) || !/^\d+$/.test(startTicks ?? "") || !/^\d+$/.test(rest.pid ?? "")) {
    return { ok: false, problem: "started, start_ticks or pid missing" };
  }
  return { ok: true, state: { fields: rest, started, startTicks: startTicks! } };
}
