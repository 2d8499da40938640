/**
 * 6. 200 concurrent sessions through one multiplexed connection: all
 * succeed, and the log holds every start and end record exactly once.
 */
import { spawn } from "node:child_process";
import { parseLine } from "../../test/support/records.js";
import { waitFor } from "../../test/support/wait-for.js";
import { type Bench, type Row } from "../support.js";

export async function load(b: Bench, count: number): Promise<Row[]> {
  b.openMaster("wrapper");
  const tag = `load-${process.pid}-${Date.now()}`;
  const codes = await Promise.all(
    Array.from(
      { length: count },
      (_, i) =>
        new Promise<number | null>((resolve) => {
          const c = spawn("ssh", [...b.sshArgs("wrapper"), "127.0.0.1", "true", `${tag}-${i}`], { env: b.env, stdio: "ignore" });
          c.once("close", (code) => resolve(code));
        }),
    ),
  );
  const failed = codes.filter((c) => c !== 0).length;
  const mine = () =>
    b.syslog
      .lines()
      .flatMap((l) => parseLine(l) ?? [])
      .filter((r) => r.fields.command?.startsWith(`true ${tag}-`));
  // Every wrapper wrote both records before its session ended; rsyslog may still be writing them.
  const seen = await waitFor(`${2 * count} records`, () => (mine().length >= 2 * count ? mine() : undefined), { timeoutMs: 30_000 }).catch(() => mine());
  const keys = seen.map((r) => `${r.fields.event}:${r.fields.command}`);
  const unique = new Set(keys).size;
  const wrong = Math.abs(2 * count - unique) + (keys.length - unique) + failed;
  return [
    {
      metric: `load: ${count} concurrent sessions, failures + missing + duplicated records`,
      value: wrong,
      unit: "",
      target: { op: "<=", value: 0 },
      detail: `${count - failed}/${count} succeeded; ${keys.length} records, ${unique} distinct, ${2 * count} expected`,
    },
  ];
}
