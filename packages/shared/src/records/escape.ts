/**
 * The one place where untrusted text is made safe for a log line.
 *
 * Every client-sent value passes through `escapeValue` inside a formatter, so
 * no byte sequence can end a record, start a new one, fake a field or drive
 * the terminal of whoever reads the log:
 *   - C0 controls (newline, ESC, NUL...) and DEL become `\xNN`;
 *   - bytes that were not valid UTF-8 (lone surrogates from decodeBytes)
 *     become `\xNN` with the original byte value;
 *   - C1 controls, line/paragraph separators and bidi overrides, which some
 *     terminals and viewers act on, become `\u{NNNN}`;
 *   - the format's own syntax characters (e.g. `"`, `\`, `]` for RFC 5424)
 *     get a backslash.
 * The output is bounded in UTF-8 bytes; a cut never splits an escape.
 *
 * It lives in the shared package because the server writes with
 * escapeValue and every reader (spool, `rationale report`, the tests) reads
 * with unescapeValue: one definition of the rules for both sides.
 */
import { RAW_BYTE_BASE } from "./syntax.js";

export interface Escaped {
  text: string;
  /** True when the value was cut to fit the bound. */
  truncated: boolean;
}

const hex2 = (n: number) => n.toString(16).padStart(2, "0");

function isVisibleHazard(cp: number): boolean {
  return (
    (cp >= 0x80 && cp <= 0x9f) || // C1 controls (0x9b is a one-byte CSI)
    cp === 0x2028 || cp === 0x2029 || // line / paragraph separators
    (cp >= 0x202a && cp <= 0x202e) || // bidi embeddings and overrides
    (cp >= 0x2066 && cp <= 0x2069) || // bidi isolates
    cp === 0x061c || cp === 0x200e || cp === 0x200f || // bidi marks
    cp === 0xfeff // zero-width no-break space / BOM
  );
}

function utf8Length(cp: number): number {
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

/**
 * @param specials characters that get a backslash in this format
 * @param maxBytes bound on the UTF-8 length of the escaped text
 */
export function escapeValue(value: string, specials: string, maxBytes: number): Escaped {
  let out = "";
  let bytes = 0;
  for (const ch of value) {
    const cp = ch.codePointAt(0)!;
    let piece: string;
    let size: number;
    if (cp < 0x20 || cp === 0x7f) {
      piece = "\\x" + hex2(cp);
      size = 4;
    } else if (cp >= RAW_BYTE_BASE + 0x80 && cp <= RAW_BYTE_BASE + 0xff) {
      piece = "\\x" + hex2(cp - RAW_BYTE_BASE);
      size = 4;
    } else if (cp >= 0xd800 && cp <= 0xdfff) {
      // Any other lone surrogate cannot be written as UTF-8 at all.
      piece = "\\u{" + cp.toString(16) + "}";
      size = piece.length;
    } else if (isVisibleHazard(cp)) {
      piece = "\\u{" + cp.toString(16) + "}";
      size = piece.length;
    } else if (specials.includes(ch)) {
      piece = "\\" + ch;
      size = 2;
    } else {
      piece = ch;
      size = utf8Length(cp);
    }
    if (bytes + size > maxBytes) return { text: out, truncated: true };
    out += piece;
    bytes += size;
  }
  return { text: out, truncated: false };
}

/** Inverse of escapeValue for the same specials (used by tests and readers). */
export function unescapeValue(text: string): string {
  if (text.indexOf("\\") === -1) return text; // almost every value
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch !== "\\") {
      out += ch;
      continue;
    }
    const next = text[i + 1];
    if (next === "x") {
      const n = parseInt(text.slice(i + 2, i + 4), 16);
      out += String.fromCharCode(n < 0x80 ? n : RAW_BYTE_BASE + n);
      i += 3;
    } else if (next === "u" && text[i + 2] === "{") {
      const end = text.indexOf("}", i);
      out += String.fromCodePoint(parseInt(text.slice(i + 3, end), 16));
      i = end;
    } else if (next !== undefined) {
      out += next;
      i += 1;
    }
  }
  return out;
}

/**
 * A record value for a terminal cell (`sessions`, the report's summary): the
 * rationale and the other client-sent values are attacker-controlled, so they
 * pass the same escaping as in the log (no escape sequences, no bidi tricks)
 * and are cut to `maxChars`, with "…" wherever anything was cut.
 */
export function safeText(value: string, maxChars = 60): string {
  const { text, truncated } = escapeValue(value, "", maxChars * 4);
  const chars = [...text];
  return chars.length > maxChars || truncated ? chars.slice(0, maxChars - 1).join("") + "…" : text;
}
