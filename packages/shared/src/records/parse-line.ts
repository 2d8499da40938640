/**
 * One log line, in any form a record reaches a reader, to the record's
 * fields plus when and where it was logged:
 *   - a syslog file line: `Mmm dd hh:mm:ss HOST TAG[PID]: MSG` (rsyslog's
 *     traditional file format) or `2026-11-23T01:02:03.123456+00:00 HOST TAG[PID]: MSG`
 *     (RSYSLOG_FileFormat, Debian's default);
 *   - a syslog message with its `<PRI>`: RFC 3164 / the local form without
 *     a hostname (`<86>Nov 23 01:02:03 rationale[42]: ...`) and RFC 5424
 *     (`<86>1 2026-11-23T01:02:03Z HOST rationale 42 start [rationale@32473 ...] ...`);
 *   - MSG holding either the structured-data element or the `@cee:` JSON body;
 *   - a `journalctl -o json` object (MESSAGE, SYSLOG_IDENTIFIER, _HOSTNAME,
 *     __REALTIME_TIMESTAMP).
 * A line is ours when its tag / APP-NAME / SYSLOG_IDENTIFIER is the
 * configured tag; anything else is "other" (other programs share the file).
 * A line of ours whose fields cannot be read is "malformed", never thrown.
 */
import { parseJsonBody } from "./parse-json.js";
import { type ParsedFields, parseStructuredData } from "./parse-structured-data.js";
import { CEE_COOKIE, DEFAULT_TAG, RECORD_EVENTS, type RecordEvent, SD_ID_PREFIX } from "./syntax.js";

export type LineResult =
  | { kind: "record"; fields: ParsedFields; event: RecordEvent; time: number; host: string }
  | { kind: "other" }
  | { kind: "malformed"; reason: string };

export interface LineOptions {
  /** SyslogTag of the servers (default `rationale`). */
  tag?: string;
  /**
   * A BSD timestamp has no year: it is taken from this time (ms), or the
   * year before when that would put the line more than a month after it
   * (a rotated file read in January holds December's lines).
   */
  referenceTime?: number;
}

const OTHER: LineResult = { kind: "other" };
const malformed = (reason: string): LineResult => ({ kind: "malformed", reason });
const MONTHS: Record<string, number> = { Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11 };
const EVENTS = new Set<string>(RECORD_EVENTS);
const SD_OPEN = "[" + SD_ID_PREFIX;
const MONTH_MS = 31 * 86_400_000;
const utf8 = new TextDecoder();

export function parseRecordLine(line: string, o: LineOptions = {}): LineResult {
  const tag = o.tag ?? DEFAULT_TAG;
  // Most lines in a shared auth.log belong to sshd, sudo, cron...: one scan rejects them.
  if (!line.includes(tag)) return OTHER;
  let i = 0;
  while (line.charCodeAt(i) === 32) i++;
  if (line[i] === "{") return parseJournalEntry(line, tag);
  if (line[i] === "<") {
    const close = line.indexOf(">", i);
    if (close === -1 || close - i > 4) return OTHER;
    i = close + 1;
    if (line.startsWith("1 ", i)) return parseRfc5424(line, i + 2, tag);
  }
  return parseBsd(line, i, tag, o.referenceTime ?? Date.now());
}

/** `TIMESTAMP [HOST ]TAG[PID]: MSG` with a BSD or an ISO 8601 timestamp. */
function parseBsd(line: string, i: number, tag: string, reference: number): LineResult {
  let time: number;
  let rest: number;
  if (MONTHS[line.slice(i, i + 3)] !== undefined && line[i + 3] === " ") {
    time = bsdTime(line.slice(i, i + 15), reference);
    rest = i + 16;
  } else {
    const sp = line.indexOf(" ", i);
    if (sp === -1) return OTHER;
    time = Date.parse(line.slice(i, sp));
    rest = sp + 1;
  }
  if (Number.isNaN(time)) return OTHER; // not a syslog line at all
  // The next one or two words: HOST then TAG[PID]:, or TAG[PID]: alone (the local form).
  const sp1 = line.indexOf(" ", rest);
  if (sp1 === -1) return OTHER;
  let host = "";
  let tagWord = line.slice(rest, sp1);
  let msg = sp1 + 1;
  if (!tagWord.endsWith(":")) {
    host = tagWord;
    const sp2 = line.indexOf(" ", sp1 + 1);
    if (sp2 === -1) return OTHER;
    tagWord = line.slice(sp1 + 1, sp2);
    msg = sp2 + 1;
  }
  if (tagName(tagWord) !== tag) return OTHER;
  return fromMessage(line.slice(msg), time, host);
}

