/**
 * The client's settings, from a team file and the user's own. Pure: parsing
 * and merging; reading the files is in load-config.ts.
 *
 *   { "minLength": 10, "pattern": "[A-Z]+-[0-9]+", "historySize": 20, "pin": ["pattern"] }
 *
 * A team file (under $XDG_CONFIG_DIRS, /etc/xdg by default) sets the team's
 * defaults; the user's file ($XDG_CONFIG_HOME) may change them, except the
 * keys a team file lists in "pin".
 */
import type { RationaleRules } from "@rationale/shared/rationale-rules";

export interface ClientConfig {
  rules: RationaleRules;
  /** Rationales kept in the history and offered at the prompt. */
  historySize: number;
}

export const DEFAULTS: Readonly<ClientConfig> = Object.freeze({ rules: { minLength: 1 }, historySize: 20 });

const KEYS = ["minLength", "pattern", "historySize", "pin"] as const;
type Key = (typeof KEYS)[number];
export type Settings = Partial<{ minLength: number; pattern: string; historySize: number; pin: Exclude<Key, "pin">[] }>;

/** Parse one file's text; the error names the file, the key and what is expected. */
export function parseSettings(text: string, file: string): Settings {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${(e as Error).message})`);
  }
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) throw new Error(`${file}: expected a JSON object such as {"minLength": 10}`);
  const out: Settings = {};
  for (const [k, v] of Object.entries(raw)) {
    const bad = (what: string) => new Error(`${file}: "${k}" must be ${what} (got ${JSON.stringify(v)})`);
    switch (k as Key) {
      case "minLength":
      case "historySize":
        if (!Number.isInteger(v) || (v as number) < 0 || (v as number) > 10_000) throw bad("a whole number from 0 to 10000");
        out[k as "minLength" | "historySize"] = v as number;
        break;
      case "pattern":
        if (typeof v !== "string") throw bad("a regular expression as a string");
        try {
          new RegExp(v);
        } catch (e) {
          throw bad(`a valid regular expression: ${(e as Error).message}`);
        }
        out.pattern = v;
        break;
      case "pin":
        if (!Array.isArray(v) || !v.every((x) => KEYS.includes(x) && x !== "pin")) {
          throw bad(`a list of setting names (${KEYS.filter((x) => x !== "pin").join(", ")})`);
        }
        out.pin = v as Exclude<Key, "pin">[];
        break;
      default:
        throw new Error(`${file}: unknown setting "${k}"; known settings are ${KEYS.join(", ")}`);
    }
  }
  return out;
}

export interface Merged {
  config: ClientConfig;
  /** User settings that a team file pinned, so they were not applied. */
  ignored: string[];
}

/**
 * @param team team files' settings, most important first (the first one to
 *   set a key wins, as XDG_CONFIG_DIRS orders them)
 */
export function mergeSettings(team: Settings[], user: Settings): Merged {
  const pinned = new Set(team.flatMap((t) => t.pin ?? []));
  const pick = <K extends "minLength" | "pattern" | "historySize">(k: K): Settings[K] | undefined => {
    const fromTeam = team.find((t) => t[k] !== undefined)?.[k];
    return pinned.has(k) ? fromTeam : (user[k] ?? fromTeam);
  };
  const ignored = [...pinned].filter((k) => user[k] !== undefined && user[k] !== team.find((t) => t[k] !== undefined)?.[k]);
  const pattern = pick("pattern");
  return {
    config: {
      rules: { minLength: pick("minLength") ?? DEFAULTS.rules.minLength, pattern: pattern ? new RegExp(pattern) : undefined },
      historySize: pick("historySize") ?? DEFAULTS.historySize,
    },
    ignored,
  };
}
