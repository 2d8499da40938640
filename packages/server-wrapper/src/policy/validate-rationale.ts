/** Whether a rationale meets the site's rules; the message tells the user how to fix it. */
import type { Config } from "../config/config.js";

export type Validation = { ok: true } | { ok: false; problem: string };

export function validateRationale(text: string, config: Pick<Config, "rationaleMinLength" | "rationalePattern">): Validation {
  const t = text.trim();
  if (t.length === 0) return { ok: false, problem: "a rationale is required" };
  const length = [...t].length;
  if (length < config.rationaleMinLength) {
    return { ok: false, problem: `a rationale needs at least ${config.rationaleMinLength} characters (got ${length})` };
  }
  if (config.rationalePattern && !config.rationalePattern.test(t)) {
    return { ok: false, problem: `a rationale must match ${config.rationalePattern.source} (for example a ticket id)` };
  }
  return { ok: true };
}
