/**
 * Whether a session's rationale tells an auditor anything. "weak" is a
 * heuristic (placeholders, too short, no letters); a ticket id always
 * counts as a real reason.
 */
export type RationaleQuality = "ok" | "none" | "invalid" | "weak";

const PLACEHOLDERS = new Set(
  ("test testing tests asdf asd qwe qwerty foo bar baz x xx xxx a aa aaa na n/a none nothing no yes ok okay todo tbd " +
    "stuff work working fix fixing check checking ssh login logon hi hello debug reason why because - . .. ... ? ! 1 12 123 1234")
    .split(" "),
);
const TICKET = /\b[A-Z][A-Z0-9]+-\d+\b|#\d+/;

export function rationaleQuality(rationale: string, source: string, invalid: boolean): RationaleQuality {
  const text = rationale.trim();
  if (!text || source === "none") return "none";
  if (invalid) return "invalid";
  if (TICKET.test(text)) return "ok";
  const plain = text.toLowerCase().replace(/[\s.!?,;:'"]+$/g, "");
  if (PLACEHOLDERS.has(plain) || PLACEHOLDERS.has(text.toLowerCase())) return "weak";
  if (text.length < 5 || !/\p{L}/u.test(text) || /^(.)\1*$/u.test(text)) return "weak";
  return "ok";
}
