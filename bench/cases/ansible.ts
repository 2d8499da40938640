/**
 * 2. A 30-task playbook with pipelining and ControlPersist, wrapper vs bare
 * sshd (and the bash reference, to show where the floor is, and a second
 * bare sshd, to show the noise), runs interleaved. Uses the rationale.audit
 * collection against all of them, so the only difference is the server.
 * Target: wall time ratio <= 1.05.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { E2E_USER, ROOT } from "../../test/support/paths.js";
import { type Bench, elapsedMs, median, type Row, type ServerName } from "../support.js";

const COLLECTION = join(ROOT, "packages", "ansible-plugin", "dist", "rationale-audit-0.1.0.tar.gz");

export async function ansible(b: Bench, runs: number): Promise<Row[]> {
  if (!existsSync(COLLECTION)) throw new Error(`${COLLECTION} is missing: run 'pnpm build'`);
  const dir = join(b.dir, "ansible");
  mkdirSync(join(dir, "home"), { recursive: true });
  const env = { ...b.env, HOME: join(dir, "home"), ANSIBLE_COLLECTIONS_PATH: join(dir, "collections"), ANSIBLE_NOCOLOR: "1" };
  const sh = (args: string[]) => {
    const r = spawnSync(args[0]!, args.slice(1), { cwd: dir, env, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${args.join(" ")} failed: ${r.stdout}${r.stderr}`);
  };
  sh(["ansible-galaxy", "collection", "install", COLLECTION, "-p", join(dir, "collections")]);
  writeFileSync(
    join(dir, "ansible.cfg"),
    "[defaults]\ntransport = rationale.audit.ssh\ncallbacks_enabled = rationale.audit.rationale\nhost_key_checking = False\n" +
      "[ssh_connection]\npipelining = True\nssh_args = -C -o ControlMaster=auto -o ControlPersist=60s\n",
  );
  const hosts = (Object.keys(b.servers) as ServerName[])
    .map((n) => `${n} ansible_host=127.0.0.1 ansible_port=${b.servers[n].port} ansible_user=${E2E_USER} ansible_ssh_private_key_file=${b.servers[n].keyFile} ansible_python_interpreter=/usr/bin/python3`)
    .join("\n");
  writeFileSync(join(dir, "inventory.ini"), hosts + "\n");
  const tasks = Array.from({ length: 30 }, (_, i) => `    - name: task ${i + 1}\n      ansible.builtin.command: "true"\n      changed_when: false\n`).join("");
  writeFileSync(join(dir, "play.yml"), `- hosts: all\n  gather_facts: false\n  become: false\n  tasks:\n${tasks}`);
  const times: Record<string, number[]> = { bare: [], control: [], wrapper: [], reference: [] };
  for (let i = 0; i < runs + 1; i++) {
    for (const n of ["bare", "control", "wrapper", "reference"] as const) {
      const t0 = process.hrtime.bigint();
      sh(["ansible-playbook", "-i", "inventory.ini", "-l", n, "play.yml"]);
      if (i > 0) times[n]!.push(elapsedMs(t0)); // the first run opens the master and warms caches
    }
  }
  const bare = median(times.bare!);
  const wrapper = median(times.wrapper!);
  const reference = median(times.reference!);
  // A second bare sshd: how far two identical servers differ in this run.
  const control = median(times.control!);
  return [
    {
      metric: "30-task playbook (pipelining, ControlPersist): wall time, wrapper / bare",
      value: wrapper / bare,
      unit: "x",
      target: { op: "<=", value: 1.05 },
      detail: `${runs} runs each, medians: bare ${(bare / 1000).toFixed(2)} s, wrapper ${(wrapper / 1000).toFixed(2)} s, bash reference ${(reference / 1000).toFixed(2)} s (${(reference / bare).toFixed(2)}x), control (a second bare sshd) ${(control / 1000).toFixed(2)} s (${(control / bare).toFixed(2)}x)`,
    },
  ];
}
