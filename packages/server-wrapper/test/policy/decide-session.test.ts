import { describe, expect, test } from "vitest";
import { DEFAULTS } from "../../src/config/config.js";
import { decideSession } from "../../src/policy/decide-session.js";
import { validateRationale } from "../../src/policy/validate-rationale.js";

const allow = { ...DEFAULTS };
const deny = { ...DEFAULTS, missingRationale: "deny" as const, rationalePattern: /[A-Z]+-\d+/u };

describe("decideSession", () => {
  test("a valid rationale runs, with or without a terminal", () => {
    expect(decideSession({ rationale: "OPS-1 x", tty: false }, deny)).toEqual({ action: "run", rationaleSource: "client" });
    expect(decideSession({ rationale: "OPS-1 x", tty: true }, deny)).toEqual({ action: "run", rationaleSource: "client" });
  });

  test("with a terminal, a missing or invalid rationale is asked for", () => {
    expect(decideSession({ rationale: undefined, tty: true }, deny)).toEqual({ action: "prompt", hint: undefined });
    const d = decideSession({ rationale: "nope", tty: true }, deny);
    expect(d.action).toBe("prompt");
    expect(d.action === "prompt" && d.hint).toContain("must match");
  });

  test("without a terminal: allow runs and marks the gap; deny refuses with a message that says how to fix it", () => {
    expect(decideSession({ rationale: undefined, tty: false }, allow)).toEqual({ action: "run", rationaleSource: "none" });
    expect(decideSession({ rationale: "x", tty: false }, { ...allow, rationaleMinLength: 3 })).toEqual({
      action: "run",
      rationaleSource: "client",
      rationaleInvalid: true,
    });
    const d = decideSession({ rationale: undefined, tty: false }, deny);
    expect(d.action).toBe("deny");
    expect(d.action === "deny" && d.message).toContain("RATIONALE=");
  });
});

describe("validateRationale", () => {
  test("counts characters, not bytes", () => {
    expect(validateRationale("ééé", { rationaleMinLength: 3, rationalePattern: undefined }).ok).toBe(true);
    expect(validateRationale("éé", { rationaleMinLength: 3, rationalePattern: undefined })).toEqual({
      ok: false,
      problem: "a rationale needs at least 3 characters (got 2)",
    });
  });
});
