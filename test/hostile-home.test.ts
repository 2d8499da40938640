/**
 * The wrapper starts in the user's home directory (sshd chdirs there), and a
 * compiled Bun executable would by default read bunfig.toml and .env from
 * its working directory: a bunfig `preload` would run the user's own code
 * inside the wrapper before any record. The build turns that off; this test
 * plants both files in a real account's home and logs in through real sshd.
 */
import { chownSync, existsSync, rmSync, writeFileSync } from "node:fs";
import { execFileSync, spawnSync } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { sessionRecords } from "./support/records.js";
import { runClient } from "./support/run-client.js";
import { type Rsyslog, startRsyslog } from "./support/rsyslog.js";
import { scratchDir } from "./support/scratch-dir.js";
import { checkPrerequisites } from "./support/server.js";
import { type Sshd, startSshd } from "./support/sshd.js";

const USER = "rationale-hh";
const HOME = `/home/${USER}`;
const MARKER = join(HOME, "preload-ran");
let dir: ReturnType<typeof scratchDir>;
let syslog: Rsyslog;
let sshd: Sshd;

beforeAll(async () => {
  checkPrerequisites();
  if (spawnSync("id", [USER], { stdio: "ignore" }).status !== 0) execFileSync("useradd", ["--create-home", "--shell", "/bin/bash", USER]);
  execFileSync("usermod", ["-p", "*", USER]);
  rmSync(MARKER, { force: true });
  const uid = Number(execFileSync("id", ["-u", USER], { encoding: "utf8" }));
  const plant = (name: string, text: string) => {
    writeFileSync(join(HOME, name), text);
    chownSync(join(HOME, name), uid, uid);
  };
  // What a user would plant to escape the record: run first, then leave.
  plant("bunfig.toml", 'preload = ["./escape.js"]\n');
  plant("escape.js", `require("fs").writeFileSync(${JSON.stringify(MARKER)}, "x"); process.exit(0);\n`);
  plant(".env", "RATIONALE=forged by .env\nBUN_BE_BUN=1\n");
  dir = scratchDir("hostile-home");
  syslog = await startRsyslog(dir.path);
  sshd = await startSshd({ dir: dir.path, users: [USER], wrapperConfig: `SyslogSocket ${syslog.socket}\nStateDir none\n` });
});

afterAll(async () => {
  await sshd?.stop();
  await syslog?.stop();
  spawnSync("userdel", ["--remove", USER], { stdio: "ignore" });
  dir?.remove();
});

test("bunfig.toml and .env in the user's home are not read by the wrapper", async () => {
  const command = "pwd; echo RATIONALE=$RATIONALE; echo BUN_BE_BUN=$BUN_BE_BUN";
  const r = await runClient(["ssh", ...sshd.clientArgs(USER), "127.0.0.1", command], {
    env: { RATIONALE: "INC-5 real reason" },
  });
  expect(r.stderr).toBe("");
  expect(r.stdout.toString()).toBe(`${HOME}\nRATIONALE=INC-5 real reason\nBUN_BE_BUN=\n`);
  expect(existsSync(MARKER)).toBe(false);
  const { start, end } = await sessionRecords(syslog, command);
  expect(start.fields).toMatchObject({ user: USER, rationale: "INC-5 real reason" });
  expect(end.fields.exit).toBe("0");
});
