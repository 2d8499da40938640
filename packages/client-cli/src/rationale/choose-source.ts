/**
 * Where this run's rationale comes from, in order: -m/--rationale, an
 * exported RATIONALE, the prompt (only with a terminal to ask on). Pure.
 */
export type Source =
  | { kind: "given"; text: string; from: "option" | "environment" }
  | { kind: "prompt" }
  | { kind: "missing" };

export function chooseSource(option: string | undefined, env: string | undefined, haveTerminal: boolean): Source {
  if (option !== undefined) return { kind: "given", text: option, from: "option" };
  // An empty RATIONALE counts as missing, as on the server.
  if (env !== undefined && env.trim() !== "") return { kind: "given", text: env, from: "environment" };
  return haveTerminal ? { kind: "prompt" } : { kind: "missing" };
}

export const NO_RATIONALE_MESSAGE = `no rationale given, and there is no terminal to ask for one. Give it in one of three ways:
  rationale -m "INC-123 restart the queue worker" ssh host     (option -m/--rationale)
  export RATIONALE="INC-123 restart the queue worker"          (environment variable)
  run rationale from a terminal, and it will ask`;
