/** Run `ssh -G` with the user's arguments to learn the effective configuration. */
import { execFileSync } from "node:child_process";
import { parseSshG, type SshConfig } from "./effective-config.js";

/** Undefined when ssh cannot tell (bad arguments): ssh itself will say why when it runs. */
export function querySshConfig(args: readonly string[], extra: readonly string[] = []): SshConfig | undefined {
  try {
    const out = execFileSync("ssh", ["-G", ...extra, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    return parseSshG(out);
  } catch {
    return undefined;
  }
}
