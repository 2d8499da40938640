/** Run a real client program (ssh, scp, sftp, rsync) and collect what it did. */
import { spawn } from "node:child_process";

export interface ClientResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: Buffer;
  stderr: string;
}

export function runClient(
  argv: string[],
  { env, input, timeoutMs = 60_000 }: { env?: Record<string, string>; input?: Buffer | string; timeoutMs?: number } = {},
): Promise<ClientResult> {
  return new Promise((resolve, reject) => {
    const [cmd, ...args] = argv as [string, ...string[]];
    const child = spawn(cmd, args, { env: { ...cleanEnv(), ...env }, stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    let err = "";
    child.stdout.on("data", (d: Buffer) => out.push(d));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${cmd} ${args.join(" ")} did not finish in ${timeoutMs} ms; stderr: ${err}`));
    }, timeoutMs);
    child.once("error", reject);
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout: Buffer.concat(out), stderr: err });
    });
    child.stdin.on("error", () => {});
    child.stdin.end(input ?? "");
  });
}

/** The test runner's environment minus anything a client could forward by accident. */
export function cleanEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !k.startsWith("RATIONALE") && !k.startsWith("LC_") && k !== "LANG") env[k] = v;
  }
  return env;
}
