#!/usr/bin/env node
/** Entry point of the `rationale` command: the one place that exits. */
import { main } from "../cli/main.js";
import { exitLike } from "../run/run-tool.js";

// A reader that went away (`rationale --help | head`) is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(0);
    throw e;
  });
}

try {
  exitLike(
    await main({
      argv: process.argv.slice(2),
      env: process.env,
      out: (s) => process.stdout.write(s),
      err: (s) => process.stderr.write(s),
      stdin: process.stdin,
    }),
  );
} catch (e) {
  process.stderr.write(`rationale: internal error: ${(e as Error).stack ?? e}\n`);
  process.exitCode = 70;
}
