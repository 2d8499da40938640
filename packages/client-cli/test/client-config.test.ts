import { describe, expect, test } from "vitest";
import { mergeSettings, parseSettings } from "../src/config/client-config.js";
import { xdgPaths } from "../src/config/xdg.js";

describe("client settings", () => {
  test("the user's file overrides the team's, except what the team pinned", () => {
    const team = parseSettings('{"minLength": 10, "pattern": "[A-Z]+-[0-9]+", "pin": ["pattern"]}', "team.json");
    const user = parseSettings('{"minLength": 3, "pattern": ".*", "historySize": 5}', "user.json");
    const { config, ignored } = mergeSettings([team], user);
    expect(config.rules.minLength).toBe(3);
    expect(config.rules.pattern?.source).toBe("[A-Z]+-[0-9]+");
    expect(config.historySize).toBe(5);
    expect(ignored).toEqual(["pattern"]);
  });

  test("defaults without files; the first team file to set a key wins", () => {
    expect(mergeSettings([], {}).config).toEqual({ rules: { minLength: 1, pattern: undefined }, historySize: 20 });
    expect(mergeSettings([{ minLength: 7 }, { minLength: 2 }], {}).config.rules.minLength).toBe(7);
  });

  test("errors name the file, the key and what is expected", () => {
    expect(() => parseSettings('{"minLength": "ten"}', "/x/config.json")).toThrow('/x/config.json: "minLength" must be a whole number');
    expect(() => parseSettings('{"pattern": "("}', "f")).toThrow(/"pattern" must be a valid regular expression/);
    expect(() => parseSettings('{"minlength": 3}', "f")).toThrow(/unknown setting "minlength"; known settings are minLength/);
    expect(() => parseSettings("{", "f")).toThrow(/f: not valid JSON/);
    expect(() => parseSettings('{"pin": ["nope"]}', "f")).toThrow(/"pin" must be a list of setting names/);
  });

  test("XDG paths follow the spec, ignoring relative values", () => {
    expect(xdgPaths({}, "/home/a")).toEqual({
      userConfig: "/home/a/.config/rationale/config.json",
      systemConfigs: ["/etc/xdg/rationale/config.json"],
      history: "/home/a/.local/state/rationale/history.json",
    });
    const p = xdgPaths({ XDG_CONFIG_HOME: "/c", XDG_STATE_HOME: "rel", XDG_CONFIG_DIRS: "/t1:/t2" }, "/h");
    expect(p.userConfig).toBe("/c/rationale/config.json");
    expect(p.history).toBe("/h/.local/state/rationale/history.json");
    expect(p.systemConfigs).toEqual(["/t1/rationale/config.json", "/t2/rationale/config.json"]);
  });
});
