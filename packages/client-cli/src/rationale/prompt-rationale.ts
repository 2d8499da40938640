/**
 * Ask for the rationale on the terminal: recent ones to pick from (newest
 * first, behind "a new rationale"), or free text checked against the rules
 * as it is typed. Prompt library behind this one function (StYLE: swappable).
 */
import type { RationaleRules } from "@rationale/shared/rationale-rules";
import { validateRationale } from "@rationale/shared/rationale-rules";
import type { Entry } from "../history/recent.js";
import type { Terminal } from "./terminal.js";

/** History text is shown on the terminal: never let it carry control sequences. */
const printable = (s: string) => s.replace(/[\x00-\x1f\x7f-\x9f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);

/**
 * @param open a fresh terminal for each prompt: a finished prompt ends the
 *   output stream it was given, so a second prompt on it would print nothing
 */
export async function promptRationale(open: () => Terminal, recent: readonly Entry[], rules: RationaleRules): Promise<string> {
  const { input, select } = await import("@inquirer/prompts");
  const ask = async <T>(prompt: (context: object) => Promise<T>): Promise<T> => {
    const term = open();
    try {
      return await prompt({ input: term.input, output: term.output, clearPromptOnDone: false });
    } finally {
      term.close();
    }
  };
  const usable = recent.filter((e) => validateRationale(e.text, rules).ok);
  if (usable.length) {
    const NEW = "\u0000new";
    const choices = [
      { name: "Enter a new rationale", value: NEW },
      ...usable.map((e) => ({ name: printable(e.text), value: e.text, description: `last used ${e.at.slice(0, 16).replace("T", " ")}` })),
    ];
    const choice = await ask((context) => select({ message: "Why are you connecting?", choices, pageSize: 10 }, context));
    if (choice !== NEW) return choice;
  }
  const validate = (v: string) => {
    const c = validateRationale(v, rules);
    return c.ok || c.problem;
  };
  const answer = await ask((context) => input({ message: "Rationale (why are you connecting?):", validate }, context));
  return answer.trim();
}
