/**
 * The user's terminal, opened as /dev/tty (as ssh does for passwords), so
 * the prompt works even when stdin or stdout is a pipe
 * (`tar c . | rationale ssh host 'tar x'`). Closed again before the tool
 * starts: a read left pending on the terminal would steal keystrokes from ssh.
 */
import { closeSync, openSync } from "node:fs";
import { ReadStream, WriteStream } from "node:tty";

export interface Terminal {
  input: ReadStream;
  output: WriteStream;
  close(): void;
}

/** Undefined when this process has no controlling terminal (cron, CI, setsid). */
export function openTerminal(): Terminal | undefined {
  let inFd: number | undefined;
  try {
    inFd = openSync("/dev/tty", "r");
    const outFd = openSync("/dev/tty", "w");
    const input = new ReadStream(inFd);
    const output = new WriteStream(outFd);
    return {
      input,
      output,
      close: () => {
        if (input.isRaw) input.setRawMode(false);
        input.destroy();
        output.destroy();
      },
    };
  } catch {
    if (inFd !== undefined) closeSync(inFd);
    return undefined;
  }
}
