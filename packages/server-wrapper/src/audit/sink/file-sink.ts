/**
 * A file the session appends its records to (`Sink file:/PATH`). Meant for
 * the sandbox and for trying things out: the wrapper runs as the logged-in
 * user, so the file must be writable by the users who log in, who can then edit
 * it — it is not an audit trail (README "Sinks"). One write(2) per record
 * on an O_APPEND descriptor, so concurrent sessions never interleave lines.
 */
import { closeFd, createFile, writeAll } from "../../platform/libc.js";
import type { AuditRecord } from "../record.js";
import { DeliveryError, type Sink } from "./sink.js";

export class FileSink implements Sink {
  private fd: number | undefined;

  constructor(
    readonly id: string,
    readonly description: string,
    private readonly path: string,
    readonly format: (r: AuditRecord) => string,
  ) {}

  async deliver(lines: readonly string[]): Promise<void> {
    try {
      this.fd ??= createFile(this.path, "append", 0o600);
    } catch (e) {
      throw new DeliveryError((e as Error).message);
    }
    for (const line of lines) {
      if (!writeAll(this.fd, line + "\n")) throw new DeliveryError(`cannot write to ${this.path}`);
    }
  }

  close(): void {
    if (this.fd !== undefined) closeFd(this.fd);
    this.fd = undefined;
  }
}
