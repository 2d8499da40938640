/**
 * The history file under $XDG_STATE_HOME. Private to the user: the
 * directory is 0700 and the file 0600, and a file that belongs to someone
 * else (a shared HOME, a sudo-created file) is neither read nor written, so
 * one user's rationales are never offered to another.
 */
import { chmodSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { type Entry, parseEntries, remember } from "./recent.js";

function ownedByMe(path: string): boolean {
  try {
    return statSync(path).uid === process.getuid!();
  } catch {
    return true; // absent: ours to create
  }
}

export function readHistory(file: string): Entry[] {
  if (!ownedByMe(file)) return [];
  try {
    return parseEntries(readFileSync(file, "utf8"));
  } catch {
    return [];
  }
}

/** Add `text`; best effort: a history that cannot be written never stops a connection. */
export function addToHistory(file: string, text: string, max: number): string | undefined {
  try {
    const dir = dirname(file);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (!ownedByMe(dir) || !ownedByMe(file)) return `${file} belongs to another user; history not saved`;
    chmodSync(dir, 0o700);
    const entries = remember(readHistory(file), text, new Date(), max);
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(entries, null, 1) + "\n", { mode: 0o600 });
    renameSync(tmp, file);
    return undefined;
  } catch (e) {
    return `history not saved: ${(e as Error).message}`;
  }
}
