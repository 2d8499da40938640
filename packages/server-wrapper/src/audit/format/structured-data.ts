/**
 * RFC 5424 STRUCTURED-DATA element (section 6.3) holding every field:
 *   [rationale@32473 event="start" session="..." user="alice" ...]
 * PARAM-VALUE escapes `"`, `\` and `]` (6.3.3); the shared escape rules also makes
 * control characters and invalid bytes visible. Fields cut to their bound
 * are listed in a final `truncated` parameter, which the client cannot forge
 * because it cannot produce an unescaped quote.
 *
 * 32473 is the private enterprise number IANA reserves for documentation
 * (RFC 5612); a site with its own PEN sets `SdId` in the config.
 */
import { escapeValue } from "@rationale/shared/records/escape";
import { DEFAULT_SD_ID, SD_PARAM_SPECIALS } from "@rationale/shared/records/syntax";
import { recordFields } from "../fields.js";
import type { AuditRecord } from "../record.js";

export { DEFAULT_SD_ID };

export function structuredData(record: AuditRecord, sdId: string = DEFAULT_SD_ID): string {
  let out = "[" + sdId;
  const cut: string[] = [];
  for (const field of recordFields(record)) {
    const e = escapeValue(field.value, SD_PARAM_SPECIALS, field.maxBytes);
    if (e.truncated) cut.push(field.name);
    out += " " + field.name + '="' + e.text + '"';
  }
  if (cut.length) out += ' truncated="' + cut.join(",") + '"';
  return out + "]";
}
