/**
 * The effect shell of `rationale-server doctor`: asks sshd, NSS, the file
 * system, the sinks and the spool, and hands what it saw to the pure checks.
 */
import { lstatSync, readFileSync, statSync } from "node:fs";
import { effectiveSinks } from "../config/config.js";
import { loadConfig } from "../config/load-config.js";
import { sinkId } from "../config/sink-spec.js";
import { isImmutable } from "../platform/libc.js";
import { checkEnvironment } from "./check-environment.js";
import { checkForceCommand, checkWrapperBinary, checkWrapperSettings } from "./check-force-command.js";
import { checkForwarding } from "./check-forwarding.js";
import { checkShells, type ShellFacts } from "./check-shells.js";
import { checkSinks } from "./check-sinks.js";
import { checkSpool } from "./check-spool.js";
import { type Account, accountClasses, DEFAULT_CLIENT, type Spec, specArgument, specForBlock } from "./connection-spec.js";
import { type Finding, nameList } from "./finding.js";
import { mergeFindings } from "./merge-findings.js";
import { probeSink } from "./probe-sink.js";
import { readAccounts } from "./read-accounts.js";
import { readConfigFiles } from "./read-config-files.js";
import type { MatchLine } from "./sshd-config-file.js";
import type { Report } from "./render.js";
import { mapLimit, sshdT } from "./run-sshd.js";
import { scanSpool } from "./scan-spool.js";
import { type PathFacts, shellStartup, userCanChange } from "./shell-startup.js";
import { setting, type SshdSettings } from "./sshd-settings.js";
import type { EffectiveView } from "./view.js";
import { parseForceCommand, type WrapperCommand } from "./wrapper-command.js";

export interface DoctorOptions {
  sshd: string;
  sshdConfig: string;
  /** Limit the account checks to these (default: every account with a login shell). */
  users: string[];
  exempt: string[];
  spoolAgeMs: number;
  sinkTimeoutMs: number;
  jobs: number;
}

export class UnknownUserError extends Error {}

