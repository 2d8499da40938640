/**
 * The record syntax that the server's formatters write and every reader
 * parses, defined once so the two cannot drift apart (README "Record fields").
 */

/** Every event a record can carry; `session` joins a start to its end. */
export const RECORD_EVENTS = ["start", "end", "refused", "config-error", "crash", "spool-loss"] as const;
export type RecordEvent = (typeof RECORD_EVENTS)[number];

/**
 * Field names in the order the server writes them (its audit/fields.ts),
 * then `truncated`. Readers use the list to skip re-reading known names, so
 * a drift only slows them down: the wrapper's test/audit/fields.test.ts
 * catches one.
 */
export const FIELD_NAMES = [
  "event", "session", "user", "uid", "src", "src_port", "dst", "dst_port", "client", "declared_client",
  "detected_client", "rationale_source", "rationale", "rationale_invalid", "tty", "command", "pid",
  "duration_ms", "exit", "signal", "reason", "lost", "detail", "truncated",
] as const;
export type FieldName = (typeof FIELD_NAMES)[number];

/** Structured-data id written by default; readers accept any `rationale@<PEN>`. */
export const DEFAULT_SD_ID = "rationale@32473";
export const SD_ID_PREFIX = "rationale@";

/** Characters that get a backslash inside an RFC 5424 PARAM-VALUE (section 6.3.3). */
export const SD_PARAM_SPECIALS = '"\\]';
/** In the JSON form only the backslash, so the escapes themselves survive JSON decoding. */
export const JSON_SPECIALS = "\\";

/** rsyslog's marker before a JSON body (mmjsonparse). */
export const CEE_COOKIE = "@cee:";

/** Default syslog tag / APP-NAME (`SyslogTag`). */
export const DEFAULT_TAG = "rationale";

/**
 * Invalid UTF-8 bytes travel as lone surrogates U+DC80..U+DCFF inside the
 * program ("surrogateescape") and as `\xNN` in a record.
 */
export const RAW_BYTE_BASE = 0xdc00;
