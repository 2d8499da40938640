import { describe, expect, test } from "vitest";
import { interpretLocal, interpretProbe, MARKER } from "../src/doctor/interpret.js";
import { parseSshG } from "../src/ssh/effective-config.js";

const sent = { rationale: "why\nwith newline", client: "rationale-doctor" };
const levels = (f: { level: string }[]) => f.map((x) => x.level);

describe("doctor's conclusions", () => {
  test("everything arrived", () => {
    const f = interpretProbe(sent, { exitCode: 0, stdout: `motd noise\n${MARKER}\nabc123\nrationale-doctor\nwhy\nwith newline`, stderr: "" });
    expect(levels(f)).toEqual(["ok", "ok", "ok"]);
  });

  test("no wrapper, variables not accepted: each says what to fix", () => {
    const f = interpretProbe(sent, { exitCode: 0, stdout: `${MARKER}\n\n\n`, stderr: "" });
    expect(levels(f)).toEqual(["problem", "problem", "problem"]);
    expect(f[0]!.fix).toMatch(/ForceCommand/);
    expect(f[1]!.fix).toMatch(/AcceptEnv RATIONALE RATIONALE_CLIENT/);
  });

  test("a wrapper that refuses for lack of a rationale points at AcceptEnv", () => {
    const f = interpretProbe(sent, { exitCode: 77, stdout: "", stderr: "rationale: this server requires a reason for every SSH session, and no RATIONALE was sent.\n" });
    expect(f).toHaveLength(1);
    expect(f[0]!.fix).toMatch(/AcceptEnv/);
  });

  test("an altered value is reported with both texts", () => {
    const f = interpretProbe(sent, { exitCode: 0, stdout: `${MARKER}\ns\nrationale-doctor\nwhy`, stderr: "" });
    expect(f[1]!.message).toMatch(/arrived changed: sent "why\\nwith newline", the server saw "why"/);
  });

  test("local: plain ssh without SendEnv and a shared master are warned about", () => {
    expect(levels(interpretLocal("h", parseSshG("sendenv RATIONALE\nsendenv RATIONALE_CLIENT\n")))).toEqual(["ok"]);
    const f = interpretLocal("h", parseSshG("controlmaster auto\ncontrolpath /c\n"));
    expect(levels(f)).toEqual(["warning", "warning"]);
    expect(f[0]!.fix).toBe("rationale setup h");
  });
});
