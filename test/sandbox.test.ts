/**
 * `rationale-server sandbox` as a newcomer uses it: started by an ordinary
 * user (not root), the printed ssh line typed into a real terminal, the
 * records appearing in the sandbox's output, and Ctrl-C taking it all down.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { E2E_USER, WRAPPER } from "./support/paths.js";
import { PtySession } from "./support/pty-session.js";
import { runClient } from "./support/run-client.js";
import { checkPrerequisites } from "./support/server.js";
import { waitFor } from "./support/wait-for.js";

/** Run as the unprivileged test account; setpriv execs in place, so the pid is the sandbox's own. */
const asUser = (argv: string[]) => ["setpriv", "--reuid", E2E_USER, "--regid", E2E_USER, "--init-groups", "--", ...argv];
const userEnv = { HOME: `/home/${E2E_USER}`, USER: E2E_USER, LOGNAME: E2E_USER, PATH: "/usr/bin:/bin:/usr/sbin:/sbin" };

let sandbox: ChildProcess;
let out = "";
let exited: Promise<number | null>;

beforeAll(() => {
  checkPrerequisites();
  const [cmd, ...args] = asUser([WRAPPER, "sandbox"]);
  sandbox = spawn(cmd!, args, { env: userEnv, stdio: ["ignore", "pipe", "pipe"] });
  sandbox.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  sandbox.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  exited = new Promise((r) => sandbox.once("exit", (code) => r(code)));
});
afterAll(() => {
  if (sandbox.exitCode === null) sandbox.kill("SIGKILL");
});

const printed = (re: RegExp) => waitFor(`the sandbox to print ${re}`, () => re.exec(out)?.[1], { describe: () => out });

describe("sandbox", () => {
  test("the printed line connects through a terminal, prompts, and the records are shown", async () => {
    const line = await printed(/^ {4}(ssh -F \S+ sandbox)$/m);
    const dir = await printed(/are in (\S+);/);
    expect(existsSync(dir)).toBe(true);
    const term = new PtySession(asUser(["sh", "-c", line]), userEnv);
    await term.expect("RATIONALE:");
    term.write("INC-9 sandbox tour\r");
    await term.expect(/[$#] $/m);
    term.write("echo sandbox-$((6*7)); exit\r");
    await term.expect("sandbox-42");
    expect((await term.exit()).exitCode).toBe(0);
    const start = await printed(/^ {2}(.*session start \[.*)$/m);
    expect(start).toContain('rationale="INC-9 sandbox tour"');
    expect(start).toContain('rationale_source="prompt"');
    expect(start).toContain(`user="${E2E_USER}"`);
    expect(start).not.toMatch(/^<\d+>/);
    const end = await printed(/^ {2}(.*session end \[.*)$/m);
    expect(end).toContain('reason="exit"');
  });

  test("the second printed line sends the rationale without a prompt", async () => {
    const line = await printed(/^ {4}(RATIONALE=.* uptime)$/m);
    const r = await runClient(asUser(["sh", "-c", line]), { env: userEnv });
    expect(r.code).toBe(0);
    expect(r.stdout.toString()).toMatch(/load average/);
    await printed(/(rationale="INC-1 trying rationale" tty="no" command="uptime" pid="\d+" duration_ms)/);
  });

  test("Ctrl-C ends open sessions with their end record, stops sshd and removes the directory", async () => {
    const line = await printed(/^ {4}(ssh -F \S+ sandbox)$/m);
    const dir = await printed(/are in (\S+);/);
    const port = Number(/Port (\d+)/.exec(readFileSync(`${dir}/sshd_config`, "utf8"))![1]);
    const held = runClient(asUser(["sh", "-c", `${line} sleep 600`]), { env: { ...userEnv, RATIONALE: "held open" } });
    await printed(/(rationale="held open" tty="no" command="sleep 600" pid="\d+"\])/);
    sandbox.kill("SIGINT");
    expect(await exited).toBe(0);
    expect(out).toMatch(/session end \[[^\]]*rationale="held open"[^\]]*reason="disconnect"/);
    expect(out).toContain(`Stopped (interrupted); removed ${dir}`);
    expect(existsSync(dir)).toBe(false);
    expect((await held).code).not.toBe(0);
    const refused = await new Promise<boolean>((r) => connect(port, "127.0.0.1").once("error", () => r(true)).once("connect", () => r(false)));
    expect(refused).toBe(true);
  });
});
