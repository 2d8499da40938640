/**
 * The `rationale` client against the real sshd + wrapper: what the operator
 * types (or is asked for at a real pseudo-terminal) is what the server's
 * syslog record holds, byte for byte.
 */
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, onTestFinished, test } from "vitest";
import { CLIENT_CLI, E2E_USER } from "./support/paths.js";
import { PtySession } from "./support/pty-session.js";
import { records, sessionRecords } from "./support/records.js";
import { cleanEnv, type ClientResult, runClient } from "./support/run-client.js";
import { startServer, type TestServer } from "./support/server.js";
import { type Sshd, startSshd } from "./support/sshd.js";

let server: TestServer;
let home: string;
/** An ssh client config for the test server, as an operator's ~/.ssh/config would have it. */
let sshConfig: string;

beforeAll(async () => {
  if (!existsSync(CLIENT_CLI)) throw new Error(`${CLIENT_CLI} is missing: run 'pnpm build' first`);
  server = await startServer({ name: "client-cli" });
  home = join(server.dir, "home");
  mkdirSync(join(home, ".ssh"), { recursive: true, mode: 0o700 });
  sshConfig = join(home, ".ssh", "config");
  writeFileSync(sshConfig, hostBlock("testbox"), { mode: 0o600 });
});
afterAll(() => server?.stop());

function hostBlock(name: string, extra = ""): string {
  return [
    `# the operator's own settings`,
    `Host ${name}`,
    `    HostName 127.0.0.1`,
    `    Port ${server.sshd.port}`,
    `    User ${E2E_USER}`,
    `    IdentityFile ${server.sshd.keyFile}`,
    `    StrictHostKeyChecking no`,
    `    UserKnownHostsFile /dev/null`,
    `    LogLevel ERROR`,
    `    BatchMode yes`,
    extra,
  ].join("\n");
}

/** The environment of an operator's shell: a scratch HOME and XDG dirs, nothing RATIONALE-ish. */
function operatorEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    HOME: home,
    XDG_CONFIG_HOME: join(home, ".config"),
    XDG_STATE_HOME: join(home, ".local", "state"),
    XDG_CONFIG_DIRS: join(server.dir, "xdg"),
    ...extra,
  };
}

/** Run the CLI with no controlling terminal (setsid), as cron or CI would. */
function cli(args: string[], env: Record<string, string> = {}, input: string | Buffer = ""): Promise<ClientResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLIENT_CLI, ...args], {
      env: { ...cleanEnv(), ...operatorEnv(env) },
      detached: true,
      stdio: ["pipe", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    let err = "";
    child.stdout.on("data", (d: Buffer) => out.push(d));
    child.stderr.on("data", (d: Buffer) => (err += d));
    child.once("error", reject);
    child.once("close", (code, signal) => resolve({ code, signal, stdout: Buffer.concat(out), stderr: err }));
    child.stdin.end(input);
  });
}

const ssh = (...remote: string[]) => ["ssh", ...server.sshd.clientArgs(), "127.0.0.1", ...remote];

