/**
 * Whether a rationale meets a site's rules. The server applies it to what a
 * client sent and to what is typed at its prompt; the client CLI applies the
 * same function before it connects, so a rationale the client accepts is one
 * the server accepts under the same rules. The message tells the user how to
 * fix the text.
 */
export interface RationaleRules {
  /** Minimum length in characters (code points), after trimming. */
  minLength: number;
  /** The rationale must contain a match, e.g. a ticket id; none accepts any text. */
  pattern?: RegExp;
}

export type Validation = { ok: true } | { ok: false; problem: string };

export function validateRationale(text: string, rules: RationaleRules): Validation {
  const t = text.trim();
  if (t.length === 0) return { ok: false, problem: "a rationale is required" };
  const length = [...t].length;
  if (length < rules.minLength) {
    return { ok: false, problem: `a rationale needs at least ${rules.minLength} characters (got ${length})` };
  }
  if (rules.pattern && !rules.pattern.test(t)) {
    return { ok: false, problem: `a rationale must match ${rules.pattern.source} (for example a ticket id)` };
  }
  return { ok: true };
}
