/**
 * `Sink URL [format=NAME] [ca=FILE] [cert=FILE] [key=FILE]` lines: where
 * records go. Pure parsing; the sinks themselves are in audit/sink/.
 *
 *   Sink unix:/dev/log                       local daemon (default format traditional)
 *   Sink udp://10.0.0.1:514 format=rfc3164   one datagram per record
 *   Sink tcp://relay:514                     RFC 6587 octet counting (default format rfc5424)
 *   Sink tls://relay:6514 ca=/etc/rationale/ca.pem   RFC 5425
 *   Sink file:/tmp/audit.log                 append lines (sandbox, trials; default format rfc5424)
 */
import { FORMAT_NAMES, type FormatName } from "../audit/format/formats.js";

export type Transport = "unix" | "udp" | "tcp" | "tls" | "file";

export interface SinkSpec {
  transport: Transport;
  /** Socket path for unix, file path for file, host name or address otherwise. */
  address: string;
  port?: number;
  format: FormatName;
  ca?: string;
  cert?: string;
  key?: string;
}

const DEFAULT_FORMAT: Record<Transport, FormatName> = { unix: "traditional", udp: "rfc5424", tcp: "rfc5424", tls: "rfc5424", file: "rfc5424" };

export function parseSinkSpec(text: string): SinkSpec | string {
  const [url, ...opts] = text.trim().split(/\s+/);
  if (!url) return "expected a URL such as unix:/dev/log or tcp://relay.example.com:514";
  let spec: SinkSpec;
  const unix = /^(unix|file):(\/.+)$/.exec(url);
  const net = /^(udp|tcp|tls):\/\/(\[[0-9A-Fa-f:.]+\]|[\w.-]+):(\d{1,5})$/.exec(url);
  if (unix) {
    const transport = unix[1] as "unix" | "file";
    spec = { transport, address: unix[2]!, format: DEFAULT_FORMAT[transport] };
  } else if (net) {
    const port = Number(net[3]);
    if (port < 1 || port > 65535) return `port ${port} is out of range`;
    const transport = net[1] as Transport;
    spec = { transport, address: net[2]!.replace(/^\[|\]$/g, ""), port, format: DEFAULT_FORMAT[transport] };
  } else {
    return `"${url.slice(0, 80)}" is not unix:/PATH, udp://HOST:PORT, tcp://HOST:PORT, tls://HOST:PORT or file:/PATH`;
  }
  for (const opt of opts) {
    const m = /^(format|ca|cert|key)=(.+)$/.exec(opt);
    if (!m) return `unknown option "${opt.slice(0, 40)}"; expected format=, ca=, cert= or key=`;
    const [, k, v] = m as unknown as [string, "format" | "ca" | "cert" | "key", string];
    if (k === "format") {
      if (!(FORMAT_NAMES as readonly string[]).includes(v)) return `format must be one of ${FORMAT_NAMES.join(", ")}`;
      spec.format = v as FormatName;
    } else {
      if (spec.transport !== "tls") return `${k}= applies to tls:// sinks only`;
      if (!v.startsWith("/")) return `${k}= needs an absolute path`;
      spec[k] = v;
    }
  }
  if ((spec.cert === undefined) !== (spec.key === undefined)) return "cert= and key= go together";
  return spec;
}

/**
 * A sink as messages name it, in the form a Sink line takes: an IPv6 address
 * in brackets, as parseSinkSpec requires, so its port cannot be read as part of it.
 */
export function describeSink(s: SinkSpec): string {
  return s.transport === "unix" || s.transport === "file" ? `${s.transport}:${s.address}` : `${s.transport}://${s.address.includes(":") ? `[${s.address}]` : s.address}:${s.port}`;
}

/** A stable, file-name-safe name for a sink: its spool directory. */
export function sinkId(s: SinkSpec): string {
  const where = s.transport === "unix" || s.transport === "file" ? s.address : `${s.address}-${s.port}`;
  return `${s.transport}-${where}`.replace(/[^\w.-]+/g, "_").replace(/^_+|_+$/g, "").slice(0, 100);
}
