/** Read the team and user config files (a missing file is no settings). */
import { readFileSync } from "node:fs";
import { CliError } from "../cli/exit-codes.js";
import { type Merged, mergeSettings, parseSettings, type Settings } from "./client-config.js";
import type { XdgPaths } from "./xdg.js";

function readSettings(file: string): Settings {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw new CliError(`cannot read ${file}: ${(e as Error).message}`);
  }
  try {
    return parseSettings(text, file);
  } catch (e) {
    throw new CliError(`${(e as Error).message}; fix or remove the file`);
  }
}

export function loadConfig(paths: XdgPaths): Merged {
  return mergeSettings(paths.systemConfigs.map(readSettings), readSettings(paths.userConfig));
}