describe("rationale ssh / exec", () => {
  const odd = `INC-1 a b 'single' "double" $HOME \`id\` $(id) \\back\\\\slash 50% \${X} ünïcødé 日本 ✓ tab\there`;

  test("-m: any text arrives byte for byte in the server's record, with RATIONALE_CLIENT=ssh", async () => {
    const r = await cli(["-m", odd, ...ssh("true", "odd-m")]);
    expect(r.code, r.stderr).toBe(0);
    const { start } = await sessionRecords(server.syslog, "true odd-m");
    expect(start.fields.rationale).toBe(odd);
    expect(start.fields.declared_client).toBe("ssh");
    expect(start.fields.rationale_source).toBe("client");
  });

  test("an exported RATIONALE and exec: the tool's name (or --client) is the declared client", async () => {
    const r = await cli(["exec", "--", "ssh", ...server.sshd.clientArgs(), "127.0.0.1", "true", "odd-env"], { RATIONALE: odd });
    expect(r.code, r.stderr).toBe(0);
    expect((await sessionRecords(server.syslog, "true odd-env")).start.fields).toMatchObject({ rationale: odd, declared_client: "ssh" });
    const r2 = await cli(["exec", "--client", "deploy-script", "-m", "DEPLOY-1 ship", "--", "ssh", ...server.sshd.clientArgs(), "127.0.0.1", "true", "named"]);
    expect(r2.code, r2.stderr).toBe(0);
    expect((await sessionRecords(server.syslog, "true named")).start.fields).toMatchObject({ rationale: "DEPLOY-1 ship", declared_client: "deploy-script" });
  });

  test("stdin and stdout stay the tool's: bytes piped through ssh arrive unchanged", async () => {
    const data = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7919) % 256));
    const r = await cli(["-m", "pipe check", ...ssh("cat")], {}, data);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.equals(data)).toBe(true);
  });

  test("exit status and signals of the tool pass through", async () => {
    expect((await cli(["-m", "exit check", ...ssh("exit 7")])).code).toBe(7);
    const killed = await cli(["-m", "signal check", "exec", "--", "sh", "-c", "kill -TERM $$"]);
    expect(killed.signal).toBe("SIGTERM");
    const missing = await cli(["-m", "x", "exec", "--", "no-such-tool-here"]);
    expect(missing.code).toBe(127);
    expect(missing.stderr).toMatch(/no-such-tool-here: command not found/);
  });

  test("no terminal and no rationale: exit 2, the three ways named, nothing run", async () => {
    const r = await cli(ssh("true", "no-tty"));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/-m\/--rationale/);
    expect(r.stderr).toMatch(/export RATIONALE=/);
    expect(r.stderr).toMatch(/from a terminal/);
    expect((await cli(["-m", "after", ...ssh("true", "after-no-tty")])).code).toBe(0);
    await sessionRecords(server.syslog, "true after-no-tty");
    expect(records(server.syslog).filter((x) => x.fields.command === "true no-tty")).toEqual([]);
  });

  test("a team config pins the rules: the user's file cannot relax them", async () => {
    const team = join(server.dir, "xdg", "rationale");
    mkdirSync(team, { recursive: true });
    writeFileSync(join(team, "config.json"), JSON.stringify({ pattern: "[A-Z]+-[0-9]+", pin: ["pattern"] }));
    mkdirSync(join(home, ".config", "rationale"), { recursive: true });
    writeFileSync(join(home, ".config", "rationale", "config.json"), JSON.stringify({ pattern: ".*" }));
    try {
      const r = await cli(["-m", "no ticket here", ...ssh("true", "pinned")]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/"pattern" in .*config\.json is pinned by a team config/);
      expect(r.stderr).toMatch(/must match \[A-Z\]\+-\[0-9\]\+/);
      expect((await cli(["-m", "OPS-12 with ticket", ...ssh("true", "pinned-ok")])).code).toBe(0);
    } finally {
      writeFileSync(join(team, "config.json"), "{}");
      writeFileSync(join(home, ".config", "rationale", "config.json"), "{}");
    }
  });
});

