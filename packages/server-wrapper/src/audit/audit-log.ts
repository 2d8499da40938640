/**
 * Send a record to every sink, in parallel, each bounded by the sink
 * timeout. A record a sink does not take in time is spooled for that sink;
 * while a sink has a spool, new records join the end of it and the spool is
 * delivered first, so the sink receives records in the order they were made.
 * Nothing here throws: problems are reported through `onProblem`.
 */
import type { AuditRecord } from "./record.js";
import type { Sink } from "./sink/sink.js";
import { Spool } from "./spool/spool.js";

export interface AuditLogOptions {
  sinks: Sink[];
  spoolRoot: string;
  uid: number;
  timeoutMs: number;
  maxSpooled: number;
  lossRecord: (count: number, sink: Sink) => AuditRecord;
  onProblem: (message: string) => void;
}

export class AuditLog {
  constructor(private readonly o: AuditLogOptions) {}

  async write(record: AuditRecord): Promise<void> {
    await Promise.all(this.o.sinks.map((s) => this.writeTo(s, record)));
  }

  private async writeTo(sink: Sink, record: AuditRecord): Promise<void> {
    const deadline = performance.now() + this.o.timeoutMs;
    const spool = new Spool(this.o.spoolRoot, this.o.uid, sink.id);
    let line: string;
    try {
      line = sink.format(record);
      if (!spool.hasRecords()) {
        try {
          await sink.deliver([line], deadline);
          return;
        } catch {
          // fall through: keep it for later
        }
        await this.spool(spool, sink, line);
        return;
      }
      await this.spool(spool, sink, line);
      await spool.drain(
        (lines) => sink.deliver(lines, deadline),
        (count) => sink.format(this.o.lossRecord(count, sink)),
      );
    } catch (e) {
      this.o.onProblem(`audit record for ${sink.description} could not be delivered or spooled: ${(e as Error).message}`);
    }
  }

  private async spool(spool: Spool, sink: Sink, line: string): Promise<void> {
    if ((await spool.append(line, this.o.maxSpooled)) === "lost") {
      this.o.onProblem(`audit spool for ${sink.description} is full (${this.o.maxSpooled} records); this record is counted as lost`);
    }
  }

  close(): void {
    for (const sink of this.o.sinks) sink.close();
  }
}
