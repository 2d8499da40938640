/** Where the built artefacts and system binaries the end-to-end tests use are. */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const WRAPPER = join(ROOT, "packages", "server-wrapper", "dist", "rationale-server");
export const CLIENT_CLI = join(ROOT, "packages", "client-cli", "dist", "rationale.js");
export const SSHD = "/usr/sbin/sshd";
export const RSYSLOGD = "/usr/sbin/rsyslogd";
export const E2E_USER = process.env.RATIONALE_E2E_USER ?? "rationale-e2e";

import { execFileSync } from "node:child_process";
/** The test account's uid, for finding its processes. */
export const e2eUid = (): number => Number(execFileSync("id", ["-u", E2E_USER], { encoding: "utf8" }).trim());
