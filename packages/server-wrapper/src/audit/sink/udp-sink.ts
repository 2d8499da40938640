/**
 * Syslog over UDP (RFC 5426): one datagram per record. UDP cannot tell a
 * delivered record from a lost one; it fails only on local errors (no route,
 * unresolvable host). Use tcp:// or tls:// where loss matters.
 * node:dgram is imported on first use, so sessions without a UDP sink never
 * load it.
 */
import type { AuditRecord } from "../record.js";
import { DeliveryError, type Sink, withDeadline } from "./sink.js";

export class UdpSink implements Sink {
  private socket: import("node:dgram").Socket | undefined;

  constructor(
    readonly id: string,
    readonly description: string,
    private readonly host: string,
    private readonly port: number,
    readonly format: (r: AuditRecord) => string,
  ) {}

  async deliver(lines: readonly string[], deadline: number): Promise<void> {
    const dgram = await import("node:dgram");
    this.socket ??= dgram.createSocket(this.host.includes(":") ? "udp6" : "udp4");
    const socket = this.socket;
    socket.on("error", () => {}); // errors reach us through send callbacks
    for (const line of lines) {
      await withDeadline(
        new Promise<void>((resolve, reject) =>
          socket.send(line, this.port, this.host, (err) => (err ? reject(new DeliveryError(`${this.description}: ${err.message}`)) : resolve())),
        ),
        deadline,
        this.description,
      );
    }
  }

  close(): void {
    this.socket?.close();
    this.socket = undefined;
  }
}
