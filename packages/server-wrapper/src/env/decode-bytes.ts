/**
 * Decode bytes that a client sent (environment values) into a JS string
 * without losing anything: valid UTF-8 decodes normally, and every byte that
 * is not part of a valid UTF-8 sequence becomes a lone surrogate
 * U+DC80..U+DCFF (Python's "surrogateescape"). Formatters turn those back
 * into `\xNN`, so an auditor sees the exact bytes the client sent instead of
 * U+FFFD replacement characters that would hide them.
 */
import { RAW_BYTE_BASE } from "@rationale/shared/records/syntax";

export { RAW_BYTE_BASE };

const strict = new TextDecoder("utf-8", { fatal: true });

export function decodeBytes(bytes: Uint8Array): string {
  try {
    return strict.decode(bytes); // fast path: almost every value is valid UTF-8
  } catch {
    return decodeWithEscapes(bytes);
  }
}

/** Length of the valid UTF-8 sequence starting at i, or 0 when it is invalid. */
function validSequenceLength(b: Uint8Array, i: number): number {
  const c = b[i]!;
  const cont = (k: number) => i + k < b.length && (b[i + k]! & 0xc0) === 0x80;
  if (c < 0x80) return 1;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    if (!cont(1) || !cont(2)) return 0;
    const c1 = b[i + 1]!;
    if (c === 0xe0 && c1 < 0xa0) return 0; // overlong
    if (c === 0xed && c1 >= 0xa0) return 0; // UTF-16 surrogate halves
    return 3;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    const c1 = b[i + 1]!;
    if (c === 0xf0 && c1 < 0x90) return 0; // overlong
    if (c === 0xf4 && c1 >= 0x90) return 0; // above U+10FFFF
    return 4;
  }
  return 0;
}

function decodeWithEscapes(b: Uint8Array): string {
  let out = "";
  let i = 0;
  while (i < b.length) {
    const n = validSequenceLength(b, i);
    if (n === 0) {
      out += String.fromCharCode(RAW_BYTE_BASE + b[i]!);
      i += 1;
    } else {
      out += strict.decode(b.subarray(i, i + n));
      i += n;
    }
  }
  return out;
}
