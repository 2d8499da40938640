/**
 * The benchmark suite: every figure measured in one run against a bare sshd
 * (or the bash reference) on this machine, printed against its target.
 * Not part of `pnpm test`: timings belong here, not in tests.
 *
 *   pnpm bench                      # everything (about 12 minutes on 2 cores)
 *   pnpm bench -- --quick           # smaller sizes and fewer rounds (about 3 minutes)
 *   pnpm bench -- latency memory    # chosen cases: latency ansible transfer interactive memory load
 *   pnpm bench -- --strict          # exit 1 when a target is missed
 */
import { ansible } from "./cases/ansible.js";
import { interactive } from "./cases/interactive.js";
import { latency } from "./cases/latency.js";
import { load } from "./cases/load.js";
import { memory } from "./cases/memory.js";
import { transfer } from "./cases/transfer.js";
import { type Bench, type Row, startBench } from "./support.js";

const args = process.argv.slice(2).filter((a) => a !== "--");
const quick = args.includes("--quick");
const strict = args.includes("--strict");
const size = <T>(full: T, small: T) => (quick ? small : full);

const CASES: Record<string, (b: Bench) => Promise<Row[]>> = {
  latency: (b) => latency(b, size(300, 60)),
  ansible: (b) => ansible(b, size(3, 1)),
  transfer: (b) => transfer(b, size(1024, 128), size(7, 3)),
  interactive: (b) => interactive(b, size(300_000, 50_000), size(300, 100), size(3, 1)),
  memory: (b) => memory(b, size(100, 30)),
  load: (b) => load(b, 200),
};

function met(r: Row): boolean | undefined {
  if (!r.target) return undefined;
  return r.target.op === "<=" ? r.value <= r.target.value : r.value >= r.target.value;
}

async function main() {
  const chosen = args.filter((a) => !a.startsWith("--"));
  const unknown = chosen.filter((c) => !(c in CASES));
  if (unknown.length) throw new Error(`unknown case(s) ${unknown.join(", ")}; cases are ${Object.keys(CASES).join(", ")}`);
  const names = chosen.length ? chosen : Object.keys(CASES);
  const bench = await startBench();
  const rows: Row[] = [];
  try {
    for (const name of names) {
      process.stderr.write(`running ${name}...\n`);
      try {
        rows.push(...(await CASES[name]!(bench)));
      } catch (e) {
        rows.push({ metric: `${name}: could not be measured: ${(e as Error).message.split("\n")[0]}`, value: NaN, unit: "" });
      }
    }
  } finally {
    await bench.close();
  }
  console.log(`\nrationale benchmarks${quick ? " (--quick)" : ""}, ${new Date().toISOString()}`);
  let missed = 0;
  for (const r of rows) {
    const ok = met(r);
    if (ok === false || Number.isNaN(r.value)) missed++;
    const target = r.target ? `target ${r.target.op} ${r.target.value}${r.unit}` : "";
    const mark = ok === undefined ? "     " : ok ? "  ok " : "MISSED";
    console.log(`${mark} ${r.metric}: ${Number.isNaN(r.value) ? "-" : r.value.toFixed(2)}${r.unit}  ${target}`);
    if (r.detail) console.log(`        ${r.detail}`);
  }
  if (strict && missed) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
