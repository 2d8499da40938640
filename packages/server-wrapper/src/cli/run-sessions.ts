/**
 * `rationale-server sessions`: who is in right now. Exit 0 with the list
 * (also when it is empty), 64 for a usage error, 66 (EX_NOINPUT) when the
 * StateDir does not exist, so a fleet check can tell "nobody" from "not set up".
 */
import { parseArgs } from "node:util";
import { loadConfig } from "../config/load-config.js";
import { readFile, unlinkFile } from "../platform/libc.js";
import { listSessions, parseAge, SORT_KEYS, type SortKey, sortSessions } from "../sessions/list-sessions.js";
import { findWrapperProcesses, readStateDir, userName } from "../sessions/read-sessions.js";
import { renderJson, renderTable } from "../sessions/render-sessions.js";
import type { MainResult } from "./main.js";
import { EX_NOINPUT, EX_USAGE } from "../sysexits.js";


export async function runSessions(argv: string[]): Promise<MainResult> {
  const usage = (msg: string): MainResult => {
    process.stderr.write(`rationale-server sessions: ${msg}\nRun 'rationale-server sessions --help' for usage.\n`);
    return { status: EX_USAGE };
  };
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        config: { type: "string", short: "c" },
        "state-dir": { type: "string" },
        json: { type: "boolean" },
        sort: { type: "string", default: "started" },
        "older-than": { type: "string" },
        prune: { type: "boolean" },
        wide: { type: "boolean", short: "w" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    return usage((e as Error).message);
  }
  if (!(SORT_KEYS as readonly string[]).includes(values.sort!)) return usage(`--sort takes ${SORT_KEYS.join(", ")}`);
  const minAge = values["older-than"] === undefined ? 0 : parseAge(values["older-than"]);
  if (minAge === undefined) return usage(`--older-than takes a duration such as 90m, 24h or 7d, not "${values["older-than"]}"`);

  const { config, problems } = loadConfig(values.config, readFile);
  for (const p of problems) process.stderr.write(`rationale-server sessions: ${p}\n`);
  const dir = values["state-dir"] ?? config.stateDir;
  if (!dir) {
    process.stderr.write("rationale-server sessions: StateDir is none in the config, so sessions leave no state files.\n");
    return { status: EX_NOINPUT };
  }
  const scan = readStateDir(dir);
  if (!scan.dirExists) {
    process.stderr.write(
      `rationale-server sessions: ${dir} does not exist, so no session has left a state file.\n` +
        `Create it as root: install -d -m 1733 -o root -g root ${dir}\n` +
        "(rationale-server install does this, with a tmpfiles.d entry so it survives reboots.)\n",
    );
    return { status: EX_NOINPUT };
  }
  for (const p of scan.problems) process.stderr.write(`rationale-server sessions: ignored ${p}\n`);

  const now = new Date();
  const rows = sortSessions(listSessions(scan.states, findWrapperProcesses(), userName, now), values.sort as SortKey).filter(
    (r) => r.runningForMs >= minAge,
  );
  if (values.prune) {
    for (const r of rows) {
      if (r.status !== "crashed" || !r.file) continue;
      const ok = unlinkFile(r.file);
      process.stderr.write(`rationale-server sessions: ${ok ? "removed" : "could not remove"} ${r.file} (pid ${r.pid} is gone)\n`);
    }
  }
  process.stdout.write(values.json ? renderJson(rows, now) : renderTable(rows, values.wide ?? false));
  return { status: 0 };
}
