/**
 * A real ssh client under a real pseudo-terminal (node-pty), driven like a
 * person at a keyboard: type, wait for text to appear, resize the window.
 */
import { spawn, type IPty } from "node-pty";
import { cleanEnv } from "./run-client.js";
import { waitFor } from "./wait-for.js";

export class PtySession {
  private readonly pty: IPty;
  output = "";
  private cursor = 0;
  readonly exited: Promise<{ exitCode: number; signal?: number }>;

  constructor(argv: string[], env: Record<string, string> = {}, size = { cols: 100, rows: 30 }, cwd?: string) {
    const [cmd, ...args] = argv as [string, ...string[]];
    this.pty = spawn(cmd, args, { cols: size.cols, rows: size.rows, name: "xterm", cwd, env: { ...cleanEnv(), TERM: "xterm", ...env } });
    this.pty.onData((d) => (this.output += d));
    this.exited = new Promise((r) => this.pty.onExit(r));
  }

  get pid(): number {
    return this.pty.pid;
  }

  write(keys: string): void {
    this.pty.write(keys);
  }

  resize(cols: number, rows: number): void {
    this.pty.resize(cols, rows);
  }

  /** Wait for `text` to appear after the previous match, and move past it. */
  async expect(text: string | RegExp, timeoutMs = 10_000): Promise<string> {
    return waitFor(
      `terminal output ${JSON.stringify(String(text))}`,
      () => {
        const rest = this.output.slice(this.cursor);
        const m = typeof text === "string" ? (rest.includes(text) ? { index: rest.indexOf(text), 0: text } : null) : text.exec(rest);
        if (!m) return undefined;
        this.cursor += m.index + m[0].length;
        return m[0];
      },
      { timeoutMs, describe: () => JSON.stringify(this.output.slice(-400)) },
    );
  }

  /** Wait for the client to exit, with a deadline that names what was awaited. */
  async exit(timeoutMs = 10_000): Promise<{ exitCode: number; signal?: number }> {
    let done: { exitCode: number; signal?: number } | undefined;
    void this.exited.then((e) => (done = e));
    return waitFor("the ssh client to exit", () => done, { timeoutMs, describe: () => JSON.stringify(this.output.slice(-400)) });
  }

  kill(signal = "SIGKILL"): void {
    try {
      this.pty.kill(signal);
    } catch {
      // already gone
    }
  }
}
