/**
 * Syslog over TCP (RFC 6587, octet counting) or TLS (RFC 5425).
 *
 * Each delivery opens a connection, writes the framed records, half-closes,
 * and counts as delivered only when the receiver closes its side: rsyslog
 * does that after reading to end of input, so a receiver that accepts but
 * never reads (or is paused) cannot make a record look delivered while it
 * sits in a kernel buffer. On timeout the connection is reset and the caller
 * spools the records.
 *
 * Written here rather than with the syslog-client package: it has no TLS,
 * frames with newlines, leaves its timeout running and crashes without an
 * 'error' listener (checked in shared/notes). node:net / node:tls are
 * imported on first use.
 */
import { readFile } from "../../platform/libc.js";
import type { AuditRecord } from "../record.js";
import { frameOctetCounted } from "./octet-counting.js";
import { DeliveryError, type Sink, withDeadline } from "./sink.js";

export interface TlsFiles {
  ca?: string;
  cert?: string;
  key?: string;
}

/** The TLS client options of a sink: SNI only for a name (never an address), the PEM files read now. */
export function tlsConnectOptions(host: string, port: number, files: TlsFiles, read: (path: string) => Uint8Array = readFile) {
  const text = (p?: string) => (p ? new TextDecoder().decode(read(p)) : undefined);
  return {
    host,
    port,
    servername: /^[\d.]+$|:/.test(host) ? undefined : host,
    ca: text(files.ca),
    cert: text(files.cert),
    key: text(files.key),
  };
}

export class StreamSink implements Sink {
  constructor(
    readonly id: string,
    readonly description: string,
    private readonly host: string,
    private readonly port: number,
    readonly format: (r: AuditRecord) => string,
    private readonly tls?: TlsFiles,
  ) {}

  private async connect(): Promise<import("node:net").Socket> {
    if (!this.tls) {
      const net = await import("node:net");
      return net.connect({ host: this.host, port: this.port });
    }
    const tls = await import("node:tls");
    return tls.connect(tlsConnectOptions(this.host, this.port, this.tls));
  }

  async deliver(lines: readonly string[], deadline: number): Promise<void> {
    let socket: import("node:net").Socket | undefined;
    const work = (async () => {
      socket = await this.connect();
      const s = socket;
      await new Promise<void>((resolve, reject) => {
        let wrote = false;
        s.once("error", (e) => reject(new DeliveryError(`${this.description}: ${e.message}`)));
        s.once(this.tls ? "secureConnect" : "connect", () => {
          s.end(frameOctetCounted(lines), () => (wrote = true));
        });
        s.on("data", () => {}); // a receiver may talk; we only wait for it to close
        s.once("close", () =>
          wrote ? resolve() : reject(new DeliveryError(`${this.description}: closed before the records were sent`)),
        );
      });
    })();
    try {
      await withDeadline(work, deadline, this.description, () => socket?.resetAndDestroy?.() ?? socket?.destroy());
    } catch (e) {
      socket?.destroy();
      throw e instanceof DeliveryError ? e : new DeliveryError(`${this.description}: ${(e as Error).message}`);
    }
  }

  close(): void {}
}
