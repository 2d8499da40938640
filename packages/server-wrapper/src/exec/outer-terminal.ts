/**
 * The terminal sshd allocated for the session (our stdin/stdout), switched
 * to fully raw mode while the wrapper owns it: the prompt reads every key as
 * a byte (so Ctrl-C/Ctrl-Z/Ctrl-\ are data, not signals), and the PTY proxy
 * passes bytes through unchanged (cfmakeraw clears OPOST, so no "\r\r\n").
 *
 * Output goes through a second open of the same terminal: Bun makes stdin
 * non-blocking, and stdin and stdout share one open file description under
 * sshd, so writes to fd 1 could fail with EAGAIN. A separate, blocking
 * descriptor makes a slow client slow us down instead (backpressure).
 */
import { closeFd, getTermios, openFile, rawCopy, setTermios, type Termios, windowSize, writeAll } from "../platform/libc.js";

export class OuterTerminal {
  readonly saved: Termios;
  private readonly outFd: number;
  private inputListener: ((data: Uint8Array) => void) | undefined;
  /** Input that arrived while nobody was listening (between prompt and shell). */
  private pending: Uint8Array[] = [];
  private closedListener: (() => void) | undefined;
  private broken = false;

  private constructor(saved: Termios) {
    this.saved = saved;
    this.outFd = openFile("/proc/self/fd/1", "w");
    process.stdin.on("data", (d: Uint8Array) => this.deliver(d));
    const closed = () => {
      this.broken = true;
      this.closedListener?.();
    };
    process.stdin.on("end", closed);
    process.stdin.on("error", closed);
  }

  static enterRaw(): OuterTerminal | undefined {
    const saved = getTermios(0);
    if (!saved) return undefined;
    setTermios(0, rawCopy(saved));
    return new OuterTerminal(saved);
  }

  private deliver(d: Uint8Array): void {
    if (this.inputListener) this.inputListener(d);
    else this.pending.push(d);
  }

  /** Set who receives keyboard input; input queued meanwhile is delivered first. */
  onInput(fn: ((data: Uint8Array) => void) | undefined): void {
    this.inputListener = fn;
    while (fn && this.inputListener === fn && this.pending.length) fn(this.pending.shift()!);
  }

  /** Put bytes back in front of the input, for the next listener. */
  unread(data: Uint8Array): void {
    if (data.length) this.pending.unshift(data);
  }

  /** Called when the terminal reports end of input or an error (hang-up). */
  onClosed(fn: () => void): void {
    this.closedListener = fn;
    if (this.broken) fn();
  }

  write(data: Uint8Array | string): void {
    if (this.broken) return;
    // EIO after hang-up: nobody is reading any more.
    if (!writeAll(this.outFd, data)) this.broken = true;
  }

  size(): { cols: number; rows: number } {
    const s = windowSize(1) ?? windowSize(0);
    return s && s.cols > 0 && s.rows > 0 ? s : { cols: 80, rows: 24 };
  }

  /** Give the terminal back as sshd set it up. */
  restore(): void {
    setTermios(0, this.saved);
    process.stdin.pause();
    process.stdin.unref?.();
    closeFd(this.outFd);
  }
}