export async function runChecks(o: DoctorOptions): Promise<Report> {
  const t0 = performance.now();
  let sshdRuns = 0;
  // A Match User or Group block is asked about an account whose class sshd has often answered already: same spec, one run.
  const answers = new Map<string, Promise<SshdSettings>>();
  const ask = (spec: string) => {
    let answer = answers.get(spec);
    if (!answer) {
      sshdRuns++;
      answers.set(spec, (answer = sshdT(o.sshd, o.sshdConfig, spec)));
    }
    return answer;
  };
  // Port and ListenAddress cannot be set in a Match block, so any connection's
  // answer gives them; a spec is needed because sshd refuses -T without one
  // when a Match block tests LocalPort or LocalAddress.
  const global = await ask(specArgument({ ...DEFAULT_CLIENT, user: "doctor-probe", laddr: "0.0.0.0", lport: "22" }));
  const base = {
    ...DEFAULT_CLIENT,
    laddr: (setting(global, "listenaddress") ?? "0.0.0.0:22").replace(/^\[?([^\]]*?)\]?:\d+$/, "$1"),
    lport: setting(global, "port") ?? "22",
  };
  const db = readAccounts();
  const unknown = o.users.filter((u) => !db.byName.has(u));
  if (unknown.length) throw new UnknownUserError(`no such account: ${unknown.join(", ")} (getent passwd knows nothing of it)`);
  const accounts = o.users.length ? o.users.map((u) => db.byName.get(u)!) : db.loginAccounts;
  const scan = readConfigFiles(o.sshdConfig);

  // Accounts in the same class get the same answer from sshd: ask once per class.
  const classes = accountClasses(accounts, scan.matches);
  const accountViews: EffectiveView[] = await mapLimit(classes, o.jobs, async (members) => {
    const spec = specArgument({ ...base, user: members[0]!.name });
    const users = members.map((a) => a.name);
    const settings = await ask(spec);
    return { subject: `users ${nameList(users, 5)}`, kind: "accounts", users, settings, wrapper: wrapperOf(settings), spec };
  });
  const findings: Finding[] = scan.notes.map((n) => ({ id: "config-not-read", severity: "medium", subject: o.sshdConfig, found: n, why: "Match blocks in that file were not checked", fix: "" }));
  const blockSpecs = scan.matches.map((m) => ({ m, b: specForBlock(m, db.loginAccounts, base, scan.matches) }));
  const where = (m: MatchLine) => `Match ${m.criteria.map((c) => `${c.name} ${c.value}`.trim()).join(" ")} (${m.file}:${m.line})`;
  const matchViews: EffectiveView[] = [];
  for (const { m, b } of blockSpecs) {
    if ("cannot" in b) findings.push({ id: "match-not-exercised", severity: "medium", subject: where(m), found: b.cannot, why: "sessions entering this block may run without the wrapper or with forwarding open", fix: "" });
  }
  matchViews.push(
    ...(await mapLimit(
      blockSpecs.filter((x): x is { m: MatchLine; b: { spec: Spec; account?: Account } } => "spec" in x.b),
      o.jobs,
      async ({ m, b }) => {
        const spec = specArgument(b.spec);
        const settings = await ask(spec);
        return {
          subject: where(m),
          kind: "match" as const,
          users: b.account ? [b.account.name] : [],
          settings,
          wrapper: wrapperOf(settings),
          spec,
        };
      },
    )),
  );

  const exempt = new Set(o.exempt);
  // Keyed by program and settings file: views that start the same wrapper have it checked once, below.
  const wrappers = new Map<string, WrapperCommand>();
  for (const v of [...accountViews, ...matchViews]) {
    if (v.wrapper) wrappers.set(`${v.wrapper.binary}\0${v.wrapper.configPath}`, v.wrapper);
    findings.push(...checkForceCommand(v, exempt));
    if (exempt.size && v.users.every((u) => exempt.has(u))) continue;
    findings.push(...checkEnvironment(v), ...checkForwarding(v));
  }

  // The wrapper as sshd would start it, and what it depends on.
  let checkedWrapper: Report["checked"]["wrapper"];
  for (const w of wrappers.values()) {
    checkedWrapper ??= { binary: w.binary, config: w.configPath };
    findings.push(...checkWrapperBinary(binaryFacts(w.binary)));
    const { config, problems } = loadConfig(w.configGiven ? w.configPath : undefined, (p) => readFileSync(p));
    findings.push(...checkWrapperSettings(w.configPath, w.problems, problems));
    const sinks = effectiveSinks(config);
    const probes = await Promise.all(sinks.map((s) => probeSink(s, o.sinkTimeoutMs)));
    findings.push(...checkSinks(probes, w.configPath));
    const spool = scanSpool(config.spoolDir);
    findings.push(
      ...checkSpool({ ...spool, sinkIds: new Set(sinks.map(sinkId)), nowMs: Date.now(), maxAgeMs: o.spoolAgeMs, configPath: w.configPath }),
    );
  }

  // Login shells matter only for accounts whose sessions go through the wrapper.
  const wrapped = new Set(accountViews.filter((v) => v.wrapper).flatMap((v) => v.users));
  findings.push(...checkShells(accounts.filter((a) => wrapped.has(a.name) && a.uid !== 0).map((a) => shellFacts(a, db.gids.get(a.name) ?? []))));

  return {
    findings: mergeFindings(findings),
    checked: { sshdConfig: o.sshdConfig, wrapper: checkedWrapper, accounts: accounts.length, sshdRuns, durationMs: Math.round(performance.now() - t0) },
  };
}

const wrapperOf = (settings: SshdSettings) => parseForceCommand(setting(settings, "forcecommand"));

function binaryFacts(path: string) {
  try {
    const st = statSync(path);
    return { path, mode: st.mode, isFile: st.isFile() };
  } catch {
    return { path };
  }
}

function pathFacts(p: string): PathFacts | undefined {
  try {
    const st = lstatSync(p);
    return { uid: st.uid, gid: st.gid, mode: st.mode, isDirectory: st.isDirectory(), immutable: isImmutable(p) };
  } catch {
    return undefined;
  }
}

function shellFacts(a: Account, gids: number[]): ShellFacts {
  const rule = shellStartup(a.shell);
  const home = a.home.replace(/\/+$/, "") || "/";
  const cache = new Map<string, PathFacts | undefined>();
  const facts = (p: string) => (cache.has(p) ? cache.get(p) : cache.set(p, pathFacts(p)).get(p));
  const changeable = (rule?.userFiles ?? []).map((f) => `${home}/${f}`).filter((p) => userCanChange(p, home, { uid: a.uid, gids }, facts));
  return { user: a.name, shell: a.shell, changeable };
}

