/**
 * Local syslog: one datagram per record on an AF_UNIX socket (/dev/log),
 * sent without blocking. A stalled daemon fills the socket buffer; then we
 * retry until the deadline and give up rather than hold the login (glibc
 * syslog() and `logger` block indefinitely here: rsyslog #5153).
 */
import { EAGAIN, ENOBUFS, errnoName, UnixDatagramSocket } from "../../platform/libc.js";
import type { AuditRecord } from "../record.js";
import { DeliveryError, type Sink } from "./sink.js";

const encoder = new TextEncoder();

export class UnixDatagramSink implements Sink {
  private socket: UnixDatagramSocket | undefined;

  constructor(
    readonly id: string,
    readonly description: string,
    private readonly path: string,
    readonly format: (r: AuditRecord) => string,
  ) {}

  async deliver(lines: readonly string[], deadline: number): Promise<void> {
    try {
      this.socket ??= new UnixDatagramSocket(this.path);
    } catch (e) {
      throw new DeliveryError((e as Error).message);
    }
    for (const line of lines) {
      const data = encoder.encode(line);
      for (;;) {
        const err = this.socket.trySend(data);
        if (err === 0) break;
        if ((err !== EAGAIN && err !== ENOBUFS) || performance.now() >= deadline) {
          throw new DeliveryError(`sendto ${this.path}: ${err === EAGAIN ? "daemon not reading (EAGAIN)" : errnoName(err)}`);
        }
        await Bun.sleep(2);
      }
    }
  }

  close(): void {
    this.socket?.close();
  }
}
