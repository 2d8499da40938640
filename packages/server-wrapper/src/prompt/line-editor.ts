/**
 * The rationale prompt's line editing, as a pure state machine over the raw
 * bytes of a terminal in raw mode. Written by hand rather than with
 * @inquirer/prompts because every control byte is a decision here: Ctrl-C,
 * Ctrl-Z and Ctrl-\ must never leave the prompt (they only clear or are
 * ignored), Ctrl-D must end the connection, and nothing the user types may
 * reach a shell before a rationale is accepted.
 */
export type EditorEvent =
  | { kind: "echo"; bytes: Uint8Array } // write back to the terminal
  | { kind: "submit"; line: Uint8Array; rest: Uint8Array } // Enter; `rest` is type-ahead after it
  | { kind: "eof" } // Ctrl-D on an empty line
  | { kind: "interrupt" }; // Ctrl-C: line discarded, re-prompt

export interface EditorState {
  line: number[];
  /** Inside an escape sequence (arrow keys etc.), which is dropped whole. */
  escape: "none" | "esc" | "csi" | "ss3";
}

export const emptyEditor = (): EditorState => ({ line: [], escape: "none" });

/** Maximum rationale length accepted at the prompt, in bytes. */
export const MAX_LINE_BYTES = 4096;

const ERASE = Uint8Array.of(0x08, 0x20, 0x08); // back, space, back
const BELL = Uint8Array.of(0x07);

/** Remove the last UTF-8 character (lead byte and its continuation bytes). */
function dropLastChar(line: number[]): void {
  while (line.length > 0) {
    const b = line.pop()!;
    if ((b & 0xc0) !== 0x80) return;
  }
}

export function feed(state: EditorState, input: Uint8Array): EditorEvent[] {
  const events: EditorEvent[] = [];
  let echo: number[] = [];
  const flushEcho = () => {
    if (echo.length) events.push({ kind: "echo", bytes: Uint8Array.from(echo) });
    echo = [];
  };
  for (let i = 0; i < input.length; i++) {
    const b = input[i]!;
    if (state.escape === "esc") {
      state.escape = b === 0x5b ? "csi" : b === 0x4f ? "ss3" : "none";
      continue;
    }
    if (state.escape === "csi") {
      if (b >= 0x40 && b <= 0x7e) state.escape = "none"; // final byte
      continue;
    }
    if (state.escape === "ss3") {
      state.escape = "none";
      continue;
    }
    switch (b) {
      case 0x0d: // Enter (CR in raw mode)
      case 0x0a:
        flushEcho();
        // Stop here: what follows Enter belongs to whatever runs next (the
        // shell, or the prompt again if this answer is refused).
        events.push({ kind: "submit", line: Uint8Array.from(state.line), rest: input.slice(i + 1) });
        state.line = [];
        return events;
      case 0x03: // Ctrl-C: discard the line, never a signal
        flushEcho();
        events.push({ kind: "interrupt" });
        state.line = [];
        continue;
      case 0x04: // Ctrl-D
        if (state.line.length === 0) {
          flushEcho();
          events.push({ kind: "eof" });
          return events; // nothing after end of input matters
        }
        echo.push(...BELL);
        continue;
      case 0x7f: // Backspace / Delete
      case 0x08:
        if (state.line.length) {
          dropLastChar(state.line);
          echo.push(...ERASE);
        }
        continue;
      case 0x15: // Ctrl-U: kill the line
        while (state.line.length) {
          dropLastChar(state.line);
          echo.push(...ERASE);
        }
        continue;
      case 0x1b:
        state.escape = "esc";
        continue;
    }
    if (b < 0x20) {
      // Ctrl-Z, Ctrl-\ and every other control byte: ignored, audibly.
      echo.push(...BELL);
      continue;
    }
    if (state.line.length >= MAX_LINE_BYTES) {
      echo.push(...BELL);
      continue;
    }
    state.line.push(b);
    echo.push(b);
  }
  flushEcho();
  return events;
}
