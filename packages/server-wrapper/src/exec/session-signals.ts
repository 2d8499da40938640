/**
 * Signals that end a session from outside: SIGHUP (the client went away:
 * sshd closed our terminal, or our parent died and the kernel sent the
 * parent-death signal) and SIGTERM (sshd or an operator stopping us). Either
 * way the command is ended and the end record is still written.
 * SIGINT and SIGQUIT are ignored: they can only come from a stray kill, and
 * a wrapper that dies on them would leave a session without its end record.
 */
export type StopSignal = "SIGHUP" | "SIGTERM";

export class SessionSignals {
  private stopped: StopSignal | undefined;
  private listener: ((s: StopSignal) => void) | undefined;
  private readonly handlers = new Map<string, () => void>();

  install(): this {
    for (const s of ["SIGHUP", "SIGTERM"] as const) this.on(s, () => this.stop(s));
    for (const s of ["SIGINT", "SIGQUIT"] as const) this.on(s, () => {});
    return this;
  }

  private on(signal: NodeJS.Signals, fn: () => void): void {
    this.handlers.set(signal, fn);
    process.on(signal, fn);
  }

  private stop(s: StopSignal): void {
    if (this.stopped) return;
    this.stopped = s;
    this.listener?.(s);
  }

  /** The stop signal received so far, if any. */
  get received(): StopSignal | undefined {
    return this.stopped;
  }

  /** Call `fn` once when a stop signal arrives (at once if one already has). */
  onStop(fn: (s: StopSignal) => void): void {
    this.listener = fn;
    if (this.stopped) fn(this.stopped);
  }

  /** Remove our handlers so that a re-raised signal takes its default action. */
  uninstall(): void {
    for (const [signal, fn] of this.handlers) process.off(signal, fn);
    this.handlers.clear();
  }
}
