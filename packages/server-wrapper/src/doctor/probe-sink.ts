/**
 * Is a sink reachable? Checked without writing a record: a Unix socket is
 * connect()ed, TCP connected and closed, TLS taken through its handshake
 * with the configured CA and client certificate and closed. UDP cannot be
 * probed without sending a datagram, so it is skipped.
 */
import type { SinkProbe } from "./check-sinks.js";
import { describeSink, type SinkSpec } from "../config/sink-spec.js";
import { errnoName, probeUnixDatagram } from "../platform/libc.js";
import { lstatSync, readFileSync } from "node:fs";
import { tlsConnectOptions } from "../audit/sink/stream-sink.js";

/** What the errno means for a syslog socket, where the name alone leaves the operator guessing. */
const HINT: Record<number, string> = { 91: " (a stream socket, not a datagram one)", 111: " (nobody reads the socket)" };

export async function probeSink(s: SinkSpec, timeoutMs: number): Promise<SinkProbe> {
  const description = describeSink(s);
  try {
    if (s.transport === "unix") return { description, result: probeUnix(s.address) };
    if (s.transport === "file") return { description, result: { editable: "records are appended to a file the users write themselves" } };
    if (s.transport === "udp") return { description, result: { skipped: "UDP sinks are not probed (that would send a datagram)" } };
    return { description, result: await probeStream(s, timeoutMs) };
  } catch (e) {
    return { description, result: { error: (e as Error).message } };
  }
}

function probeUnix(path: string): SinkProbe["result"] {
  let st;
  try {
    st = lstatSync(path);
  } catch (e) {
    return { error: `${path}: ${(e as NodeJS.ErrnoException).code} (no syslog daemon has created it)` };
  }
  if (!st.isSocket()) return { error: `${path} exists but is not a socket` };
  const err = probeUnixDatagram(path);
  return err === 0 ? { ok: true } : { error: `connect ${path}: ${errnoName(err)}${HINT[err] ?? ""}` };
}

async function probeStream(s: SinkSpec, timeoutMs: number): Promise<SinkProbe["result"]> {
  const net = await import("node:net");
  const tls = await import("node:tls");
  return new Promise((resolve) => {
    // Not tlsConnectOptions' default reader (libc readFile): an unreadable ca=/cert=/key= file's error
    // becomes the finding's text, and readFileSync keeps its wording ("ENOENT: no such file or directory, open ...").
    const socket =
      s.transport === "tls"
        ? tls.connect(tlsConnectOptions(s.address, s.port!, s, (p) => readFileSync(p)))
        : net.connect({ host: s.address, port: s.port! });
    const timer = setTimeout(() => finish({ error: `no answer within ${timeoutMs} ms` }), timeoutMs);
    function finish(r: SinkProbe["result"]) {
      clearTimeout(timer);
      if ("ok" in r) {
        // A clean close (TLS close_notify, then FIN): a relay logs an abrupt one as an error.
        socket.end();
        setTimeout(() => socket.destroy(), 1000).unref();
      } else {
        socket.destroy();
      }
      resolve(r);
    }
    socket.once("error", (e: NodeJS.ErrnoException) => finish({ error: e.code ? `${e.code}: ${e.message}` : e.message }));
    socket.once(s.transport === "tls" ? "secureConnect" : "connect", () => finish({ ok: true }));
  });
}
