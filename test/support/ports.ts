/**
 * Ports for the daemons a test starts, and whether a daemon has bound one.
 * Readiness is read from /proc/net rather than probed with a connection, so
 * the daemons never see (and log) a stray connection from the test itself.
 */
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:net";

/** `n` distinct free TCP ports on 127.0.0.1 (all held open until all are known). */
export async function freePorts(n: number): Promise<number[]> {
  const servers: Server[] = [];
  const ports: number[] = [];
  try {
    for (let i = 0; i < n; i++) {
      const srv = createServer();
      servers.push(srv);
      await new Promise<void>((resolve, reject) => {
        srv.once("error", reject);
        srv.listen(0, "127.0.0.1", resolve);
      });
      ports.push((srv.address() as { port: number }).port);
    }
    return ports;
  } finally {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  }
}

export async function freePort(): Promise<number> {
  return (await freePorts(1))[0]!;
}

const LISTEN = "0A";

/** Something listens on TCP 127.0.0.1:port. */
export function tcpListening(port: number): boolean {
  const local = `0100007F:${hex(port)}`;
  return readFileSync("/proc/net/tcp", "utf8")
    .split("\n")
    .some((line) => {
      const cols = line.trim().split(/\s+/);
      return cols[1] === local && cols[3] === LISTEN;
    });
}

/** Something has bound UDP 127.0.0.1:port. */
export function udpBound(port: number): boolean {
  return readFileSync("/proc/net/udp", "utf8").includes(`0100007F:${hex(port)} `);
}

const hex = (port: number) => port.toString(16).toUpperCase().padStart(4, "0");
