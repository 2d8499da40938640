/** Sinks the doctor could not reach. Pure: probe results in, findings out. */
import type { Finding } from "./finding.js";

export interface SinkProbe {
  description: string;
  /** "ok", "skipped" (cannot be probed without sending a record) or the failure. */
  result: { ok: true } | { skipped: string } | { error: string } | { editable: string };
}

export function checkSinks(probes: readonly SinkProbe[], configPath: string): Finding[] {
  return probes.flatMap((p): Finding[] => {
    if ("error" in p.result) {
      return [
        {
          id: "sink-unreachable",
          severity: "high",
          subject: p.description,
          found: p.result.error,
          why: "records for this sink are spooled on every session until it answers; nothing reaches the log meanwhile",
          fix: `start or fix the receiver (systemctl status rsyslog), or correct the Sink line in ${configPath}`,
        },
      ];
    }
    if ("editable" in p.result) {
      return [
        {
          id: "file-sink",
          severity: "medium",
          subject: p.description,
          found: p.result.editable,
          why: "the wrapper runs as the user, so every user who can log in can write to this file, and so edit or delete records in it",
          fix: `for an audit trail send records to syslog instead: Sink unix:/dev/log (or a tls:// relay) in ${configPath}`,
        },
      ];
    }
    if ("skipped" in p.result) {
      return [{ id: "sink-not-probed", severity: "info", subject: p.description, found: p.result.skipped, why: "UDP has no answer to wait for", fix: "" }];
    }
    return [];
  });
}
