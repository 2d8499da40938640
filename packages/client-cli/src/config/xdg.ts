/** Where the XDG Base Directory spec puts this user's config and state. */
import { join } from "node:path";

export interface XdgPaths {
  /** The user's config file: $XDG_CONFIG_HOME/rationale/config.json. */
  userConfig: string;
  /** Team/system config files, most important first: $XDG_CONFIG_DIRS/rationale/config.json. */
  systemConfigs: string[];
  /** The user's history file: $XDG_STATE_HOME/rationale/history.json. */
  history: string;
}

export function xdgPaths(env: Readonly<Record<string, string | undefined>>, home: string): XdgPaths {
  // The spec says relative paths in these variables are invalid and must be ignored.
  const abs = (v: string | undefined) => (v && v.startsWith("/") ? v : undefined);
  const configHome = abs(env.XDG_CONFIG_HOME) ?? join(home, ".config");
  const stateHome = abs(env.XDG_STATE_HOME) ?? join(home, ".local", "state");
  const configDirs = (env.XDG_CONFIG_DIRS ?? "").split(":").filter((d) => d.startsWith("/"));
  return {
    userConfig: join(configHome, "rationale", "config.json"),
    systemConfigs: (configDirs.length ? configDirs : ["/etc/xdg"]).map((d) => join(d, "rationale", "config.json")),
    history: join(stateHome, "rationale", "history.json"),
  };
}
