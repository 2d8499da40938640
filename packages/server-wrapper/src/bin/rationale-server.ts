#!/usr/bin/env bun
import { finish } from "../cli/run-wrap.js";
import { main } from "../cli/main.js";

main(process.argv.slice(2)).then(finish, (e) => {
  process.stderr.write(`rationale-server: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(70);
});
