/**
 * JSON body for pipelines that parse JSON: a BSD header and rsyslog's
 * `@cee:` cookie, then one object with the same field names as the
 * structured data (mmjsonparse reads it into `$!field`).
 *
 * Values are escaped with the shared escape rules before JSON encoding (backslash
 * included), so control characters, bidi controls and invalid bytes look the
 * same as in the other formats (`\x1b`, `\u{202e}`, `\xff`) instead of
 * becoming real characters again after a JSON parser decodes them. A reader
 * recovers the exact value with JSON.parse and then unescapeValue.
 * Fields are bounded before encoding, so the object is never cut (a cut JSON
 * object would be invalid).
 */
import { escapeValue } from "@rationale/shared/records/escape";
import { CEE_COOKIE, JSON_SPECIALS } from "@rationale/shared/records/syntax";
import { recordFields } from "../fields.js";
import type { AuditRecord } from "../record.js";
import { type BsdOptions, bsdHeader } from "./traditional.js";

export function jsonBody(r: AuditRecord): string {
  return JSON.stringify(jsonFields(r));
}

/** The record as one flat object of escaped, bounded strings (also a session's state file). */
export function jsonFields(r: AuditRecord): Record<string, string> {
  const obj: Record<string, string> = {};
  const cut: string[] = [];
  for (const f of recordFields(r)) {
    const e = escapeValue(f.value, JSON_SPECIALS, f.maxBytes);
    if (e.truncated) cut.push(f.name);
    obj[f.name] = e.text;
  }
  if (cut.length) obj.truncated = cut.join(",");
  return obj;
}

export function formatJson(r: AuditRecord, o: BsdOptions, withHostname: boolean): string {
  return `${bsdHeader(r, o, withHostname)}${CEE_COOKIE}${jsonBody(r)}`;
}