describe("the prompt, through a real pseudo-terminal", () => {
  test("asks, checks the rules as you type, sends the answer; the next run offers it again", async () => {
    mkdirSync(join(home, ".config", "rationale"), { recursive: true });
    writeFileSync(join(home, ".config", "rationale", "config.json"), JSON.stringify({ minLength: 12 }));
    onTestFinished(() => writeFileSync(join(home, ".config", "rationale", "config.json"), "{}"));
    const answer = `CHG-9 "quoted" $PATH ünï`;
    // A state dir of its own: no history yet, so the first run asks for text.
    const env = operatorEnv({ XDG_STATE_HOME: join(server.dir, "state-prompt") });
    const first = new PtySession([process.execPath, CLIENT_CLI, ...ssh('printf "[%s]" "$RATIONALE"', "#", "prompt-1")], env);
    await first.expect("Rationale (why are you connecting?):");
    first.write("too short\r");
    await first.expect("at least 12 characters");
    first.write("\x15"); // Ctrl-U: clear the line
    for (const ch of answer) first.write(ch);
    first.write("\r");
    await first.expect(`[${answer}]`);
    expect((await first.exit()).exitCode).toBe(0);
    const { start } = await sessionRecords(server.syslog, 'printf "[%s]" "$RATIONALE" # prompt-1');
    expect(start.fields.rationale).toBe(answer);

    const history = join(server.dir, "state-prompt", "rationale", "history.json");
    expect(statSync(history).mode & 0o777).toBe(0o600);
    expect(statSync(join(server.dir, "state-prompt", "rationale")).mode & 0o777).toBe(0o700);

    const second = new PtySession([process.execPath, CLIENT_CLI, ...ssh("true", "prompt-2")], env);
    await second.expect("Why are you connecting?");
    await second.expect(answer);
    second.write("\x1b[B"); // down: from "Enter a new rationale" to the most recent one
    second.write("\r");
    expect((await second.exit()).exitCode).toBe(0);
    expect((await sessionRecords(server.syslog, "true prompt-2")).start.fields.rationale).toBe(answer);
  });

  test("Ctrl-C at the prompt runs nothing", async () => {
    const s = new PtySession([process.execPath, CLIENT_CLI, ...ssh("true", "cancelled")], operatorEnv());
    await s.expect(/Why are you connecting\?|Rationale \(why are you connecting\?\):/);
    s.write("\x03");
    expect((await s.exit()).exitCode).toBe(130);
    expect((await cli(["-m", "marker", ...ssh("true", "after-cancel")])).code).toBe(0);
    await sessionRecords(server.syslog, "true after-cancel");
    expect(records(server.syslog).filter((x) => x.fields.command === "true cancelled")).toEqual([]);
  });

  test("an interactive login: after the prompt ssh owns the terminal", async () => {
    const s = new PtySession([process.execPath, CLIENT_CLI, "-m", "INC-5 look around", "ssh", "-tt", ...server.sshd.clientArgs(), "127.0.0.1"], operatorEnv());
    await s.expect(/[$#] $/m, 15_000);
    s.write('echo "got:$RATIONALE"\r');
    await s.expect("got:INC-5 look around");
    s.write("exit 3\r");
    expect((await s.exit()).exitCode).toBe(3);
  });
});

describe("rationale setup", () => {
  const sshG = (host: string) => spawnSync("ssh", ["-G", "-F", sshConfig, host], { encoding: "utf8" }).stdout;

  test("dry run, add, idempotent re-run, remove: exactly the marked block changes", async () => {
    const original = readFileSync(sshConfig, "utf8");
    const dry = await cli(["setup", "--dry-run", "testbox", "web-*"]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout.toString()).toMatch(/^\+Host testbox web-\*$/m);
    expect(dry.stdout.toString()).toMatch(/^\+    SendEnv RATIONALE RATIONALE_CLIENT$/m);
    expect(readFileSync(sshConfig, "utf8")).toBe(original);

    // Before setup plain ssh sends nothing: the server records no rationale.
    const before = await runClient(["ssh", "-F", sshConfig, "testbox", "true", "plain-before"], { env: { RATIONALE: "OPS-1 plain ssh" } });
    expect(before.code, before.stderr).toBe(0);
    expect((await sessionRecords(server.syslog, "true plain-before")).start.fields.rationale_source).toBe("none");

    const add = await cli(["setup", "testbox", "web-*"]);
    expect(add.code, add.stderr).toBe(0);
    const added = readFileSync(sshConfig, "utf8");
    expect(added.startsWith(original)).toBe(true);
    expect(readFileSync(`${sshConfig}.rationale-backup`, "utf8")).toBe(original);
    expect(sshG("testbox")).toMatch(/^sendenv RATIONALE$/m);
    expect(sshG("testbox")).toMatch(/^sendenv RATIONALE_CLIENT$/m);
    expect(sshG("web-7")).toMatch(/^sendenv RATIONALE$/m);
    expect(sshG("db-1")).not.toMatch(/^sendenv/m);

    // ... and after it, plain ssh does.
    const after = await runClient(["ssh", "-F", sshConfig, "testbox", "true", "plain-after"], { env: { RATIONALE: "OPS-1 plain ssh" } });
    expect(after.code, after.stderr).toBe(0);
    expect((await sessionRecords(server.syslog, "true plain-after")).start.fields.rationale).toBe("OPS-1 plain ssh");

    const again = await cli(["setup", "testbox", "web-*"]);
    expect(again.stdout.toString()).toMatch(/already up to date/);
    expect(readFileSync(sshConfig, "utf8")).toBe(added);

    const removed = await cli(["setup", "--remove"]);
    expect(removed.code, removed.stderr).toBe(0);
    expect(readFileSync(sshConfig, "utf8")).toBe(original);
  });

  test("a symlinked config is edited where it points, keeping its mode", async () => {
    const real = join(home, "dotfiles-ssh-config");
    writeFileSync(real, "Host x\n    User y\n");
    chmodSync(real, 0o640);
    const link = join(home, ".ssh", "config-link");
    symlinkSync(real, link);
    const r = await cli(["setup", "--file", link, "x"]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(real, "utf8")).toMatch(/^Host x\n {4}User y\n# BEGIN rationale/);
    expect(statSync(real).mode & 0o777).toBe(0o640);
    expect(existsSync(link) && readFileSync(link, "utf8") === readFileSync(real, "utf8")).toBe(true);
  });

  test("a pattern that would inject config lines is refused", async () => {
    const r = await cli(["setup", "a\nProxyCommand evil"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not an ssh host pattern/);
  });
});

describe("multiplexed connections", () => {
  test("an existing master started without SendEnv cannot drop the rationale", async () => {
    const cfg = join(home, ".ssh", "config-mux");
    writeFileSync(cfg, hostBlock("muxbox", `    ControlMaster auto\n    ControlPath ${join(server.dir, "cm-%C")}\n    ControlPersist 60\n`));
    const plain = await runClient(["ssh", "-F", cfg, "muxbox", "true", "mux-plain"]);
    expect(plain.code, plain.stderr).toBe(0);
    const check = await runClient(["ssh", "-F", cfg, "-O", "check", "muxbox"]);
    expect(check.stderr).toMatch(/Master running/); // the trap is set: a master without SendEnv
    try {
      const r = await cli(["-m", "OPS-3 through a master", "ssh", "-F", cfg, "muxbox", "true", "mux-rationale"]);
      expect(r.code, r.stderr).toBe(0);
      expect((await sessionRecords(server.syslog, "true mux-rationale")).start.fields.rationale).toBe("OPS-3 through a master");
    } finally {
      await runClient(["ssh", "-F", cfg, "-O", "exit", "muxbox"]);
      await runClient(["ssh", "-F", cfg, "-o", `ControlPath=${join(process.env.HOME ?? "/root", ".ssh", "rationale-%C")}`, "-O", "exit", "muxbox"]);
    }
  });
});

describe("rationale doctor", () => {
  let noAcceptEnv: Sshd;
  let bare: Sshd;
  beforeAll(async () => {
    const conf = `SyslogSocket ${server.syslog.socket}\nSpoolDir ${server.spoolDir}\n`;
    noAcceptEnv = await startSshd({ dir: server.dir, name: "no-acceptenv", acceptEnv: "", wrapperConfig: conf });
    bare = await startSshd({ dir: server.dir, name: "bare", wrapped: false });
  });
  afterAll(async () => {
    await noAcceptEnv?.stop();
    await bare?.stop();
  });

  test("a correctly set-up server: wrapper runs, both variables intact, exit 0", async () => {
    const r = await cli(["doctor", ...server.sshd.clientArgs(), "127.0.0.1"]);
    expect(r.stdout.toString()).toMatch(/ok +the rationale wrapper runs for this account/);
    expect(r.stdout.toString()).toMatch(/ok +RATIONALE arrived intact/);
    expect(r.stdout.toString()).toMatch(/ok +RATIONALE_CLIENT arrived intact/);
    expect(r.code, r.stdout.toString()).toBe(0);
    const [rec] = records(server.syslog).filter((x) => x.fields.declared_client === "rationale-doctor");
    expect(rec?.fields.rationale).toMatch(/^rationale doctor: /);
  });

  test("a server without AcceptEnv: the missing line is named, exit 1", async () => {
    const r = await cli(["doctor", ...noAcceptEnv.clientArgs(), "127.0.0.1"]);
    expect(r.code).toBe(1);
    expect(r.stdout.toString()).toMatch(/PROBLEM {2}the server did not accept RATIONALE/);
    expect(r.stdout.toString()).toMatch(/AcceptEnv RATIONALE RATIONALE_CLIENT/);
  });

  test("a server without the wrapper: says nothing is recorded, --json for tooling", async () => {
    const r = await cli(["doctor", "--json", ...bare.clientArgs(), "127.0.0.1"]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout.toString());
    expect(report.findings[0]).toMatchObject({ level: "problem", message: expect.stringMatching(/no rationale wrapper ran/) });
  });
});

describe("shell completion", () => {
  test("bash completes commands and exec's command; zsh's script parses", async () => {
    const bash = (await cli(["completion", "bash"])).stdout.toString();
    const run = (words: string) =>
      spawnSync("bash", ["-c", `${bash}\nCOMP_WORDS=(${words}); COMP_CWORD=$(( \${#COMP_WORDS[@]} - 1 )); _rationale; printf '%s\\n' "\${COMPREPLY[@]}"`], { encoding: "utf8" }).stdout;
    expect(run("rationale s").split("\n")).toEqual(expect.arrayContaining(["ssh", "setup"]));
    expect(run("rationale -m why d").split("\n")).toContain("doctor");
    expect(run("rationale exec rsyn").split("\n")).toContain("rsync");
    const zsh = (await cli(["completion", "zsh"])).stdout.toString();
    expect(zsh.startsWith("#compdef rationale")).toBe(true);
    const z = spawnSync("zsh", ["-n"], { input: zsh, encoding: "utf8" });
    expect(z.error, "zsh is installed by .ci/bootstrap.sh").toBeUndefined();
    expect(z.status, z.stderr).toBe(0);
  });

  test("--help on every command shows examples; --version prints the version", async () => {
    for (const c of ["ssh", "exec", "setup", "doctor", "completion"]) {
      const r = await cli([c, "--help"]);
      expect(r.code).toBe(0);
      expect(r.stdout.toString()).toMatch(/Examples:/);
    }
    expect((await cli(["--version"])).stdout.toString().trim()).toMatch(/^\d+\.\d+\.\d+/);
    const bad = await cli(["frobnicate"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown command 'frobnicate'/);
  });
});
