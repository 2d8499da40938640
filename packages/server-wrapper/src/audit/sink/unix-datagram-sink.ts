/**
 * Local syslog: one datagram per record on an AF_UNIX socket (/dev/log),
 * sent without blocking. A stalled daemon fills the socket buffer; then we
 * retry for at most `timeoutMs` and give up rather than hold the login
 * (glibc syslog() and `logger` block indefinitely here: rsyslog #5153).
 */
import type { FormatOptions } from "../format/rfc5424.js";
import { formatRfc5424 } from "../format/rfc5424.js";
import { formatTraditional } from "../format/traditional.js";
import type { AuditRecord } from "../record.js";
import type { Sink } from "./sink.js";
import { EAGAIN, ENOBUFS, localTime, UnixDatagramSocket } from "../../platform/libc.js";

export interface UnixDatagramSinkOptions extends FormatOptions {
  path: string;
  format: "traditional" | "rfc5424";
  timeoutMs: number;
}

const encoder = new TextEncoder();

export class UnixDatagramSink implements Sink {
  readonly description: string;
  private socket: UnixDatagramSocket | undefined;

  constructor(private readonly o: UnixDatagramSinkOptions) {
    this.description = `syslog socket ${o.path}`;
  }

  send(record: AuditRecord): string | undefined {
    const line = this.o.format === "rfc5424" ? formatRfc5424(record, this.o) : formatTraditional(record, { ...this.o, localTime });
    const data = encoder.encode(line);
    try {
      this.socket ??= new UnixDatagramSocket(this.o.path);
    } catch (e) {
      return (e as Error).message;
    }
    const deadline = performance.now() + this.o.timeoutMs;
    for (;;) {
      const err = this.socket.trySend(data);
      if (err === 0) return undefined;
      if ((err !== EAGAIN && err !== ENOBUFS) || performance.now() >= deadline) {
        return `sendto ${this.o.path} failed: errno ${err}${err === EAGAIN ? " (daemon not reading)" : ""}`;
      }
      Bun.sleepSync(2);
    }
  }

  close(): void {
    this.socket?.close();
  }
}
