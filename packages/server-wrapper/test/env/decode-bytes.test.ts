import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { decodeBytes, RAW_BYTE_BASE } from "../../src/env/decode-bytes.js";

describe("decodeBytes", () => {
  test("valid UTF-8 decodes as usual", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (s) => {
        expect(decodeBytes(new TextEncoder().encode(s))).toBe(s);
      }),
    );
  });

  test("each invalid byte becomes one marker carrying its value; nothing is dropped", () => {
    expect(decodeBytes(Uint8Array.of(0x61, 0xff, 0x62))).toBe("a" + String.fromCharCode(RAW_BYTE_BASE + 0xff) + "b");
    // overlong, surrogate half, truncated sequence
    for (const bad of [[0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe2, 0x82]]) {
      const out = decodeBytes(Uint8Array.from(bad));
      expect([...out].map((c) => c.charCodeAt(0) - RAW_BYTE_BASE)).toEqual(bad);
    }
  });

  test("re-encoding the markers gives back the original bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const s = decodeBytes(bytes);
        const back: number[] = [];
        for (const ch of s) {
          const cp = ch.codePointAt(0)!;
          if (cp >= RAW_BYTE_BASE + 0x80 && cp <= RAW_BYTE_BASE + 0xff) back.push(cp - RAW_BYTE_BASE);
          else back.push(...new TextEncoder().encode(ch));
        }
        expect(Uint8Array.from(back)).toEqual(bytes);
      }),
    );
  });
});