/** `TAG[PID]:` or `TAG:` to TAG. */
function tagName(word: string): string {
  const b = word.indexOf("[");
  return b === -1 ? word.slice(0, -1) : word.slice(0, b);
}

/** RFC 5424 after `<PRI>1 `: TIMESTAMP HOSTNAME APP-NAME PROCID MSGID SD MSG. */
function parseRfc5424(line: string, i: number, tag: string): LineResult {
  const parts: string[] = [];
  let at = i;
  for (let k = 0; k < 5; k++) {
    const sp = line.indexOf(" ", at);
    if (sp === -1) return OTHER;
    parts.push(line.slice(at, sp));
    at = sp + 1;
  }
  if (parts[2] !== tag) return OTHER;
  const time = Date.parse(parts[0]!);
  if (Number.isNaN(time)) return malformed("RFC 5424 timestamp is not a date");
  return fromMessage(line.slice(at), time, parts[1] === "-" ? "" : parts[1]!);
}

function parseJournalEntry(line: string, tag: string): LineResult {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line);
  } catch {
    return OTHER; // a JSON line that is not even JSON cannot be told to be ours
  }
  if (!entry || typeof entry !== "object" || entry.SYSLOG_IDENTIFIER !== tag) return OTHER;
  const message = journalText(entry.MESSAGE);
  if (message === undefined) return malformed("journal entry without a MESSAGE");
  const micros = Number(entry.__REALTIME_TIMESTAMP);
  if (!Number.isFinite(micros)) return malformed("journal entry without __REALTIME_TIMESTAMP");
  return fromMessage(message, Math.floor(micros / 1000), typeof entry._HOSTNAME === "string" ? entry._HOSTNAME : "");
}

/** journalctl prints a MESSAGE that is not valid UTF-8 as an array of bytes. */
function journalText(v: unknown): string | undefined {
  if (typeof v === "string") return v;
  if (Array.isArray(v) && v.every((b) => typeof b === "number")) return utf8.decode(Uint8Array.from(v as number[]));
  return undefined;
}

/** MSG (or the rest of an RFC 5424 line from its SD on) to the record. */
function fromMessage(msg: string, time: number, host: string): LineResult {
  // Whichever comes first is the record: client text inside a JSON body may
  // spell a structured-data element, and an escaped one may spell `@cee:`.
  const sd = msg.indexOf(SD_OPEN);
  const cee = sd === -1 ? msg.indexOf(CEE_COOKIE) : msg.lastIndexOf(CEE_COOKIE, sd); // only the part before the element
  if (sd === -1 && cee === -1) return malformed("no [rationale@...] element and no @cee: body");
  const fields = cee === -1 || (sd !== -1 && sd < cee) ? parseStructuredData(msg) : parseJsonBody(msg);
  if (!fields) return malformed("fields cannot be read (cut or altered line)");
  const event = fields.event;
  if (!event || !EVENTS.has(event)) return malformed(`unknown event "${event ?? ""}"`);
  if (!fields.session) return malformed("record without a session id");
  return { kind: "record", fields, event: event as RecordEvent, time, host };
}

/** `Mmm dd hh:mm:ss` in local time, in the year that puts it closest before `reference`. */
function bsdTime(stamp: string, reference: number): number {
  const month = MONTHS[stamp.slice(0, 3)]!;
  const day = Number(stamp.slice(4, 6));
  const [h, m, s] = stamp.slice(7).split(":").map(Number);
  if (stamp[9] !== ":" || stamp[12] !== ":" || !(day >= 1)) return NaN;
  const year = new Date(reference).getFullYear();
  const t = new Date(year, month, day, h, m, s).getTime();
  return t > reference + MONTH_MS ? new Date(year - 1, month, day, h, m, s).getTime() : t;
}
