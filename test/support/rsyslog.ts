/**
 * A real rsyslogd for one test file: listens on its own Unix socket (as
 * imuxsock does for /dev/log, with the default special parser) and writes
 * every message to a file, one line per message, with the properties rsyslog
 * parsed, so the tests check what rsyslog understood, not what was sent.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { RSYSLOGD } from "./paths.js";
import { waitFor } from "./wait-for.js";
import { tcpListening, udpBound } from "./ports.js";

export interface Rsyslog {
  socket: string;
  /** Ports of the network inputs that were asked for. */
  udpPort?: number;
  tcpPort?: number;
  tlsPort?: number;
  pid(): number;
  logFile: string;
  lines(): string[];
  stop(): Promise<void>;
  /** Start again after stop(), with the same configuration and log file. */
  start(): Promise<void>;
  /** SIGSTOP / SIGCONT: a daemon that is alive but reads nothing. */
  pause(): void;
  resume(): void;
}

/**
 * One line per message: facility.severity app-name procid msgid input
 * |structured-data msg JSON=<what mmjsonparse found>
 */
const TEMPLATE = `%syslogfacility-text%.%syslogseverity-text% %app-name% %procid% %msgid% %inputname% |%structured-data% %msg% JSON=%$!all-json%\\n`;

export interface NetworkInputs {
  udpPort?: number;
  tcpPort?: number;
  /**
   * RFC 5425: octet-counted syslog over TLS with these server files; on
   * `mutualPort` too, where a client must present a certificate of the CA.
   */
  tls?: { port: number; ca: string; cert: string; key: string; mutualPort?: number };
}

/**
 * @param rfc5424 configure imuxsock as RFC 5424 senders need: without
 *   useSpecialParser="off" Debian's rsyslog reads the "1" version field as the
 *   tag and loses the structured data.
 */
export async function startRsyslog(
  dir: string,
  {
    rfc5424 = false,
    include,
    net = {},
    hostname,
    extra = "",
  }: {
    rfc5424?: boolean;
    include?: string;
    net?: NetworkInputs;
    /** The name rsyslog gives local messages (its localHostname), to act as several hosts. */
    hostname?: string;
    /** More rsyslog configuration, e.g. a file written in a stock template. */
    extra?: string;
  } = {},
): Promise<Rsyslog> {
  mkdirSync(dir, { recursive: true });
  const socket = join(dir, "log.sock");
  const logFile = join(dir, "messages.log");
  const conf = join(dir, "rsyslog.conf");
  const tls = net.tls;
  writeFileSync(
    conf,
    `global(workDirectory="${dir}" maxMessageSize="16k"${hostname ? ` localHostname="${hostname}"` : ""}${
      tls ? ` defaultNetstreamDriverCAFile="${tls.ca}" defaultNetstreamDriverCertFile="${tls.cert}" defaultNetstreamDriverKeyFile="${tls.key}"` : ""
    })
module(load="imuxsock" SysSock.Use="off")
input(type="imuxsock" Socket="${socket}" CreatePath="on"${rfc5424 ? ' useSpecialParser="off" parseHostname="on"' : ""})
${net.udpPort ? `module(load="imudp")\ninput(type="imudp" address="127.0.0.1" port="${net.udpPort}" name="udp")` : ""}
${net.tcpPort || tls ? `module(load="imtcp" maxSessions="1000")` : ""}
${net.tcpPort ? `input(type="imtcp" address="127.0.0.1" port="${net.tcpPort}" name="tcp")` : ""}
${tls ? `input(type="imtcp" address="127.0.0.1" port="${tls.port}" name="tls" streamDriver.name="gtls" streamDriver.mode="1" streamDriver.authMode="anon")` : ""}
${tls?.mutualPort ? `input(type="imtcp" address="127.0.0.1" port="${tls.mutualPort}" name="tls-mutual" streamDriver.name="gtls" streamDriver.mode="1" streamDriver.authMode="x509/certvalid")` : ""}
module(load="mmjsonparse")
template(name="e2e" type="string" string="${TEMPLATE}")
${include ? `$IncludeConfig ${include}` : ""}
action(type="mmjsonparse")
*.* action(type="omfile" file="${logFile}" template="e2e")
${extra}
`,
  );
  writeFileSync(logFile, "");
  let proc: ChildProcess;
  let exited: Promise<void>;
  const launch = async () => {
    rmSync(socket, { force: true }); // so that its existence means this rsyslogd made it
    proc = spawn(RSYSLOGD, ["-n", "-f", conf, "-i", join(dir, "rsyslogd.pid")], { stdio: ["ignore", "inherit", "inherit"] });
    exited = new Promise<void>((r) => proc.once("exit", () => r()));
    await waitFor(`rsyslogd socket ${socket}`, () => existsSync(socket));
    for (const port of [net.tcpPort, tls?.port, tls?.mutualPort]) {
      if (port) await waitFor(`rsyslogd listening on ${port}`, () => tcpListening(port));
    }
    if (net.udpPort) await waitFor(`rsyslogd bound to udp ${net.udpPort}`, () => udpBound(net.udpPort!));
  };
  await launch();
  return {
    socket,
    udpPort: net.udpPort,
    tcpPort: net.tcpPort,
    tlsPort: tls?.port,
    pid: () => proc.pid!,
    logFile,
    lines: () => readFileSync(logFile, "utf8").split("\n").filter(Boolean),
    stop: async () => {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill("SIGCONT");
      proc.kill("SIGTERM");
      await exited;
    },
    start: launch,
    pause: () => proc.kill("SIGSTOP"),
    resume: () => proc.kill("SIGCONT"),
  };
}
