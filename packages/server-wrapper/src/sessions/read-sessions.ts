/**
 * The effect side of `sessions`: read the state files and the process table.
 * Everything here tolerates files and processes vanishing mid-read (sessions
 * end while we look).
 */
import { closeSync, fstatSync, lstatSync, openSync, readdirSync, readFileSync, readSync } from "node:fs";
import { basename } from "node:path";
import { accountOf } from "../platform/libc.js";
import { scanProc } from "../platform/proc.js";
import type { StateOnDisk, WrapperProcess } from "./list-sessions.js";
import { parseState, procStatField } from "./session-state.js";

export interface StateScan {
  states: StateOnDisk[];
  /** Files that were not believed, with why (shown to the operator, never trusted). */
  problems: string[];
  /** False when the directory does not exist (wrapper not installed with a StateDir). */
  dirExists: boolean;
}

const MAX_STATE_BYTES = 64 * 1024;

export function readStateDir(dir: string): StateScan {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return { states: [], problems: [], dirExists: false };
    throw e;
  }
  const states: StateOnDisk[] = [];
  const problems: string[] = [];
  for (const name of names) {
    if (!name.endsWith(".json")) continue;
    const file = `${dir}/${name}`;
    try {
      // lstat, then fstat on what was opened: a symlink or a FIFO planted by a user is skipped, not followed or blocked on.
      if (!lstatSync(file).isFile()) {
        problems.push(`${file}: not a regular file`);
        continue;
      }
      const fd = openSync(file, "r");
      try {
        const st = fstatSync(fd);
        const buf = Buffer.alloc(Math.min(st.size, MAX_STATE_BYTES));
        const n = readSync(fd, buf, 0, buf.length, 0);
        const parsed = parseState(name, buf.subarray(0, n).toString("utf8"), st.uid);
        if (parsed.ok) states.push({ file, state: parsed.state });
        else problems.push(`${file}: ${parsed.problem}`);
      } finally {
        closeSync(fd);
      }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") problems.push(`${file}: ${(e as Error).message}`);
    }
  }
  return { states, problems, dirExists: true };
}

/** Linux reports process start times in USER_HZ ticks, which is 100 on every architecture Debian ships. */
const USER_HZ = 100;

/** Every running `rationale-server wrap` process. */
export function findWrapperProcesses(): WrapperProcess[] {
  const bootSeconds = Number(/^btime (\d+)$/m.exec(readFileSync("/proc/stat", "utf8"))?.[1] ?? 0);
  return scanProc((pid): WrapperProcess | undefined => {
    const argv = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
    if (argv[1] !== "wrap" || (basename(argv[0] ?? "") !== "rationale-server" && argv[0] !== process.execPath)) return undefined;
    const startTicks = procStatField(readFileSync(`/proc/${pid}/stat`, "utf8"), 22) ?? "";
    const uid = Number(/^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]);
    return {
      pid,
      uid,
      startTicks,
      started: new Date((bootSeconds + Number(startTicks) / USER_HZ) * 1000),
      env: readSessionEnv(pid),
    };
  });
}

const ENV_WANTED = new Set(["SSH_CONNECTION", "SSH_ORIGINAL_COMMAND", "RATIONALE", "RATIONALE_CLIENT"]);

function readSessionEnv(pid: number): Record<string, string> {
  const env: Record<string, string> = {};
  try {
    for (const kv of readFileSync(`/proc/${pid}/environ`, "utf8").split("\0")) {
      const eq = kv.indexOf("=");
      if (eq > 0 && ENV_WANTED.has(kv.slice(0, eq))) env[kv.slice(0, eq)] = kv.slice(eq + 1);
    }
  } catch {
    // Another user's environment is readable by root only.
  }
  return env;
}

export const userName = (uid: number) => accountOf(uid).name;
