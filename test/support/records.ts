/** The wrapper's records as rsyslog wrote them, parsed back with the product's own parser. */
import { parseJsonBody } from "@rationale/shared/records/parse-json";
import { parseStructuredData, type ParsedFields } from "@rationale/shared/records/parse-structured-data";
import type { Rsyslog } from "./rsyslog.js";
import { waitFor } from "./wait-for.js";

export interface LoggedRecord {
  /** facility.severity as rsyslog understood it, e.g. "authpriv.info". */
  priority: string;
  appName: string;
  procId: string;
  msgId: string;
  /** Which rsyslog input parsed it: imuxsock, udp, tcp or tls. */
  input: string;
  /** What rsyslog parsed as structured data ("-" when none) and the message, as written. */
  msg: string;
  fields: ParsedFields;
  line: string;
}

export function parseLine(line: string): LoggedRecord | undefined {
  const m = /^(\S+) (\S+) (\S+) (\S+) (\S+) \|(.*) JSON=(.*)$/.exec(line);
  if (!m) return undefined;
  // Structured data (in %structured-data% or in MSG), else what mmjsonparse parsed.
  const fields = parseStructuredData(m[6]!) ?? parseJsonBody(m[7]!);
  if (!fields || !fields.event) return undefined;
  return { priority: m[1]!, appName: m[2]!, procId: m[3]!, msgId: m[4]!, input: m[5]!, msg: m[6]!, fields, line };
}

export function records(log: Rsyslog): LoggedRecord[] {
  return log.lines().flatMap((l) => parseLine(l) ?? []);
}

/** Wait until `count` records satisfy `match`, and return them. */
export function waitForRecords(
  log: Rsyslog,
  match: (f: ParsedFields) => boolean,
  count = 1,
  timeoutMs = 10_000,
): Promise<LoggedRecord[]> {
  return waitFor(
    `${count} matching record(s) in ${log.logFile}`,
    () => {
      const hits = records(log).filter((r) => match(r.fields));
      return hits.length >= count ? hits : undefined;
    },
    { timeoutMs, describe: () => log.lines().slice(-6).join("\n") },
  );
}

/** The start and end records of the one session that ran `command`. */
export async function sessionRecords(log: Rsyslog, command: string): Promise<{ start: LoggedRecord; end: LoggedRecord }> {
  const [start] = await waitForRecords(log, (f) => f.event === "start" && f.command === command);
  const [end] = await waitForRecords(log, (f) => f.event === "end" && f.session === start!.fields.session);
  return { start: start!, end: end! };
}
