/** Fan a record out to every sink; a failed delivery is reported, never thrown. */
import type { AuditRecord } from "./record.js";
import type { Sink } from "./sink/sink.js";

export class AuditLog {
  constructor(
    private readonly sinks: Sink[],
    private readonly onFailure: (sink: Sink, problem: string, record: AuditRecord) => void,
  ) {}

  write(record: AuditRecord): void {
    for (const sink of this.sinks) {
      const problem = sink.send(record);
      if (problem !== undefined) this.onFailure(sink, problem, record);
    }
  }

  close(): void {
    for (const sink of this.sinks) sink.close();
  }
}
