/** Read what the planner needs to know about paths (the shell's half of planning). */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import type { PathState } from "./path-state.js";

const TEXT_LIMIT = 1024 * 1024;

/** The state of `real` (the path under --root); text files (under 1 MiB) come with their text. */
export function readPathState(real: string, opts: { text: boolean }): PathState {
  let st;
  try {
    st = statSync(real);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return { kind: "absent" };
    throw e;
  }
  const base = { mode: st.mode & 0o7777, uid: st.uid, gid: st.gid };
  if (st.isDirectory()) return { kind: "dir", ...base, entries: readdirSync(real).length, files: countFiles(real) };
  if (!st.isFile()) return { kind: "other", ...base };
  const bytes = readFileSync(real);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  return opts.text && bytes.length < TEXT_LIMIT ? { kind: "file", ...base, sha256, text: bytes.toString("utf8") } : { kind: "file", ...base, sha256 };
}

function countFiles(dir: string): number {
  let n = 0;
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    if (d.isDirectory()) n += countFiles(`${dir}/${d.name}`);
    else n++;
  }
  return n;
}

export function sha256File(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

export function readText(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}
