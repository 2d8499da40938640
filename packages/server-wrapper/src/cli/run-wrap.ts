/**
 * The one top-level catch of the wrapper. Whatever fails, the session ends:
 * an exception before the command starts means no command runs at all, one
 * after it started ends the command's process group (a PTY shell also loses
 * its terminal when the wrapper exits), and a crash record says why.
 */
import { problemRecord } from "../audit/record.js";
import { killProcessGroupNow } from "../exec/end-process-group.js";
import { writeStderr } from "../platform/libc.js";
import { removeStateFile } from "../sessions/state-file.js";
import { EXIT, wrap, type WrapState } from "../wrap.js";
import type { MainResult } from "./main.js";
import type { WrapArgs } from "./wrap-args.js";

async function crash(state: WrapState, e: unknown): Promise<MainResult> {
  if (state.childPgid) killProcessGroupNow(state.childPgid);
  const detail = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  try {
    if (state.facts && state.log) await state.log.write(problemRecord(state.facts, "crash", detail, new Date()));
  } catch {
    // Nothing more can be done; the message below still reaches the user.
  }
  removeStateFile(state.stateFile);
  writeStderr(`rationale: internal error, session closed: ${detail}\n`);
  return { status: EXIT.internal };
}

export async function runWrap(args: WrapArgs): Promise<MainResult> {
  const state: WrapState = {};
  const die = (e: unknown) => void crash(state, e).then(finish);
  process.on("uncaughtException", die);
  process.on("unhandledRejection", die);
  try {
    return await wrap({ configPath: args.configPath, argProblems: args.problems }, state);
  } catch (e) {
    return crash(state, e);
  }
}

/** End the process the way the session ended: same status, or the same signal. */
export function finish(result: MainResult): never {
  if ("signal" in result) {
    process.removeAllListeners(result.signal);
    try {
      process.kill(process.pid, result.signal as NodeJS.Signals);
    } catch {
      // fall through to the numeric status
    }
  }
  process.exit(result.status);
}
