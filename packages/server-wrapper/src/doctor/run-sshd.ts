/**
 * Ask sshd for its effective configuration: `sshd -T -f FILE [-C SPEC]`,
 * many at once with a bounded number running (each run parses every config
 * file and takes ~10-15 ms).
 */
import { execFile } from "node:child_process";
import { parseSshdT, type SshdSettings } from "./sshd-settings.js";

export class SshdError extends Error {
  constructor(
    message: string,
    readonly kind: "missing" | "not-root" | "config",
  ) {
    super(message);
  }
}

export function sshdT(sshd: string, configFile: string, spec?: string): Promise<SshdSettings> {
  const args = ["-T", "-f", configFile, ...(spec ? ["-C", spec] : [])];
  return new Promise((resolve, reject) => {
    execFile(sshd, args, { encoding: "utf8", maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      if (!err) return resolve(parseSshdT(stdout));
      const code = (err as NodeJS.ErrnoException).code;
      if (code === "ENOENT") {
        return reject(new SshdError(`${sshd} not found: install OpenSSH's server (Debian/Ubuntu: apt-get install openssh-server; RHEL: dnf install openssh-server), or name it with --sshd PATH`, "missing"));
      }
      if (code === "EACCES") return reject(new SshdError(`${sshd} is not executable by this user: run as root`, "not-root"));
      const said = stderr.trim().split("\n").slice(-3).join("; ") || String(err.message);
      if (/hostkeys available|Permission denied|must be run as root|privilege separation/i.test(said) && process.getuid?.() !== 0) {
        return reject(new SshdError(`sshd -T failed (${said}): run as root, since sshd reads its host keys and every config file`, "not-root"));
      }
      reject(new SshdError(`sshd -T ${args.slice(1).join(" ")} failed: ${said}`, "config"));
    });
  });
}

/** Run `work` over `items` with at most `limit` in flight, results in input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, work: (t: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const runners = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]!);
    }
  });
  await Promise.all(runners);
  return out;
}
