/** Read the fields back from a line holding the `@cee:` JSON body (reverses the server's audit/format/json.ts). */
import { unescapeValue } from "./escape.js";
import { CEE_COOKIE } from "./syntax.js";
import type { ParsedFields } from "./parse-structured-data.js";

export function parseJsonBody(line: string): ParsedFields | undefined {
  const at = line.indexOf(CEE_COOKIE);
  const start = at === -1 ? line.indexOf("{") : at + CEE_COOKIE.length;
  if (start === -1) return undefined;
  let obj: unknown;
  try {
    obj = JSON.parse(line.slice(start));
  } catch {
    return undefined;
  }
  if (!obj || typeof obj !== "object" || Array.isArray(obj)) return undefined;
  const out: ParsedFields = {};
  for (const [k, v] of Object.entries(obj)) {
    if (typeof v !== "string") return undefined;
    out[k] = unescapeValue(v);
  }
  return out;
}
