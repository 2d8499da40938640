/**
 * The process environment as raw bytes. Runtimes decode invalid UTF-8 in
 * process.env to U+FFFD, which would hide exactly the bytes an auditor needs
 * to see, so the few client-sent values are read from /proc/self/environ.
 */
export type RawEnviron = ReadonlyMap<string, Uint8Array>;

/** Parse a NUL-separated `NAME=value` block, keeping only `wanted` names. */
export function parseEnvironBlock(block: Uint8Array, wanted: ReadonlySet<string>): RawEnviron {
  const out = new Map<string, Uint8Array>();
  let start = 0;
  const decoder = new TextDecoder();
  while (start < block.length) {
    let end = block.indexOf(0, start);
    if (end === -1) end = block.length;
    const eq = block.indexOf(0x3d /* = */, start);
    if (eq !== -1 && eq < end) {
      const name = decoder.decode(block.subarray(start, eq));
      // The first definition wins, as with getenv(3).
      if (wanted.has(name) && !out.has(name)) out.set(name, block.slice(eq + 1, end));
    }
    start = end + 1;
  }
  return out;
}

export function readRawEnviron(wanted: ReadonlySet<string>, readFile: (path: string) => Uint8Array): RawEnviron {
  try {
    return parseEnvironBlock(readFile("/proc/self/environ"), wanted);
  } catch {
    const out = new Map<string, Uint8Array>();
    const enc = new TextEncoder();
    for (const name of wanted) {
      const v = process.env[name];
      if (v !== undefined) out.set(name, enc.encode(v));
    }
    return out;
  }
}
