/**
 * A real rsyslogd for one test file: listens on its own Unix socket (as
 * imuxsock does for /dev/log, with the default special parser) and writes
 * every message to a file, one line per message, with the properties rsyslog
 * parsed, so the tests check what rsyslog understood, not what was sent.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { RSYSLOGD } from "./paths.js";
import { waitFor } from "./wait-for.js";

export interface Rsyslog {
  socket: string;
  logFile: string;
  lines(): string[];
  stop(): Promise<void>;
}

/** One line per message: facility.severity app-name procid msgid |structured-data msg */
const TEMPLATE = `%syslogfacility-text%.%syslogseverity-text% %app-name% %procid% %msgid% |%structured-data% %msg%\\n`;

/**
 * @param rfc5424 configure imuxsock as RFC 5424 senders need: without
 *   useSpecialParser="off" Debian's rsyslog reads the "1" version field as the
 *   tag and loses the structured data.
 */
export async function startRsyslog(dir: string, { rfc5424 = false, include }: { rfc5424?: boolean; include?: string } = {}): Promise<Rsyslog> {
  const socket = join(dir, "log.sock");
  const logFile = join(dir, "messages.log");
  const conf = join(dir, "rsyslog.conf");
  writeFileSync(
    conf,
    `global(workDirectory="${dir}" maxMessageSize="16k")
module(load="imuxsock" SysSock.Use="off")
input(type="imuxsock" Socket="${socket}" CreatePath="on"${rfc5424 ? ' useSpecialParser="off" parseHostname="on"' : ""})
template(name="e2e" type="string" string="${TEMPLATE}")
${include ? `$IncludeConfig ${include}` : ""}
*.* action(type="omfile" file="${logFile}" template="e2e")
`,
  );
  writeFileSync(logFile, "");
  const proc: ChildProcess = spawn(RSYSLOGD, ["-n", "-f", conf, "-i", join(dir, "rsyslogd.pid")], {
    stdio: ["ignore", "inherit", "inherit"],
  });
  const exited = new Promise<void>((r) => proc.once("exit", () => r()));
  await waitFor(`rsyslogd socket ${socket}`, () => existsSync(socket));
  return {
    socket,
    logFile,
    lines: () => readFileSync(logFile, "utf8").split("\n").filter(Boolean),
    stop: async () => {
      proc.kill("SIGTERM");
      await exited;
    },
  };
}
