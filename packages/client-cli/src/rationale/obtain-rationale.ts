/**
 * This run's rationale: from -m, from $RATIONALE, or asked for on the
 * terminal; checked against the rules wherever it came from; remembered in
 * the user's history when a person gave it (not when automation exported it).
 */
import { validateRationale } from "@rationale/shared/rationale-rules";
import { CliError, EXIT } from "../cli/exit-codes.js";
import type { ClientConfig } from "../config/client-config.js";
import { addToHistory, readHistory } from "../history/history-file.js";
import { chooseSource, NO_RATIONALE_MESSAGE } from "./choose-source.js";
import { promptRationale } from "./prompt-rationale.js";
import { openTerminal } from "./terminal.js";

export interface Obtained {
  text: string;
  from: "option" | "environment" | "prompt";
  /** Something the user should know (history not saved); never fatal. */
  warning?: string;
}

export async function obtainRationale(o: {
  option: string | undefined;
  env: string | undefined;
  config: ClientConfig;
  historyFile: string;
}): Promise<Obtained> {
  const quick = chooseSource(o.option, o.env, false);
  if (quick.kind === "given") {
    const check = validateRationale(quick.text, o.config.rules);
    if (!check.ok) {
      const where = quick.from === "option" ? "-m/--rationale" : "$RATIONALE";
      throw new CliError(`the rationale from ${where} is not accepted: ${check.problem}`, EXIT.usage);
    }
    const warning = quick.from === "option" ? addToHistory(o.historyFile, quick.text, o.config.historySize) : undefined;
    return { text: quick.text, from: quick.from, warning };
  }
  const probe = openTerminal();
  if (!probe) throw new CliError(NO_RATIONALE_MESSAGE, EXIT.usage);
  probe.close();
  const open: typeof openTerminal = () => {
    const t = openTerminal();
    if (!t) throw new CliError("the terminal went away during the prompt; nothing was run", EXIT.usage);
    return t;
  };
  // An SSH disconnect or closed terminal during the prompt must end us
  // cleanly (the prompt library would otherwise never settle).
  const onHup = () => process.exit(128 + 1);
  process.once("SIGHUP", onHup);
  try {
    const text = await promptRationale(open as () => NonNullable<ReturnType<typeof openTerminal>>, readHistory(o.historyFile), o.config.rules);
    return { text, from: "prompt", warning: addToHistory(o.historyFile, text, o.config.historySize) };
  } catch (e) {
    if ((e as Error).name === "ExitPromptError") throw new CliError("cancelled at the prompt; nothing was run", 130);
    throw e;
  } finally {
    process.off("SIGHUP", onHup);
  }
}
