import { describe, expect, test } from "vitest";
import { matchPattern, matchPatternList, patternsOverlap } from "../../src/doctor/sshd-patterns.js";

describe("matchPattern (sshd match.c)", () => {
  test.each([
    ["LC_*", "LC_ALL", true],
    ["LC_*", "LANG", false],
    ["*", "", true],
    ["RATIONALE?", "RATIONALE_", true],
    ["RATIONALE?", "RATIONALE", false],
    ["a*b*c", "aXXbYYc", true],
    ["a*b*c", "aXXbYY", false],
    ["10.0.*", "10.0.3.4", true],
  ])("%s against %s is %s", (p, s, want) => expect(matchPattern(p, s)).toBe(want));

  test("lists: a negation wins over a positive match, nothing matching is 0", () => {
    expect(matchPatternList("adm*,!admin", "adm1")).toBe(1);
    expect(matchPatternList("adm*,!admin", "admin")).toBe(-1);
    expect(matchPatternList("adm*,!admin", "bob")).toBe(0);
    expect(matchPatternList("!root", "bob")).toBe(0); // sshd: negations alone never match
  });
});

describe("patternsOverlap", () => {
  test.each([
    ["*", "LD_*", true],
    ["L*", "LD_*", true],
    ["LD_PRELOAD", "LD_*", true],
    ["LC_*", "LD_*", false],
    ["LANG", "LD_*", false],
    ["RATIONALE*", "RATIONALE*", true],
    ["RATIONALE", "BUN_*", false],
    ["?", "ENV", false],
    ["???", "ENV", true],
    ["B*_BE_BUN", "BUN_*", true],
    ["*_ENV", "BASH_ENV", true],
  ])("%s and %s share a name: %s", (a, b, want) => {
    expect(patternsOverlap(a, b)).toBe(want);
    expect(patternsOverlap(b, a)).toBe(want);
  });
});
