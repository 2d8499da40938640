/**
 * The input as lines, one source after the other: files (plain or gzip,
 * told by their first bytes, not their name) and stdin (`-`). Streams
 * throughout, so memory does not depend on the size of the input.
 */
import { once } from "node:events";
import { createReadStream, statSync } from "node:fs";
import { open } from "node:fs/promises";
import { createInterface } from "node:readline";
import { PassThrough, type Readable } from "node:stream";
import { createGunzip } from "node:zlib";

export interface Source {
  name: string;
  /** When the source was last written: a BSD timestamp (no year) is read relative to it. */
  referenceTime: number;
  /** Calls `onLine` for every line, in order; settles when the source ends or fails. */
  eachLine(onLine: (line: string) => void): Promise<void>;
}

/** The gzip magic number (RFC 1952), the same test for a file and for stdin. */
const isGzip = (head: Uint8Array) => head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;

async function isGzipFile(path: string): Promise<boolean> {
  const fh = await open(path, "r");
  try {
    const { buffer, bytesRead } = await fh.read(Buffer.alloc(2), 0, 2, 0);
    return isGzip(buffer.subarray(0, bytesRead));
  } finally {
    await fh.close();
  }
}

/** stdin cannot be peeked at: read its first chunk, then put it back in front of the rest. */
async function sniffStream(input: Readable): Promise<Readable> {
  const [first] = (await Promise.race([once(input, "data"), once(input, "end").then(() => [undefined])])) as [Buffer | undefined];
  input.pause();
  const out = new PassThrough();
  if (first) out.write(first);
  input.pipe(out);
  return first && isGzip(first) ? gunzip(out) : out;
}

/** A read error of the file reaches the reader of the lines too. */
function gunzip(input: Readable): Readable {
  const gz = createGunzip({ chunkSize: 1 << 18 }); // 256 KiB: the default 16 KiB costs a readline round per chunk
  input.on("error", (e) => gz.destroy(e));
  return input.pipe(gz);
}

/**
 * readline's 'line' events rather than its async iterator: the handler runs
 * synchronously for each chunk's lines, so no promise is made per line
 * (a third of the time for a million lines) and the stream cannot run ahead.
 */
function linesOf(stream: Readable): Source["eachLine"] {
  return (onLine) =>
    new Promise<void>((resolve, reject) => {
      stream.on("error", reject);
      const rl = createInterface({ input: stream, crlfDelay: Infinity });
      rl.on("error", reject); // readline passes its input's errors on (a cut .gz)
      rl.on("line", onLine);
      rl.once("close", resolve);
    });
}

export async function openSource(name: string, stdin: Readable): Promise<Source> {
  if (name === "-") return { name: "stdin", referenceTime: Date.now(), eachLine: linesOf(await sniffStream(stdin)) };
  const referenceTime = statSync(name).mtimeMs; // throws ENOENT / EACCES for the caller to explain
  const file = createReadStream(name, { highWaterMark: 1 << 18 }); // fewer, larger reads than the 64 KiB default
  return { name, referenceTime, eachLine: linesOf((await isGzipFile(name)) ? gunzip(file) : file) };
}
