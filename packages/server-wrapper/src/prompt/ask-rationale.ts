/**
 * Ask for a rationale on the session's terminal until one is accepted, the
 * user presses Ctrl-D, the prompt sits idle too long, or the client hangs up.
 * The terminal is raw while this runs, so no key can raise a signal; the
 * editing rules are in line-editor.ts.
 */
import type { Config } from "../config/config.js";
import { decodeBytes } from "../env/decode-bytes.js";
import type { OuterTerminal } from "../exec/outer-terminal.js";
import type { SessionSignals } from "../exec/session-signals.js";
import { validateRationale } from "../policy/validate-rationale.js";
import { emptyEditor, feed } from "./line-editor.js";

export type PromptResult =
  | { kind: "answered"; rationale: string }
  | { kind: "eof" }
  | { kind: "timeout" }
  | { kind: "hangup" };

export const PROMPT = "RATIONALE: ";

export function askRationale(
  term: OuterTerminal,
  config: Config,
  signals: SessionSignals,
  hint?: string,
): Promise<PromptResult> {
  return new Promise((resolve) => {
    const editor = emptyEditor();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let done = false;
    const finish = (r: PromptResult) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      term.onInput(undefined);
      resolve(r);
    };
    const armTimer = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        term.write(`\r\nNo rationale given in ${config.promptTimeoutSeconds} s; closing the connection.\r\n`);
        finish({ kind: "timeout" });
      }, config.promptTimeoutSeconds * 1000);
    };

    term.write(
      (hint ? hint + "\r\n" : "") +
        "This server records why each SSH session happens. State your reason (e.g. a ticket id).\r\n" +
        PROMPT,
    );
    armTimer();
    signals.onStop(() => finish({ kind: "hangup" }));
    term.onClosed(() => finish({ kind: "hangup" }));
    term.onInput((data) => {
      armTimer();
      let chunk: Uint8Array = data;
      while (chunk.length > 0 && !done) {
        const events = feed(editor, chunk);
        chunk = new Uint8Array(0);
        for (const ev of events) {
          switch (ev.kind) {
            case "echo":
              term.write(ev.bytes);
              break;
            case "interrupt":
              term.write("^C\r\n" + PROMPT);
              break;
            case "eof":
              term.write("\r\nNo rationale given; closing the connection.\r\n");
              return finish({ kind: "eof" });
            case "submit": {
              const answer = decodeBytes(ev.line).trim();
              const check = validateRationale(answer, config);
              term.write("\r\n");
              if (check.ok) {
                term.unread(ev.rest); // type-ahead goes to the shell
                return finish({ kind: "answered", rationale: answer });
              }
              term.write(`Not accepted: ${check.problem}.\r\n${PROMPT}`);
              chunk = ev.rest;
              break;
            }
          }
        }
      }
    });
  });
}
