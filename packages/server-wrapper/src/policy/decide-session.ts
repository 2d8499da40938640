/**
 * What to do with a session before anything runs: run it as it is, ask for a
 * rationale on the terminal, or refuse it. Pure; the wrapper acts on the
 * answer.
 */
import type { Config } from "../config/config.js";
import { validateRationale } from "./validate-rationale.js";

export type Decision =
  | { action: "run"; rationaleSource: "client" | "none"; rationaleInvalid?: boolean }
  | { action: "prompt"; hint?: string }
  | { action: "deny"; message: string };

export interface DecisionInput {
  rationale: string | undefined;
  /** Both stdin and stdout are a terminal, so a person can be asked. */
  tty: boolean;
}

export function decideSession(input: DecisionInput, config: Config): Decision {
  const check = input.rationale === undefined ? undefined : validateRationale(input.rationale, config);
  if (check?.ok) return { action: "run", rationaleSource: "client" };
  if (input.tty) return { action: "prompt", hint: check && !check.ok ? `The RATIONALE you sent was not accepted: ${check.problem}.` : undefined };
  if (config.missingRationale === "deny") {
    const why = check && !check.ok ? `the RATIONALE sent was not accepted: ${check.problem}` : "no RATIONALE was sent";
    return {
      action: "deny",
      message:
        `rationale: this server requires a reason for every SSH session, and ${why}.\n` +
        `Send one with: RATIONALE="why you connect" ssh -o SendEnv=RATIONALE HOST COMMAND\n` +
        `(or use the 'rationale' client: rationale ssh HOST COMMAND)\n`,
    };
  }
  return check ? { action: "run", rationaleSource: "client", rationaleInvalid: true } : { action: "run", rationaleSource: "none" };
}
