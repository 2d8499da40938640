/** The record formats a sink can be configured with, by name. */
import type { AuditRecord } from "../record.js";
import { formatJson } from "./json.js";
import { formatRfc5424 } from "./rfc5424.js";
import { type BsdOptions, formatRfc3164, formatTraditional } from "./traditional.js";

export const FORMAT_NAMES = ["traditional", "rfc3164", "rfc5424", "json"] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

/**
 * @param local the sink is the local daemon's socket, which adds the
 *   hostname itself (so the JSON form omits it there, like `traditional`)
 */
export function formatter(name: FormatName, o: BsdOptions, local: boolean): (r: AuditRecord) => string {
  switch (name) {
    case "traditional":
      return (r) => formatTraditional(r, o);
    case "rfc3164":
      return (r) => formatRfc3164(r, o);
    case "rfc5424":
      return (r) => formatRfc5424(r, o);
    case "json":
      return (r) => formatJson(r, o, !local);
  }
}
