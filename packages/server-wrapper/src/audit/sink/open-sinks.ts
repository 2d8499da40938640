/** Build the configured sinks. */
import { type FormatName, formatter } from "../format/formats.js";
import type { BsdOptions } from "../format/traditional.js";
import { describeSink, type SinkSpec, sinkId } from "../../config/sink-spec.js";
import type { Sink } from "./sink.js";
import { FileSink } from "./file-sink.js";
import { StreamSink } from "./stream-sink.js";
import { UdpSink } from "./udp-sink.js";
import { UnixDatagramSink } from "./unix-datagram-sink.js";

export function openSink(spec: SinkSpec, o: BsdOptions): Sink {
  const id = sinkId(spec);
  // The doctor names sinks with describeSink too, so its findings and the wrapper's messages agree.
  const description = describeSink(spec);
  const format = formatter(spec.format as FormatName, o, spec.transport === "unix");
  switch (spec.transport) {
    case "unix":
      return new UnixDatagramSink(id, description, spec.address, format);
    case "udp":
      return new UdpSink(id, description, spec.address, spec.port!, format);
    case "tcp":
      return new StreamSink(id, description, spec.address, spec.port!, format);
    case "file":
      return new FileSink(id, description, spec.address, format);
    case "tls":
      return new StreamSink(id, description, spec.address, spec.port!, format, { ca: spec.ca, cert: spec.cert, key: spec.key });
  }
}
